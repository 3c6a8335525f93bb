"""Pipeline: check() and build(), the one place that runs the stages in order.

load → plan → render → parse → write. Everything a build caches lives on its ``Bouw``, so a
second build in the same process (a preview server, a test) sees the current sources,
templates and house style.
"""

from __future__ import annotations

import datetime as dt
import signal
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from .. import __version__
from ..core.errors import BronFout, GebruiksFout, Onderbroken, PrestatieFout, Rapport, display_path, veilige_naam
from ..core.manifest import MANIFEST
from ..core.tekst import slug
from ..core.version import Bouwinfo, bouwinfo
from ..load import folders, load_checked
from ..load.bestanden import controleer_bestanden
from ..load.sjablonen import Sjablonen
from ..model import Dossier, Publicatie
from ..plan.ongewijzigd import Geheugen, geheugenpad, Overgeslagen, overeenkomst_vingerafdruk
from ..plan.uittreksel import Partners, partijsleutel
from ..plan.vingerafdruk import Opdracht, inhoud_digest, plan_agreement
from ..write.formats import NAMEN, bestandsnamen, formaten_voor, kies_formaten
from ..write.output import Resultaat, Uitvoer, leegmaken, pakket
from .bouw import VOORBEELD_MAP, Bouw, Werkmap
from . import uitvoermap
from .controles import fout_in_sjablonen, huisstijl_checks
from .werkers import Werkers, check_and_render, check_documents, check_extracts, render_all

__all__ = ["Bouw", "GENERATOR", "Resultaat", "Werkmap", "build", "check", "kies_formaten", "opruimen", "pakketten"]

PAKKETTEN = "pakketten"
"""Where ``pakketten`` puts one zip per agreement: beside the output folder, never in it."""

GENERATOR = f"prestatie {__version__}"

CHECK_INFO = Bouwinfo(commit=None, datum=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), datum_bron="check")
"""What ``check`` renders with: a document's length does not depend on its version or date,
and a fixed one keeps the check free of git and the clock."""


Geladen = tuple[list[tuple[Dossier, Rapport]], list[Overgeslagen | Dossier], dict[Path, str], list[str] | None,
                dict[Path, set[str]]]


def _load(bouw: Bouw, rapport: Rapport, geheugen: Geheugen | None, formaten: tuple[str, ...], streng: bool,
          digest: str) -> Geladen:
    """Load and check every agreement that is not as the last build left it (``geheugen``).

    Returns the sound loaded agreements with each one's own findings, every agreement to
    publish in order (loaded or left alone), per agreement folder its fingerprint, the
    folders blocked by errors in their own files (None: an error elsewhere blocks all), and
    the partners loaded for their extracts only, each with the parties it shares. The checks
    on rendered documents run after this, in the workers (``werkers.check_and_render``,
    ``werkers.check_documents``)."""
    assert bouw.werkmap is not None  # only a worker's copy of the build lacks it
    bron = bouw.werkmap.bron
    # Links that leave the project, dangling or looping links, FIFOs and devices: errors
    # at their place, in check and build alike.
    controleer_bestanden(bouw.werkmap.sjablonen.parent, [bron, bouw.werkmap.sjablonen], rapport)
    loaded: list[tuple[Dossier, Rapport]] = []
    volgorde: list[Overgeslagen | Dossier] = []
    prints: dict[Path, str] = {}
    gelaten: dict[Path, tuple[Overgeslagen, Rapport]] = {}
    for folder in folders(bron, rapport):
        if geheugen is not None:
            uit = bouw.werkmap.uit / _uitmap(veilige_naam(folder.name))
            prints[folder] = overeenkomst_vingerafdruk(folder, uit, digest, bouw.info, bouw.generator, formaten)
            herhaald = Rapport()
            overgeslagen = geheugen.overslaan(folder, uit, prints[folder], herhaald)
            if overgeslagen is not None:
                gelaten[folder] = (overgeslagen, herhaald)
                volgorde.append(overgeslagen)
                continue
        _load_one(folder, rapport, loaded, volgorde)
    partners: dict[Path, set[str]] = {}
    if geheugen is not None and gelaten:
        partners = _load_partners(geheugen, gelaten, rapport, loaded, volgorde)
    for _, herhaald in gelaten.values():
        rapport.extend(herhaald)
    goed, geblokkeerd = _per_overeenkomst(bron, [d for d, _ in loaded], rapport, streng)
    sound = {id(d) for d in goed}
    loaded = [(d, eigen) for d, eigen in loaded if id(d) in sound]
    volgorde = [v for v in volgorde if isinstance(v, Overgeslagen) or id(v) in sound]
    return loaded, volgorde, prints, geblokkeerd, partners


