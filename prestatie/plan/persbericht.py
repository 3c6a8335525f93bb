"""Derived views for the press release: dateline, lead and sections drawn from the agreement.

Everything a reader sees that is not free text in persbericht.yaml comes from the model:
party names, the years, theme titles and project names. Rename a project in
overeenkomst.yaml and the press release follows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core import opmaak
from ..core.markdown import MdVeilig, escape_md, markdown_block
from ..model import Afspraak, Dossier, Instrument, Lid, Overeenkomst, Partij, Project, Sectie
from ..model.instrumenten import (
    Moment, afspraken_van, alle_partijen, eind_genoemd, einde, geldigheid, momenten, ondertekenaars, peildatum,
)
from ..model.verwijzingen import naam_van, register
from .feiten import feiten

# Only an address of this shape becomes a mailto link; anything else stays plain text.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_GEMEENTE_PREFIX = re.compile(r"^\s*gemeente\s+", re.IGNORECASE)
NAMEN_IN_LEAD = 3
"""More parties of one kind than this are counted in the lead ('vijf woningcorporaties'); the
release lists them all below its text."""


def plaatsnaam(p: Partij | Lid) -> str:
    """'Gemeente Beverwijk' → 'Beverwijk': the place a gemeente is named after, from its
    official name (a short name may be an abbreviation made for the sources, such as 'HLT')."""
    return _GEMEENTE_PREFIX.sub("", p.naam).strip() or p.vestigingsplaats or p.naam


def onderwerp(dossier: Dossier) -> Instrument | None:
    """The jaarschijf, addendum, extension or accession the press release is about (None: the agreement)."""
    pb = dossier.persbericht
    if pb is None or pb.instrument is None:
        return None
    return next((i for i in dossier.overeenkomst.instrumenten if i.id == pb.instrument), None)


def dateline(dossier: Dossier) -> str:
    """'BEVERWIJK/HEEMSKERK': the plaatsnamen of the press release, else the gemeenten (that sign)."""
    o = dossier.overeenkomst
    pb = dossier.persbericht
    names = list(pb.plaatsnamen) if pb is not None and pb.plaatsnamen else []
    if not names:
        wie = {p.id for p in ondertekenaars(o, onderwerp(dossier))}
        names = [plaatsnaam(p) for p in o.partijen if p.soort == "gemeente" and (wie is None or p.id in wie)]
    if not names and o.ondertekening.plaats:  # no gemeente among the parties: the place of signing
        names = [o.ondertekening.plaats]
    return "/".join(n.strip().upper() for n in names if n.strip())


def datum(dossier: Dossier) -> dt.date | None:
    """The date of the press release: its own, else the date of signing (None if neither)."""
    pb = dossier.persbericht
    if pb is not None and pb.datum is not None:
        return pb.datum
    i = onderwerp(dossier)
    if i is not None:
        return i.ondertekening.datum if i.ondertekening is not None else None
    return dossier.overeenkomst.ondertekening.datum


def _lower_first(title: str) -> str:
    """'Nieuwe woningen' → 'nieuwe woningen', but 'DAEB-woningen' stays as it is."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _group(
    o: Overeenkomst, soort: str, enkelvoud: str, meervoud: str, wie: set[str] | None = None
) -> list[tuple[str, int]]:
    """'de woningcorporaties Woonopmaat en Pré Wonen' and how many parties that phrase names.

    Only parties that sign are named. A collective (a federation signing for its members) is a
    phrase of its own, in the plural: 'de woningcorporaties van SCS (Woonstad en Thuisbaas)'.
    """
    own = [p for p in o.partijen if p.soort == soort and p.ondertekent and (wie is None or p.id in wie)]
    single = [p for p in own if not p.meervoud]
    names = [plaatsnaam(p) if soort == "gemeente" else p.korte_naam for p in single]
    groups: list[tuple[str, int]] = []
    if names and soort == "overig":
        groups.append((opmaak.opsomming(names), len(names)))
    elif len(names) > NAMEN_IN_LEAD and meervoud:
        groups.append((f"{opmaak.telwoord(len(names))} {meervoud}", len(names)))
    elif names:
        groups.append((f"de {meervoud if len(names) > 1 else enkelvoud} {opmaak.opsomming(names)}", len(names)))
    for p in own:
        if p.meervoud:
            leden = opmaak.opsomming([lid.korte_naam for lid in p.leden])
            voor = f"de {meervoud} van " if meervoud else ""
            groups.append((f"{voor}{p.korte_naam} ({leden})", len(p.leden)))
    return groups


