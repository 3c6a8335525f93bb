"""Render: a Jinja2 template from sjablonen/ and a context → Markdown, the one intermediate,
parsed once and given to every writer; the bytes of each format go to the staging folder.

Every value printed with ``{{ … }}`` is escaped for Markdown unless it is ``MdVeilig`` (what
the ``md``/``md_inline`` filters return for text fields in which a writer may use Markdown).
So ``* # | < > [ ] _`` and backticks in a policy writer's text can never change a
document's structure or inject HTML; emphasis, links and lists written on purpose render.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
import textwrap
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import jinja2

from . import checks, markup, opmaak
from .errors import SjabloonFout, display_path
from .model import Bron
from .templates import Sandbox, Sjablonen
from .validate import VERWIJZING
from .version import Bouwinfo
from .writers import Documentinfo

if TYPE_CHECKING:
    from .plan import Document, Opdracht
    from .write import Staging


class MdVeilig(str):
    """Markdown that may be inserted as is (already escaped or deliberately written)."""


_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")
_ENTITY = re.compile(r"&(#?\w+;)")
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([-+=:>.)])")


def escape_md(value: Any) -> MdVeilig:
    """Plain text → Markdown that shows exactly that text, on one line."""
    raw = str(value)
    text = " ".join(raw.split())
    if text and raw[:1].isspace():
        text = " " + text
    if text and raw[-1:].isspace():
        text += " "
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return MdVeilig(text)


# Block syntax a writer may not use inside a text field: it would change the document's
# structure (headings, rules, tables, fenced divs, reference definitions, images, raw HTML).
# What may stand before block syntax on a line: indentation, quote marks and list markers
# (a heading inside a quote or a list item is still a heading).
_PREFIX = r"^((?:[ \t]|>|(?:[-+*]|\d+[.)])(?=[ \t]))*)"
_HEADING = re.compile(_PREFIX + r"(#)", re.M)
_RULE_OR_SETEXT = re.compile(_PREFIX + r"(?:([-=*_])(?=(?:[ \t]*[-=*_]){2,}[ \t]*$)|([=-])(?=[ \t=-]*$))", re.M)
_FENCE = re.compile(_PREFIX + r"(:{3,}|`{3,}|~{3,})", re.M)
_REFDEF = re.compile(_PREFIX + r"\[(?=[^\]]*\]:)", re.M)


def markdown_block(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for block context: paragraphs, lists, emphasis, links."""
    if not text:
        return MdVeilig("")
    parts: list[str] = []
    pos = 0
    for m in VERWIJZING.finditer(text):  # names from the agreement, escaped as plain text
        parts.append(_neutralize_keep(text[pos : m.start()]))
        parts.append(escape_md(namen(m.group(1), m.group(2)) if namen else m.group(2)))
        pos = m.end()
    parts.append(_neutralize_keep(text[pos:]))
    joined = "".join(parts)
    return MdVeilig(_neutralize_layout(joined))


# An escape the writer typed (backslash and any character) is kept as a pair; a cell
# separator, attribute brace, tag start or image mark outside such a pair gets a backslash.
_INLINE_HAZARD = re.compile(r"\\[\s\S]|[|{<]|!(?=\[)")


def _neutralize_keep(text: str) -> str:
    # Escape inline hazards only; layout (dedent, strip) is done once on the whole text.
    return _INLINE_HAZARD.sub(lambda m: m.group(0) if len(m.group(0)) == 2 else "\\" + m.group(0), text)