def _load_one(folder: Path, rapport: Rapport, loaded: list[tuple[Dossier, Rapport]],
              volgorde: list[Overgeslagen | Dossier], plek: int | None = None) -> None:
    eigen = Rapport()
    dossier = load_checked(folder, eigen)
    if dossier is not None:
        loaded.append((dossier, eigen))
        if plek is None:
            volgorde.append(dossier)
        else:
            volgorde[plek] = dossier
    elif plek is not None:
        del volgorde[plek]
    rapport.extend(eigen)


def _load_partners(geheugen: Geheugen, gelaten: dict[Path, tuple[Overgeslagen, Rapport]], rapport: Rapport,
                   loaded: list[tuple[Dossier, Rapport]], volgorde: list[Overgeslagen | Dossier]
                   ) -> dict[Path, set[str]]:
    """An extract of a party spans its agreements: an agreement left alone that shares a party
    (before or after the change) with one that is made again, or with one that is gone, is
    loaded too, for its data only. Of such a partner only the extracts of those shared parties
    can change; it is not checked again (its last check's findings stand) and its other
    documents stay as they are. Returns per partner folder the shared parties."""
    aanwezig = {str(f) for f in gelaten} | {str(d.pad) for d, _ in loaded}
    sleutels = geheugen.partijen_van_verdwenen(aanwezig)
    for dossier, _ in loaded:
        sleutels |= {partijsleutel(p) for p in dossier.overeenkomst.partijen} | geheugen.partijen(dossier.pad)
    partners: dict[Path, set[str]] = {}
    for folder in [f for f in gelaten if geheugen.partijen(f) & sleutels]:
        partner = load_checked(folder, Rapport())  # as the last build found it: its findings are repeated
        if partner is None:  # cannot be: its sources are as they were; load and check it in full
            overgeslagen, _ = gelaten.pop(folder)
            _load_one(folder, rapport, loaded, volgorde, volgorde.index(overgeslagen))
            continue
        overgeslagen, herhaald = gelaten.pop(folder)
        volgorde[volgorde.index(overgeslagen)] = partner
        loaded.append((partner, herhaald))
        rapport.extend(herhaald)
        partners[folder] = geheugen.partijen(folder) & sleutels
    return partners


def _uitmap(map_: str) -> str:
    return slug(map_, "overeenkomst", 80)


def _per_overeenkomst(bron: Path, dossiers: list[Dossier], rapport: Rapport,
                      streng: bool) -> tuple[list[Dossier], list[str] | None]:
    """Which agreements a finding that counts as an error blocks: only the one in whose
    folder it is; a finding elsewhere blocks all."""
    single = (bron / "overeenkomst.yaml").is_file()
    root = display_path(bron).rstrip("/") + "/"
    geblokkeerd: set[str] = set()
    for b in rapport.gesorteerd():
        if not (b.is_fout or streng):
            continue
        bestand = b.plaats.bestand
        if single and (bestand + "/").startswith(root):
            geblokkeerd.add(bron.name)
        elif not single and bestand.startswith(root) and "/" in bestand[len(root):]:
            geblokkeerd.add(bestand[len(root):].split("/")[0])
        else:
            return [], None
    return [d for d in dossiers if d.pad.name not in geblokkeerd], sorted(geblokkeerd)


def check(bron: Path | str | None = None, jobs: int | None = None) -> Rapport:
    """Check every agreement; the report holds all errors and warnings, sorted.

    The agreements whose own files hold no error are checked on their rendered documents in
    ``jobs`` processes (default: one per core), as the build checks them; those that stay
    sound, on their extracts and their plain language too."""
    rapport = Rapport()
    bouw = Bouw(Werkmap.find(bron), CHECK_INFO, GENERATOR)
    assert bouw.werkmap is not None
    loaded, _, _, _, _ = _load(bouw, rapport, None, (), False, bouw.sjablonen_digest)
    dossiers = [d for d, _ in loaded]
    try:
        with Werkers(dossiers, bouw, jobs) as werkers:
            gevonden = check_documents(werkers)
            for eigen, _ in gevonden:
                rapport.extend(eigen)
            goed, _ = _per_overeenkomst(bouw.werkmap.bron, dossiers, rapport, False)
            for checks in check_extracts(werkers, goed):  # over the same agreements as the build's
                rapport.extend(checks)
    except PrestatieFout as e:  # a template that does not compile: it stops the check as it stops the build
        fout_in_sjablonen(e, rapport)
        return rapport
    for dossier, (_, eenvoudig) in zip(dossiers, gevonden):  # plain language, as information
        if any(dossier is d for d in goed):
            rapport.extend(eenvoudig)
    if goed:  # what the build would refuse in the house style, found without writing
        huisstijl_checks(bouw, rapport)
    return rapport