def _groups(o: Overeenkomst, wie: set[str] | None = None) -> list[tuple[str, int]]:
    return [
        *_group(o, "gemeente", "gemeente", "gemeenten", wie),
        *_group(o, "corporatie", "woningcorporatie", "woningcorporaties", wie),
        *_group(o, "huurdersorganisatie", "huurdersorganisatie", "huurdersorganisaties", wie),
        *_group(o, "overig", "", "", wie),
    ]


def instrument_lead(o: Overeenkomst, i: Instrument) -> MdVeilig:
    """The lead of a press release about a jaarschijf, addendum, extension or accession."""
    signers = ondertekenaars(o, i)
    groups = _groups(o, {p.id for p in signers})
    if not groups:
        return MdVeilig("")
    (subject, count), rest = groups[0], [g for g, _ in groups[1:]]
    subject = subject[0].upper() + subject[1:]
    verb = "heeft" if count == 1 else "hebben"
    met = f" met {opmaak.opsomming(rest)}" if rest else ""
    van, tot = geldigheid(o, i)
    if i.soort == "toetreding":
        names = opmaak.opsomming([p.korte_naam for p in signers])
        sentences = [f"{names} {'is' if len(signers) == 1 else 'zijn'} toegetreden tot de {_lower_first(o.titel)}."]
    elif i.soort == "verlenging":
        sentences = [f"{subject} {verb}{met} de prestatieafspraken verlengd tot en met {i.tot}."]
    elif i.soort == "jaarschijf":
        sentences = [
            f"{subject} {verb} de prestatieafspraken voor {van} gemaakt{met}.",
            f"Deze jaarschijf hoort bij de meerjarige afspraken voor {o.looptijd.van} tot en met {einde(o, peildatum(o, i))}.",
        ]
    else:
        sentences = [
            f"{subject} {verb} een aanvulling op de prestatieafspraken gemaakt{met}.",
            f"De aanvulling geldt voor {van}." if van == tot and eind_genoemd(o, i)
            else f"De aanvulling geldt van {van} tot en met {tot}." if eind_genoemd(o, i)
            else f"De aanvulling geldt vanaf {van}.",
        ]
    themas = [t for t in o.themas if any(a.thema == t.id and a.telt for a in afspraken_van(o, i))]
    if themas:
        sentences.append(f"Ze gaan over {opmaak.opsomming([_lower_first(t.titel) for t in themas])}.")
    if (i.status or o.status) == "ondertekend" and i.ondertekening is not None:
        zin = ondertekend_zin(momenten(o, i))
        if zin:
            sentences.append(zin)
    return escape_md(" ".join(sentences))


def standaard_lead(o: Overeenkomst) -> MdVeilig:
    """The lead when persbericht.yaml gives none: who agreed what, for which years (a party
    that joined later through an accession did not agree then)."""
    groups = _groups(o, {p.id for p in ondertekenaars(o)})
    if not groups:
        return MdVeilig("")
    (subject, count), rest = groups[0], [g for g, _ in groups[1:]]
    verb = "heeft" if count == 1 else "hebben"
    sentences = [
        f"{subject[0].upper() + subject[1:]} {verb} prestatieafspraken gemaakt"
        + (f" met {opmaak.opsomming(rest)}" if rest else "")
        + "."
    ]
    lt = o.looptijd
    if lt.van == lt.tot:
        sentences.append(f"De afspraken gelden voor {lt.van}.")
    else:
        sentences.append(f"De afspraken gelden voor de jaren {lt.van} tot en met {lt.tot}.")
    if o.themas:
        titles = [_lower_first(t.titel) for t in o.themas]
        sentences.append(f"Ze gaan over {opmaak.opsomming(titles)}.")
    if o.status == "ondertekend":
        zin = ondertekend_zin(momenten(o))
        if zin:
            sentences.append(zin)
    return escape_md(" ".join(sentences))