def _neutralize_layout(text: str) -> str:
    text = textwrap.dedent(text.replace("\r\n", "\n")).strip("\n")
    text = _HEADING.sub(r"\1\\\2", text)
    text = _RULE_OR_SETEXT.sub(lambda m: m.group(1) + "\\" + (m.group(2) or m.group(3)), text)
    text = _FENCE.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _REFDEF.sub(r"\1\\[", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text


def markdown_inline(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for one line (a table cell, a heading): emphasis and links only."""
    block = markdown_block(text, namen)
    one_line = " ".join(block.split())
    one_line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), one_line)
    return MdVeilig(one_line)


def _finalize(value: Any) -> Any:
    if isinstance(value, MdVeilig):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return escape_md(opmaak.getal(value))
    if isinstance(value, dt.datetime):
        return escape_md(opmaak.datum_tijd(value))
    if isinstance(value, dt.date):
        return escape_md(opmaak.datum(value))
    return escape_md(value)


def tidy(markdown: str) -> str:
    """Stable, tidy Markdown: no trailing spaces, at most one blank line, one final newline."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


_ENVIRONMENTS: dict[tuple[Path, ...], jinja2.Environment] = {}
"""One environment per template search path and process, so each template is compiled once
however many Renderers use it (the check renders every agreement's press release)."""


class Renderer:
    """Renders the Markdown templates of one search path; templates are parsed once per process."""

    def __init__(self, sjablonen: Sjablonen):
        self.sjablonen = sjablonen

    @property
    def env(self) -> jinja2.Environment:
        key = tuple(self.sjablonen.dirs)
        if key not in _ENVIRONMENTS:
            _ENVIRONMENTS[key] = _environment(self.sjablonen.loader)
        return _ENVIRONMENTS[key]

    def markdown(self, template: str, context: dict[str, Any]) -> str:
        """Render one template to tidy Markdown; template errors name file and line in Dutch."""
        try:
            return tidy(self.env.get_template(template).render(context))
        except jinja2.TemplateNotFound as e:
            raise SjabloonFout(
                f"sjabloon '{e.name}' niet gevonden; gezocht in: "
                + ", ".join(display_path(d) for d in self.sjablonen.dirs)
            ) from None
        except jinja2.TemplateSyntaxError as e:
            where = f"{display_path(e.filename or e.name or template)}:{e.lineno}"
            raise SjabloonFout(f"{where}: fout in sjabloon: {e.message}") from None
        except jinja2.UndefinedError as e:
            raise SjabloonFout(f"{_template_line(template)}: onbekende naam in sjabloon: {_undefined(e)}") from None
        except SjabloonFout:
            raise
        except UnicodeDecodeError:
            raise SjabloonFout(
                f"sjabloon '{template}' (of een sjabloon dat het gebruikt) is geen UTF-8; sla het op als "
                "UTF-8 (in de meeste editors: Opslaan als… > Codering: UTF-8)"
            ) from None
        except jinja2.exceptions.SecurityError:
            raise SjabloonFout(
                f"{_template_line(template)}: het sjabloon gebruikt iets wat niet mag: een sjabloon leest "
                "alleen de gegevens van de overeenkomst en gebruikt de filters van prestatie "
                "(geen Python-onderdelen, geen bestanden, geen lijsten of velden wijzigen)"
            ) from None
        except Exception as e:  # an error raised while rendering is a template problem
            raise SjabloonFout(f"{_template_line(template)}: fout bij het vullen van het sjabloon: {e}") from None


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = Sandbox(
        loader=loader,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # shared by every build in this process: a changed template is read again
    )
    env.filters.update(
        {
            "datum": opmaak.datum,
            "dag_datum": opmaak.dag_datum,
            "datum_tijd": opmaak.datum_tijd,
            "tijd": opmaak.tijd,
            "getal": opmaak.getal,
            "bedrag": opmaak.bedrag,
            "procent": opmaak.procent,
            "termijn": opmaak.termijn,
            "waarde": opmaak.waarde,
            "opsomming": lambda items, voegwoord="en": MdVeilig(opmaak.opsomming(
                [escape_md(i) if not isinstance(i, MdVeilig) else i for i in items], voegwoord
            )),
            "esc": escape_md,
            "md": _md_filter(markdown_block),
            "md_inline": _md_filter(markdown_inline),
            "veilig": MdVeilig,
            "opzoeken": lambda ids, tabel: [tabel[i] for i in ids],
        }
    )
    return env


def _md_filter(fn: Callable[..., MdVeilig]) -> Callable[..., MdVeilig]:
    @jinja2.pass_context
    def apply(context: jinja2.runtime.Context, value: str | None) -> MdVeilig:
        namen = context.get("naam_van")
        return fn(value, namen)

    return apply


def _undefined(e: jinja2.UndefinedError) -> str:
    m = re.search(r"'([^']+)' is undefined", str(e))
    if m:
        return f"'{m.group(1)}' bestaat niet"
    m = re.search(r"has no attribute '([^']+)'", str(e))
    if m:
        return f"veld '{m.group(1)}' bestaat niet"
    return str(e)


def _template_line(template: str) -> str:
    """The innermost template file and line of the exception being handled."""
    tb = sys.exc_info()[2]
    where = template
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") or "/sjablonen/" in name:
            where = f"{display_path(name)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


# --- the render stage: every planned document to bytes, in worker processes ---------------

def document_info(doc: Document, bron: Bron, info: Bouwinfo, generator: str) -> Documentinfo:
    """The properties every writer gives this document."""
    o = bron.overeenkomst
    gemeenten = [p.naam for p in o.partijen if p.soort == "gemeente"]
    return Documentinfo(
        titel=doc.titel,
        onderwerp=doc.onderwerp,
        auteurs=tuple(p.naam for p in o.partijen),
        trefwoorden=("prestatieafspraken", doc.soort, *gemeenten),
        versie=info.versie(o.versie),
        datum=info.datum,
        concept=o.status == "concept",
        soort=doc.soort,
        generator=generator,
        # Charts are drawn only for the formats that show them (Markdown names them only).
        afbeeldingen=doc.afbeeldingen() if doc.afbeeldingen and {"html", "docx"} & set(doc.formaten) else {},
    )


def render_document(
    doc: Document,
    bron: Bron,
    renderer: Renderer,
    sjablonen: Sjablonen,
    info: Bouwinfo,
    generator: str,
) -> tuple[dict[str, bytes], list[str]]:
    """Template → Markdown → one tree → bytes per format; nothing is written here."""
    text = renderer.markdown(doc.sjabloon, doc.context)
    tree = markup.parse(text)
    dinfo = document_info(doc, bron, info, generator)
    out: dict[str, bytes] = {}
    for fmt in doc.formaten:
        out[f"{doc.naam}.{fmt}"] = _writer(fmt, sjablonen).write(tree, dinfo) if fmt != "md" else text.encode()
    return out, checks.meldingen(doc, bron, tree)


_WRITERS: dict[tuple[str, tuple[Path, ...]], Any] = {}


def _writer(fmt: str, sjablonen: Sjablonen) -> Any:
    """One writer per format and template search path, created on first use."""
    key = (fmt, tuple(sjablonen.dirs))
    if key not in _WRITERS:
        if fmt == "html":
            from .writers.html import HtmlWriter

            _WRITERS[key] = HtmlWriter(sjablonen)
        elif fmt == "docx":
            from .writers.docx import DocxWriter

            _WRITERS[key] = DocxWriter(sjablonen.lees("huisstijl.docx"))
        elif fmt == "txt":
            from .writers.txt import TxtWriter

            _WRITERS[key] = TxtWriter()
        else:  # pragma: no cover - formats are validated by the CLI
            raise ValueError(fmt)
    return _WRITERS[key]


def render_all(
    taken: list[Opdracht],
    sjablonen: Sjablonen,
    info: Bouwinfo,
    generator: str,
    jobs: int | None,
    staging: Staging,
    melding: Callable[[str], None] | None = None,
) -> None:
    """Render every document that must be made, in ``jobs`` processes, into ``staging``."""
    work = [(i, naam) for i, t in enumerate(taken) for naam in t.te_maken]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(work) <= 1:
        renderer = Renderer(sjablonen)
        for n, (i, naam) in enumerate(work, 1):
            taak = taken[i]
            doc = next(d for d in taak.documenten if d.naam == naam)
            files, notes = render_document(doc, taak.bron, renderer, sjablonen, info, generator)
            _collect(taak, naam, files, notes, staging)
            if melding:
                melding(f"[{n}/{len(work)}] {taak.bron.map}/{naam}")
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    project_dir = sjablonen.dirs[0] if len(sjablonen.dirs) > 1 else None
    # The agreements go to each worker once, when it starts (a forked worker inherits them);
    # a task names an agreement by its index.
    start = ([t.bron for t in taken], project_dir, info, generator)
    # A forked worker shares the parent's memory until it writes to it, and the garbage
    # collector of a worker would write to every inherited object; frozen, they stay shared.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(work)),
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=start,
        ) as pool:
            pending = deque((i, naam, pool.submit(_render_one, i, naam, taken[i].formaten)) for i, naam in work)
            n = 0
            while pending:
                i, naam, future = pending.popleft()  # a collected future is let go: its bytes are staged
                files, notes = future.result()
                _collect(taken[i], naam, files, notes, staging)
                n += 1
                if melding:
                    melding(f"[{n}/{len(work)}] {taken[i].bron.map}/{naam}")
    finally:
        gc.unfreeze()


def _collect(taak: Opdracht, naam: str, files: dict[str, bytes], notes: list[str], staging: Staging) -> None:
    for name, data in files.items():
        taak.bestanden[name] = staging.put(data)
    taak.meldingen[naam] = notes


_WORKER: dict[str, Any] = {}
"""What a worker process renders from: the agreements, templates, build info, the latest plan."""


def _start_worker(bronnen: list[Bron], project_dir: Path | None, info: Bouwinfo, generator: str) -> None:
    sjablonen = Sjablonen(project_dir)
    _WORKER.update(bronnen=bronnen, sjablonen=sjablonen, renderer=Renderer(sjablonen), info=info,
                   generator=generator, plan=(None, {}))


def _render_one(index: int, naam: str, formaten: tuple[str, ...]) -> tuple[dict[str, bytes], list[str]]:
    """Render one document of agreement ``index`` in a worker; each agreement is planned once
    per worker (tasks come in order, so only the latest plan is kept)."""
    from .plan import plan

    w = _WORKER
    bron = w["bronnen"][index]
    if w["plan"][0] != (index, formaten):
        w["plan"] = ((index, formaten), {d.naam: d for d in plan(bron, w["info"], formaten)})
    doc = w["plan"][1][naam]
    return render_document(doc, bron, w["renderer"], w["sjablonen"], w["info"], w["generator"])