def build(
    bron: Path | str | None = None,
    uit: Path | str | None = None,
    formaten: tuple[str, ...] = NAMEN,
    streng: bool = False,
    jobs: int | None = None,
    melding: Callable[[str], None] | None = None,
    publicatie: str | None = None,
    forceer: bool = False,
) -> Resultaat:
    """Check, then build every agreement into ``uit/<agreement>/``; raises on any error.

    An error in one agreement's files blocks only that agreement: the others are built and
    published, then ``BronFout`` is raised with the result (``resultaat.fouten_in`` names the
    blocked folders, whose previous build stays). ``streng`` keeps all or nothing: any error
    or warning and nothing is written. ``publicatie`` (the project's settings) is the web
    address of agreements that name none. An agreement whose sources, templates, version,
    build date and asked formats are as the last build found them, with its files intact, is
    not loaded again (its check's findings are repeated). Of the others, a document whose
    inputs did not change is not rendered again; the rest is rendered in ``jobs`` processes
    into a staging folder, and only when all is ready put in place. An output folder given
    as ``uit`` must be new, empty or an earlier build (``forceer``: any but the root).
    """
    werkmap = Werkmap.find(bron, uit)
    uitvoermap.controleer(werkmap, gekozen=uit is not None, forceer=forceer)
    bouw = Bouw(werkmap, bouwinfo(werkmap.bron, sjablonen=Sjablonen(werkmap.sjablonen).dirs), GENERATOR)
    rapport = Rapport()
    resultaat = Resultaat(rapport, uit=werkmap.uit)
    digest = inhoud_digest(bouw.sjablonen_digest, publicatie) if publicatie else bouw.sjablonen_digest
    try:
        with ExitStack() as stack:
            uitvoer = Uitvoer(werkmap.uit)
            # The output folder is locked and a publication a killed build left is finished
            # before the previous build's records and manifests are read.
            geheugen = None
            if werkmap.uit.is_dir():
                stack.enter_context(uitvoer)
                geheugen = Geheugen(werkmap.uit)
            loaded, volgorde, prints, geblokkeerd, gedeeld = _load(bouw, rapport, geheugen, formaten, streng, digest)
            if geblokkeerd is None or not volgorde or (streng and not rapport.geslaagd(streng)):
                raise BronFout(rapport, streng)
            resultaat.fouten_in = geblokkeerd
            if publicatie:  # the project's address, for agreements without their own
                for d, _ in loaded:
                    if d.overeenkomst.publicatie is None:
                        d.overeenkomst.publicatie = Publicatie.model_validate({"url": publicatie})
            if geheugen is None:
                stack.enter_context(uitvoer)
                geheugen = Geheugen(werkmap.uit)
            gelaten = [g for g in volgorde if isinstance(g, Overgeslagen)]
            taken = _plan(loaded, bouw, werkmap.uit, digest, formaten, geheugen, gedeeld)
            _check_unique_outputs(taken, {g.uit for g in gelaten})
            # The checks on rendered documents, and each agreement's own documents, in one pass
            # over the workers; a partner loaded for its extracts only is not checked again.
            # Then the extracts, over the agreements the check found sound.
            with Werkers([d for d, _ in loaded], bouw, jobs) as werkers:
                gevonden = check_and_render(werkers, taken, {i for i, (d, _) in enumerate(loaded)
                                                             if d.pad not in gedeeld}, uitvoer, melding)
                for i, checks in gevonden.items():
                    loaded[i][1].extend(checks)
                    rapport.extend(checks)
                goed, geblokkeerd = _per_overeenkomst(werkmap.bron, [d for d, _ in loaded], rapport, streng)
                if geblokkeerd is None or not (goed or gelaten) or (streng and not rapport.geslaagd(streng)):
                    raise BronFout(rapport, streng)
                resultaat.fouten_in = geblokkeerd
                if len(goed) < len(loaded):
                    blijft = {id(d) for d in goed}
                    gemaakt = {taak.dossier.map: taak for taak in taken}
                    loaded = [(d, eigen) for d, eigen in loaded if id(d) in blijft]
                    taken = [_neem_over(gemaakt[t.dossier.map], t)
                             for t in _plan(loaded, bouw, werkmap.uit, digest, formaten, geheugen, gedeeld)]
                render_all(werkers, taken, uitvoer, melding)
            for gelaten_map in gelaten:
                resultaat.ongewijzigd.extend(gelaten_map.uit / n for n in gelaten_map.bestanden)
            for taak in taken:  # what the build says of a document: only when it was made again
                for doc in taak.documenten:
                    if doc.naam in taak.te_maken:
                        resultaat.meldingen.extend(taak.meldingen.get(doc.naam, []))
            uitvoer.publiceer(taken, resultaat)
            for (dossier, eigen), taak in zip(loaded, taken):
                geheugen.gebouwd(dossier.pad, taak.uit, prints.get(dossier.pad) or overeenkomst_vingerafdruk(
                    dossier.pad, taak.uit, digest, bouw.info, GENERATOR, formaten),
                    eigen, [m for doc in taak.documenten for m in taak.meldingen.get(doc.naam, [])],
                    _digests(taak), sorted({partijsleutel(p) for p in dossier.overeenkomst.partijen}))
            geheugen.bewaar()
    except KeyboardInterrupt:
        raise Onderbroken(signal.SIGINT, resultaat.gepubliceerd) from None
    except Onderbroken as e:
        e.gepubliceerd = resultaat.gepubliceerd
        raise
    if resultaat.fouten_in:
        raise BronFout(rapport, streng, resultaat)
    return resultaat