def ondertekend_zin(lijst: list[Moment]) -> str | None:
    """'De partijen ondertekenden de afspraken op 15 februari 2022 in Beverwijk.' for the signing moments."""
    dated = [m.ondertekening for m in lijst if m.ondertekening.datum is not None]
    if not dated or len(dated) < len(lijst):
        return None
    if len(dated) == 1:
        ond = dated[0]
        if ond.digitaal:
            return f"De partijen ondertekenden de afspraken digitaal op {opmaak.datum(ond.datum)}."
        waar = f" in {ond.plaats}" if ond.plaats else ""
        return f"De partijen ondertekenden de afspraken op {opmaak.datum(ond.datum)}{waar}."
    days = sorted({d.datum for d in dated if d.datum is not None})  # dated: all have one
    if len(days) == 1:
        return f"De partijen ondertekenden de afspraken op {opmaak.datum(days[0])}."
    first, last = days[0], days[-1]
    if len(days) == 2 and (first.year, first.month) == (last.year, last.month):
        return f"De partijen ondertekenden de afspraken op {first.day} en {opmaak.datum(last)}."
    return f"De partijen ondertekenden de afspraken tussen {opmaak.datum(first)} en {opmaak.datum(last)}."


def _strip_dateline(lead: str, line: str) -> str:
    """A lead that already opens with the dateline ('BEVERWIJK/HEEMSKERK - …') loses it."""
    m = re.match(r"^\s*" + re.escape(line) + r"\s*[-–—]\s*", lead, re.IGNORECASE)
    return lead[m.end():] if m and line else lead


def project_feiten(p: Project, o: Overeenkomst) -> str:
    """'sloop van 52 woningen, nieuwbouw van 72 sociale huurwoningen': the project's numbers."""
    parts: list[str] = []
    if p.sloop:
        parts.append(f"sloop van {opmaak.getal(p.sloop)} {'woning' if p.sloop == 1 else 'woningen'}")
    n = p.nieuwbouw
    if n is not None and n.totaal:
        segments = [
            (n.sociale_huur, "sociale huurwoning", "sociale huurwoningen", "sociale huur"),
            (n.middenhuur, "middenhuurwoning", "middenhuurwoningen", "middenhuur"),
            (n.koop, "koopwoning", "koopwoningen", "koop"),
        ]
        present = [s for s in segments if s[0]]
        if len(present) == 1:
            count, one, many, _ = present[0]
            parts.append(f"nieuwbouw van {opmaak.getal(count)} {one if count == 1 else many}")
        else:
            split = ", ".join(f"{opmaak.getal(c)} {short}" for c, _, _, short in present)
            parts.append(f"nieuwbouw van {opmaak.getal(n.totaal)} woningen ({split})")
    if p.renovatie:
        parts.append(f"renovatie van {opmaak.getal(p.renovatie)} {'woning' if p.renovatie == 1 else 'woningen'}")
    return ", ".join(parts)


def _project(p: Project, o: Overeenkomst, namen: Any) -> dict[str, Any]:
    gemeente = next((plaatsnaam(x) for x in o.partijen if x.id == p.gemeente), p.gemeente)
    beschrijving = (
        markdown_block(" ".join(p.omschrijving.split()), namen) if p.omschrijving else escape_md(project_feiten(p, o))
    )
    return {"project": p, "naam": p.naam, "gemeente": gemeente, "beschrijving": MdVeilig(beschrijving)}


def _sectie(s: Sectie, o: Overeenkomst, namen: Any) -> dict[str, Any]:
    """One section. Its own text says it in the writer's words; then its afspraken and
    projecten only record what it draws on. Without text, the section is drawn from the
    theme: the ambition, then the named projects (name, place, numbers) and afspraken."""
    thema = next((t for t in o.themas if t.id == s.thema), None)
    projecten: list[Project] = [p for i in s.projecten for p in o.projecten if p.id == i]
    afspraken: list[Afspraak] = [a for i in s.afspraken for a in o.afspraken if a.id == i]
    eigen = bool(s.tekst and s.tekst.strip())
    return {
        "sectie": s,
        "kop": s.kop or (thema.titel if thema else None),
        "thema": thema,
        "tekst": s.tekst if eigen else None,
        "ambitie": thema.ambitie if thema is not None and not eigen else None,
        "projecten": [] if eigen else [_project(p, o, namen) for p in projecten],
        "afspraken": [] if eigen else afspraken,
        "bronnen": {"projecten": projecten, "afspraken": afspraken},
    }


