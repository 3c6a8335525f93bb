"""Cross-checks over one loaded agreement: what the schema alone cannot see.

Every problem is reported at the line where the writer can fix it, with the closest
existing id as a suggestion when a reference is unknown.
"""

from __future__ import annotations

import re
from typing import cast

from ..core.errors import Plaats, Rapport, veilige_naam
from ..core.links import geweigerde_links
from ..core.markdown import VERWIJZING
from ..core.tekst import bedoelde_u
from ..model import STATUSSEN, Afspraak, Dossier, Knoop, Overeenkomst, Thema
from ..model.instrumenten import afspraken_in, einde, geldt_in
from ..model.voortgang import Resultaat
from ..model.verwijzingen import register
from .gereed import check_gereed
from .partijen import check_partijen
from .structuur import check_structuur


def _where(node: Knoop, veld: str | None = None) -> Plaats:
    return node.waar(veld) or node.waar() or Plaats("?")


class _Checker:
    def __init__(self, dossier: Dossier, rapport: Rapport):
        self.dossier = dossier
        self.o: Overeenkomst = dossier.overeenkomst
        self.r = rapport
        self.ids = register(self.o)

    def ref(self, soort: str, value: str | None, node: Knoop, veld: str | None, ernst: str = "fout") -> bool:
        """Check one reference; report an unknown id with the closest existing one."""
        if value is None or value in self.ids[soort]:
            return True
        hint = bedoelde_u(value, self.ids[soort])
        known = ", ".join(sorted(self.ids[soort])) or "geen"
        message = f"onbekende {soort} '{value}'{hint} (bekend: {known})"
        if ernst == "fout":
            self.r.fout(_where(node, veld), message)
        else:
            self.r.waarschuwing(_where(node, veld), message)
        return False

    def run(self) -> None:
        self.unique_ids()
        self.references()
        self.years()
        self.signatures()
        self.placeholders()
        self.percentages()
        self.progress()
        check_partijen(self.dossier, self.r, self.ref)
        check_structuur(self.dossier, self.r, self.ref)
        check_gereed(self.dossier, self.r)

    def unique_ids(self) -> None:
        for soort, items in (
            ("partij", self.o.partijen),
            ("thema", self.o.themas),
            ("afspraak", self.o.afspraken),
            ("indicator", self.o.indicatoren),
            ("project", self.o.projecten),
        ):
            first: dict[str | None, Knoop] = {}
            for item in items:
                ident = item.id
                if ident in first:
                    other = _where(first[ident], "id")
                    self.r.fout(
                        _where(item, "id"),
                        f"{soort}-id '{ident}' komt twee keer voor "
                        f"(ook op regel {other.regel}); elke id moet uniek zijn",
                    )
                else:
                    first[ident] = item

    def references(self) -> None:
        for p in self.o.partijen:
            if p.soort == "huurdersorganisatie" and not p.huurders_van and not p.leden:
                self.r.waarschuwing(
                    _where(p, "soort"),
                    f"huurdersorganisatie '{p.id}' noemt niet wier huurders zij vertegenwoordigt; "
                    "voeg 'huurders_van: <corporatie-id>' toe",
                )
        for a in self.o.afspraken:
            self.ref("thema", a.thema, a, "thema")
            for t in a.trekker:
                self.ref("partij", t, a, "trekker")
            if a.onder is not None and self.ref("afspraak", a.onder, a, "onder"):
                self.parent_chain(a)
            for b in a.betrokken:
                self.ref("partij", b, a, "betrokken")
            self.gemeente(a)
            self.ref("indicator", a.indicator, a, "indicator")
            for pr in a.projecten:
                self.ref("project", pr, a, "projecten")
        for project in self.o.projecten:
            self.gemeente(project)
            self.ref("partij", project.corporatie, project, "corporatie")
        pb = self.dossier.persbericht
        if pb is not None:
            for s in pb.secties:
                self.ref("thema", s.thema, s, "thema")
                for ident in s.afspraken:
                    self.ref("afspraak", ident, s, "afspraken")
                for pr in s.projecten:
                    self.ref("project", pr, s, "projecten")
            for c in pb.citaten:
                self.ref("partij", c.partij, c, "partij", ernst="waarschuwing")
            if pb.noot is not None:
                for contact in pb.noot.contacten:
                    self.ref("partij", contact.partij, contact, "partij")
                    if contact.partij is None and not contact.organisatie:
                        self.r.fout(_where(contact), "contact noemt geen partij of organisatie")

    def gemeente(self, node: Knoop) -> bool:
        """The gemeente a node (afspraak, project, result) belongs to is a party that is a gemeente."""
        ident = getattr(node, "gemeente", None)
        if ident is None or not self.ref("partij", ident, node, "gemeente"):
            return False
        if ident not in {p.id for p in self.o.partijen if p.soort == "gemeente"}:
            self.r.fout(_where(node, "gemeente"), f"'{ident}' is geen gemeente")
            return False
        return True

    def resultaat_gemeente(self, res: Resultaat) -> None:
        """A result in one gemeente that counts for an afspraak of another: the figures of one
        gemeente are never reported under another's afspraak."""
        if not self.gemeente(res):
            return
        for ident in res.afspraken:
            a = self.ids["afspraak"].get(ident)
            gemeente = getattr(a, "gemeente", None)
            if a is not None and gemeente not in (None, res.gemeente):
                self.r.fout(
                    _where(res, "gemeente"),
                    f"dit resultaat is van gemeente '{res.gemeente}', maar afspraak '{ident}' geldt voor "
                    f"gemeente '{gemeente}'; koppel het aan een afspraak van die gemeente of verbeter 'gemeente'",
                )

    def parent_chain(self, a) -> None:
        """A sub-afspraak's parents never lead back to itself."""
        seen = {a.id}
        node = a
        while node.onder is not None and node.onder in self.ids["afspraak"]:
            if node.onder in seen:
                self.r.fout(_where(a, "onder"), f"afspraak '{a.id}' valt via 'onder' onder zichzelf")
                return
            seen.add(node.onder)
            node = self.ids["afspraak"][node.onder]

    def years(self) -> None:
        lt = self.o.looptijd
        if lt.van > lt.tot:
            self.r.fout(_where(lt, "tot"), f"looptijd eindigt ({lt.tot}) vóór zij begint ({lt.van})")
            return
        last = einde(self.o)
        span = f"{lt.van}–{last}"
        for a in self.o.afspraken:
            if a.termijn is not None and a.termijn.jaar is not None and not lt.van <= a.termijn.jaar <= last:
                self.r.waarschuwing(
                    _where(a, "termijn"),
                    f"termijn {a.termijn} van afspraak '{a.id}' valt buiten de looptijd {span}",
                )
            if a.vanaf is not None and a.termijn is not None and a.termijn.eind is not None \
                    and a.vanaf.begin is not None and a.vanaf.begin > a.termijn.eind:
                self.r.fout(_where(a, "vanaf"), f"afspraak '{a.id}' begint ({a.vanaf}) na haar termijn ({a.termijn})")
        for i in self.o.indicatoren:
            for jaar in i.streefwaarden:
                if jaar < lt.van:
                    self.r.fout(
                        _where(i, "streefwaarden"),
                        f"streefwaarde voor {jaar} van indicator '{i.id}' ligt vóór de looptijd {span}",
                    )
            for t in i.totalen:
                if t.van > t.tot:
                    self.r.fout(_where(t, "tot"), f"periode van het totaal eindigt ({t.tot}) vóór zij begint ({t.van})")
        for jaar, v in self.dossier.voortgang.items():
            if not lt.van <= jaar <= last:
                self.r.fout(_where(v, "jaar"), f"voortgangsjaar {jaar} valt buiten de looptijd {span}")
            if v.peildatum.year < jaar:
                self.r.fout(
                    _where(v, "peildatum"),
                    f"peildatum {v.peildatum.isoformat()} ligt vóór het verslagjaar {jaar}",
                )

    def signatures(self) -> None:
        for p in self.o.partijen:
            if not p.ondertekent:
                continue
            onbekend = (p.ondertekening or self.o.ondertekening).ondertekenaars_onbekend
            if not p.vertegenwoordigers and not onbekend:
                message = f"partij '{p.id}' heeft geen vertegenwoordiger; voeg 'vertegenwoordigers' toe"
                if self.o.status == "ondertekend":
                    self.r.fout(_where(p), message)
                else:
                    self.r.waarschuwing(_where(p), message)
            elif self.o.status == "ondertekend" and not p.ondertekenaars and not onbekend:
                self.r.fout(
                    _where(p, "vertegenwoordigers"),
                    f"de overeenkomst is ondertekend, maar niemand van '{p.id}' tekent; weet u niet "
                    "wie tekende, zet dan 'ondertekenaars_onbekend: true' onder 'ondertekening:'",
                )
        if self.o.status == "ondertekend" and not self.o.ondertekening.getekend:
            self.r.fout(
                _where(self.o.ondertekening),
                "status is 'ondertekend' maar de datum van ondertekening ontbreekt; is die niet "
                "bekend, zet dan 'datum_onbekend: true' onder 'ondertekening:'",
            )

    def placeholders(self) -> None:
        def text(value: str, node: Knoop, name: str, links: bool = True) -> None:
            if "{" in value:  # every placeholder starts with one
                for m in VERWIJZING.finditer(value):
                    self.ref(m.group(1), m.group(2), node, name)
            if links:
                self.refused_links(value, node, name)

        def walk(node: Knoop) -> None:
            for name in type(node).model_fields:
                value = getattr(node, name)
                if value is None:
                    continue
                if isinstance(value, str):
                    text(value, node, name)
                elif isinstance(value, Knoop):
                    walk(value)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, str):
                            text(item, node, name)
                        elif isinstance(item, Knoop):
                            walk(item)
                elif isinstance(value, dict):
                    for item in value.values():
                        if isinstance(item, Knoop):
                            walk(item)
                        elif isinstance(item, str):
                            text(item, node, name, links=False)

        walk(self.o)
        if self.dossier.persbericht is not None:
            walk(self.dossier.persbericht)
        for v in self.dossier.voortgang.values():
            walk(v)

    def refused_links(self, text: str, node: Knoop, veld: str) -> None:
        """A link the policy refuses stays visible as typed: the writer hears which one."""
        for doel in geweigerde_links(text) if ("[" in text or "<" in text) else ():
            self.r.waarschuwing(
                _where(node, veld),
                f"link naar '{veilige_naam(doel[:200])}' wordt geen link (alleen https://, http://, mailto: en "
                "binnen de publicatie, met woorden ervoor); hij blijft als gewone tekst staan",
            )

    def percentages(self) -> None:
        def check(value: float | None, node: Knoop, veld: str, what: str) -> None:
            if value is not None and not 0 <= value <= 100:
                self.r.fout(_where(node, veld), f"{what} {value:g} ligt niet tussen 0 en 100 procent")

        for i in self.o.indicatoren:
            if not i.procent:
                continue
            check(i.basiswaarde, i, "basiswaarde", f"basiswaarde van '{i.id}'")
            for jaar, w in i.streefwaarden.items():
                check(w.waarde, i, "streefwaarden", f"streefwaarde {jaar} van '{i.id}'")
                check(w.tot, i, "streefwaarden", f"streefwaarde {jaar} van '{i.id}'")
            for v in self.dossier.voortgang.values():
                if i.id in v.indicatoren:
                    check(v.indicatoren[i.id].waarde, v, "indicatoren", f"realisatie van '{i.id}'")
                    check(v.indicatoren[i.id].tot, v, "indicatoren", f"realisatie van '{i.id}'")

    def progress(self) -> None:
        for jaar, v in self.dossier.voortgang.items():
            for ident, regel in v.afspraken.items():
                if self.ref("afspraak", ident, regel, None) and not geldt_in(
                    self.o, cast(Afspraak, self.ids["afspraak"][ident]), jaar
                ):
                    a = cast(Afspraak, self.ids["afspraak"][ident])
                    self.r.fout(
                        _where(regel, "status"),
                        f"afspraak '{ident}' hoort bij '{a.instrument}' en geldt niet in {jaar}; "
                        f"verwijder haar uit voortgang/{jaar}.yaml",
                    )
                status = STATUSSEN[regel.status] if regel.status else None
                if status is None:
                    continue
                if status.aandacht and not (regel.toelichting or "").strip():
                    self.r.fout(
                        _where(regel, "status"),
                        f"status '{regel.status}' van afspraak '{ident}' vraagt een toelichting "
                        "(oorzaak, gevolg en bijsturing); voeg 'toelichting:' toe",
                    )
                elif status.aandacht and not (regel.bijsturing or "").strip():
                    self.r.waarschuwing(
                        _where(regel, "status"),
                        f"status '{regel.status}' van afspraak '{ident}': zeg wat de partijen "
                        "doen om bij te sturen ('bijsturing:')",
                    )
            for ident in v.indicatoren:
                if ident not in self.ids["indicator"]:
                    self.ref("indicator", ident, v, "indicatoren")
            for t, verslag in v.themas.items():
                if self.ref("thema", t, verslag, None) and verslag.titel:
                    thema = cast(Thema, self.ids["thema"][t])
                    if verslag.titel not in (thema.titel, *thema.ook_genoemd):
                        self.r.waarschuwing(
                            _where(verslag, "titel"),
                            f"thema '{t}' heet hier '{verslag.titel}' en in de overeenkomst "
                            f"'{thema.titel}'; is het hetzelfde thema, zet de naam dan bij 'ook_genoemd'",
                        )
            for res in v.resultaten:
                for ident in res.afspraken:
                    self.ref("afspraak", ident, res, "afspraken")
                self.ref("thema", res.thema, res, "thema")
                self.resultaat_gemeente(res)
            # A narrative year (a story per theme, results) is not asked for an entry per afspraak.
            open_ = [
                a for a in afspraken_in(self.o, jaar)
                if a.id not in v.afspraken and a.telt and a.geldt_in(jaar)
            ]
            # An unnumbered item has no id to report on: it is named by its words.
            missing = [f"'{a.kort}' (ongenummerd; geef het een id)" if a.ongenummerd else a.ident for a in open_]
            if missing and not (v.themas or v.resultaten):
                self.r.waarschuwing(
                    _where(v, "afspraken"),
                    f"geen voortgang gemeld over {len(missing)} "
                    f"{'afspraak' if len(missing) == 1 else 'afspraken'} in {jaar}: "
                    + ", ".join(missing),
                )


_ENKELVOUD = {"partijen": ("partij",), "themas": ("thema",), "afspraken": ("afspraak",)}
"""A stood-in list silences the messages about its items too ('onbekende partij …')."""


def _about(bericht: str, ident: str) -> bool:
    """Whether a finding is about a part left out: an id in quotes, or a stand-in's field name."""
    if ident.startswith("veld:"):
        veld = ident[5:]
        words = [veld, *_ENKELVOUD.get(veld, ())]
        return any(re.search(rf"\b{re.escape(w)}\b", bericht) for w in words)
    return f"'{ident}'" in bericht


def cross_check(dossier: Dossier, rapport: Rapport) -> None:
    """Run every cross-check on one loaded agreement, adding findings to ``rapport``.

    When parts were left out because of errors in them, findings that name such a part are
    not repeated: the writer already has the error that explains them.
    """
    if not dossier.weggelaten:
        _Checker(dossier, rapport).run()
        return
    eigen = Rapport()
    _Checker(dossier, eigen).run()
    for b in eigen.bevindingen:
        if not any(_about(b.bericht, ident) for ident in dossier.weggelaten):
            rapport.bevindingen.append(b)