def _plan(loaded: list[tuple[Dossier, Rapport]], bouw: Bouw, uit: Path, digest: str, formaten: tuple[str, ...],
          geheugen: Geheugen, gedeeld: dict[Path, set[str]]) -> list[Opdracht]:
    """The work for every loaded agreement. Who is party to which agreements, for the extracts,
    is known of the agreements loaded (an agreement skipped as unchanged is not among them)."""
    partners = Partners([d for d, _ in loaded])
    return [
        plan_agreement(
            d, uit / _uitmap(d.map), digest, bouw.info_voor(d), lambda doc: formaten_voor(doc.soort, formaten),
            GENERATOR, lambda doc, fs: bestandsnamen(doc.naam, doc.uitvoer, fs), geheugen, partners,
            gedeeld.get(d.pad),
        )
        for d, _ in loaded
    ]


def _neem_over(eerder: Opdracht, taak: Opdracht) -> Opdracht:
    """``taak``, planned again over fewer agreements, with the agreement's own documents as
    ``eerder`` made them (they do not depend on the other agreements)."""
    for doc in taak.documenten:
        if doc.partij is not None or doc.naam not in eerder.inhoud:
            continue
        taak.inhoud[doc.naam] = eerder.inhoud[doc.naam]
        taak.meldingen[doc.naam] = eerder.meldingen.get(doc.naam, [])
        if doc.naam not in eerder.te_maken and doc.naam in taak.te_maken:
            taak.te_maken.remove(doc.naam)
        taak.bestanden.update({n: eerder.bestanden[n] for n in taak.bestandsnamen(doc) if n in eerder.bestanden})
    return taak


def pakketten(uit: Path, naar: Path | None = None) -> list[Path]:
    """One zip per published agreement folder in ``uit``, in ``naar`` (default: pakketten/ beside it)."""
    naar = naar or uit.parent / PAKKETTEN
    return [pakket(folder, naar) for folder in sorted(uit.iterdir())
            if not folder.name.startswith(".") and (folder / MANIFEST).is_file()]


def opruimen(bron: Path | str | None = None, uit: Path | str | None = None) -> tuple[list[Path], list[Path]]:
    """Remove what builds and the preview wrote in the output folder; returns what was removed
    and what stays (the user's own files)."""
    werkmap = Werkmap.find(bron, uit)
    verwijderd, gebleven = leegmaken(werkmap.uit, (VOORBEELD_MAP,))
    record = geheugenpad(werkmap.uit)
    if record.is_file():
        record.unlink()
        verwijderd.append(record)
    return verwijderd, gebleven


def _digests(taak: Opdracht) -> dict[str, str]:
    """The digest of every file the agreement's documents have in this build."""
    old = taak.oud.get("bestanden", {})
    return {name: (taak.bestanden[name].sha256 if name in taak.bestanden else old[name]["sha256"])
            for doc in taak.documenten for name in taak.bestandsnamen(doc)
            if name in taak.bestanden or name in old}  # not a PDF too long to make


def _check_unique_outputs(taken: list[Opdracht], gelaten: set[Path]) -> None:
    seen: dict[Path, str] = {}
    for taak in taken:
        if taak.uit in seen or taak.uit in gelaten:
            raise GebruiksFout(
                f"de mappen '{seen.get(taak.uit, taak.uit.name)}' en '{taak.dossier.map}' krijgen dezelfde uitvoermap "
                f"'{display_path(taak.uit)}'; hernoem een van beide"
            )
        seen[taak.uit] = taak.dossier.map