def _organisatie(p: Partij | Lid | None, ident: str, functie: str) -> str | None:
    """The party's name after a speaker's function, unless the function already names it."""
    if p is None:
        return ident
    said = functie.casefold()
    if p.naam.casefold() in said or p.korte_naam.casefold() in said or plaatsnaam(p).casefold() in said:
        return None
    return p.naam


def persbericht_context(dossier: Dossier) -> dict[str, Any]:
    """Extra template variables for persbericht.md.j2 (pure: derived from the model only)."""
    pb = dossier.persbericht
    if pb is None:
        return {}
    o = dossier.overeenkomst
    namen = naam_van(o)
    partijen = alle_partijen(o)  # the parties a reference may name, as register() has them
    line = dateline(dossier)
    if pb.lead:
        lead = markdown_block(_strip_dateline(pb.lead, line), namen)
    elif (instrument := onderwerp(dossier)) is not None:
        lead = instrument_lead(o, instrument)
    else:
        lead = standaard_lead(o)
    citaten = [
        {
            "wie": c.wie,
            "functie": c.functie,
            "organisatie": _organisatie(partijen.get(c.partij), c.partij, c.functie),
            "tekst": c.tekst.strip().strip("\"“”„'‘’").strip(),
        }
        for c in pb.citaten
    ]
    contacten = []
    for c in pb.noot.contacten if pb.noot is not None else []:
        email = (c.email or "").strip() or None
        contacten.append(
            {
                "naam": c.naam,
                "organisatie": partijen[c.partij].naam if c.partij in partijen else (c.organisatie or c.partij),
                "telefoon": c.telefoon,
                "email": email,
                "mailto": MdVeilig("mailto:" + email) if email and _EMAIL.match(email) else None,
            }
        )
    return {
        "pb_datum": datum(dossier),
        "dateline": line,
        "lead": lead,
        "secties": [_sectie(s, o, namen) for s in pb.secties],
        "citaten": citaten,
        "contacten": contacten,
        "feiten": feiten(o, onderwerp(dossier)),
        "afzenders": afzenders(dossier),
        "partijenlijst": partijenlijst(dossier) if not pb.lead else [],
    }


def partijenlijst(dossier: Dossier) -> list[str]:
    """Every signing party by its full name, when the lead counts some of them instead."""
    o = dossier.overeenkomst
    signers = ondertekenaars(o, onderwerp(dossier))
    per_soort = {s: sum(1 for p in signers if p.soort == s and not p.meervoud) for s in ("corporatie", "huurdersorganisatie")}
    return [p.naam for p in signers] if max(per_soort.values()) > NAMEN_IN_LEAD else []


def afzenders(dossier: Dossier) -> list[str]:
    """Who sends the press release: every party that speaks in it or answers the press (its
    quotes and its contacts), in the parties' order, then other organisations of its contacts;
    without either, the gemeenten."""
    o, pb = dossier.overeenkomst, dossier.persbericht
    partijen = register(o)["partij"]
    contacten = pb.noot.contacten if pb is not None and pb.noot is not None else []
    ids = {c.partij for c in contacten} | {c.partij for c in (pb.citaten if pb is not None else [])}
    namen: list[str | None] = [p.naam for p in o.partijen if p.id in ids]
    namen += [c.organisatie or c.partij for c in contacten if c.partij not in partijen]
    i = onderwerp(dossier)
    # About a jaarschijf or addendum: the gemeenten that sign it (a jaarschijf of one gemeente: that one).
    wie = {p.id for p in ondertekenaars(o, i)} if i is not None else None
    return list(dict.fromkeys(n for n in namen if n)) or [
        p.naam for p in o.partijen if p.soort == "gemeente" and (wie is None or p.id in wie)
    ]
