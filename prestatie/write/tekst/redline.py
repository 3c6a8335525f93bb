"""The comparison as a reader gets it: Markdown and HTML (for a raadslid); the Word document
with tracked changes is ``redline_word``.

Every text comes from the sources and is escaped for its format: Markdown specials are
backslashed, HTML is escaped, Word gets plain runs.
"""

from __future__ import annotations

import html

from ...core.markdown import escape_md
from ...plan.verschil import GROEPEN, Onderdeel, Overeenkomstverschil, Wijziging, woordverschil

TITEL = "Wijzigingen in de prestatieafspraken"
SOORT = {"toegevoegd": "nieuw", "verwijderd": "vervallen", "gewijzigd": "gewijzigd"}
LEESWIJZER = ("Doorgehaalde tekst vervalt, onderstreepte tekst is nieuw. Alleen wat veranderde "
              "staat hieronder.")


def samenvatting(v: Overeenkomstverschil) -> str:
    """One line: what changed in this agreement."""
    if v.soort != "gewijzigd":
        return f"{v.titel}: overeenkomst {SOORT[v.soort]}."
    if v.leeg:
        return f"{v.titel}: geen wijzigingen."
    parts = []
    t = v.telling("Afspraken")
    labels = {s: [o.naam.split(" · ")[0] for o in v.groepen["Afspraken"] if o.soort == s] for s in t}
    for soort, woord in (("gewijzigd", "gewijzigd"), ("toegevoegd", "nieuw"), ("verwijderd", "vervallen")):
        if t[soort]:
            parts.append(f"{t[soort]} {'afspraak' if t[soort] == 1 else 'afspraken'} {woord} "
                         f"({', '.join(labels[soort])})")
    for groep in GROEPEN[1:]:
        n = len(v.groepen.get(groep, []))
        if n:
            parts.append(f"{groep.lower()}: {n} {'wijziging' if n == 1 else 'wijzigingen'}")
    if v.algemeen:
        parts.append(f"overeenkomst zelf: {', '.join(w.veld.lower() for w in v.algemeen)}")
    return f"{v.titel}: " + "; ".join(parts) + "."


# --- Markdown -----------------------------------------------------------------------------

def _spaced(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A space between a deletion and the insertion right after it, for reading."""
    out: list[tuple[str, str]] = []
    for kind, text in parts:
        if out and out[-1][0] == "-" and kind == "+" and not out[-1][1][-1:].isspace() and not text[:1].isspace():
            out.append(("=", " "))
        out.append((kind, text))
    return out


def _md_redline(w: Wijziging) -> str:
    parts = []
    for kind, text in _spaced(woordverschil(w.oud, w.nieuw)):
        body = escape_md(text) if text.strip() else text
        core = body.strip()
        if kind == "=" or not core:
            parts.append(body if kind == "=" else "")
        else:
            lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()):]
            mark = "~~" if kind == "-" else "**"
            parts.append(f"{lead}{mark}{core}{mark}{trail}")
    return " ".join("".join(parts).split("\n"))


def markdown(verschillen: list[Overeenkomstverschil], oud: str, nieuw: str) -> str:
    lines = [f"# {TITEL}", "", escape_md(f"Van {oud} naar {nieuw}."), "",
             "Leeswijzer: ~~doorgehaald~~ vervalt, **vet** is nieuw.", ""]
    for v in verschillen:
        lines += [f"## {escape_md(v.titel)}", "", escape_md(samenvatting(v)), ""]
        if v.soort != "gewijzigd" or v.leeg:
            continue
        if v.algemeen:
            lines += ["### De overeenkomst", ""]
            lines += [f"- {escape_md(w.veld)}: {_md_redline(w)}" for w in v.algemeen] + [""]
        for groep in GROEPEN:
            for o in v.groepen.get(groep, []):
                lines += [f"### {escape_md(o.naam)} ({SOORT[o.soort]})", ""]
                lines += [f"- {escape_md(w.veld)}: {_md_redline(w)}" for w in o.wijzigingen] + [""]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML ---------------------------------------------------------------------------------

def _html_redline(w: Wijziging) -> str:
    out = []
    for kind, text in _spaced(woordverschil(w.oud, w.nieuw)):
        t = html.escape(text).replace("\n", "<br>")
        if kind == "=":
            out.append(t)
        elif kind == "-":
            out.append(f'<del><span class="vh">verwijderd: </span>{t}</del>')
        else:
            out.append(f'<ins><span class="vh">toegevoegd: </span>{t}</ins>')
    return "".join(out) or "–"


def html_page(verschillen: list[Overeenkomstverschil], oud: str, nieuw: str, css: str) -> str:
    e = html.escape
    body = [f"<h1>{e(TITEL)}</h1>", f"<p>Van {e(oud)} naar {e(nieuw)}.</p>",
            '<p class="leeswijzer">Leeswijzer: <del>doorgehaalde tekst</del> vervalt, '
            "<ins>onderstreepte tekst</ins> is nieuw.</p>"]
    for v in verschillen:
        body += [f"<section><h2>{e(v.titel)}</h2>", f'<p class="samenvatting">{e(samenvatting(v))}</p>']
        if v.soort == "gewijzigd" and not v.leeg:
            if v.algemeen:
                body.append("<h3>De overeenkomst</h3>" + _html_fields(v.algemeen))
            for groep in GROEPEN:
                items = v.groepen.get(groep, [])
                if items:
                    body.append(f"<h3>{e(groep)}</h3>")
                    body += [_html_item(o) for o in items]
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(TITEL)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _html_item(o: Onderdeel) -> str:
    return (f'<article class="{o.soort}"><h4>{html.escape(o.naam)} '
            f'<span class="soort">({SOORT[o.soort]})</span></h4>{_html_fields(o.wijzigingen)}</article>')


def _html_fields(ws: list[Wijziging]) -> str:
    rows = "".join(f"<dt>{html.escape(w.veld)}</dt><dd>{_html_redline(w)}</dd>" for w in ws)
    return f"<dl>{rows}</dl>"
