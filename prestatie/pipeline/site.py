"""prestatie site: a static publication site over every agreement in bron/ and every version
of it in git, with each version's documents, open data, calendar and extracts, the redline
between consecutive versions, an index per gemeente and per corporation, search without a
server and schema.org metadata per document.

Every version is built as ``prestatie build`` builds it (the old ones from their commit, with
the commit's time as build date and today's templates); the site is made in a folder beside
the output and put in place in one step. Links are relative (the site works from disk, on a
web server and under a sub-path), or absolute under ``adres`` when that is given.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..core.manifest import read_manifest
from ..core.errors import BronFout, GebruiksFout, Rapport, SchrijfFout, display_path, os_melding
from ..core.tekst import slug
from ..core.version import Bouwinfo
from ..load import folders, load_checked, load_folder
from ..load.sjablonen import Sjablonen
from ..model import Dossier
from ..plan import alle_documenten
from ..plan.uittreksel import Partners
from ..plan.verschil_documenten import vergelijk_alles
from ..write.web import site as sitewriter
from . import GENERATOR, build
from .bouw import Werkmap
from .siteinhoud import Versiepagina, afspraken_index, overeenkomst_context, partij_paginas, records
from .verschil import _git, vergelijking_bestanden
from .versies import Versiestand, git_versies


@dataclass
class Siteresultaat:
    uit: Path
    overeenkomsten: int = 0
    versies: int = 0
    verschillen: int = 0
    bestanden: int = 0
    meldingen: list[str] = field(default_factory=list)


@contextmanager
def _bouwdatum(when: Any) -> Iterator[None]:
    """Build an old version with its commit's time as build date (same commit, same bytes)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _uitpakken(commit: str, folder: Path, doel: Path, sjablonen: Path) -> Path | None:
    """The agreement folder as it was in ``commit``, with today's templates beside it."""
    top = _git(["rev-parse", "--show-toplevel"], folder)
    relative = Path(os.path.relpath(folder.resolve(), Path(top).resolve())).as_posix()
    data = _git(["archive", "--format=tar", commit, "--", relative], Path(top), binary=True)
    if not data:
        return None
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(doel, filter="data")
    if sjablonen.is_dir():
        (doel / "sjablonen").symlink_to(sjablonen.resolve(), target_is_directory=True)
    return doel / relative


def site(
    bron: Path | str | None = None,
    uit: Path | str | None = None,
    adres: str | None = None,
    formaten: tuple[str, ...] | None = None,
    jobs: int | None = None,
    melding: Callable[[str], None] | None = None,
) -> Siteresultaat:
    """Build the publication site into ``uit`` (default: site/ beside bron/)."""
    project = Werkmap.find(bron)
    doel = Path(uit) if uit is not None else project.uit.parent / "site"
    for folder, what in ((project.bron, "bronmap"), (project.sjablonen, "sjablonenmap")):
        if doel.resolve() == folder.resolve() or folder.resolve() in doel.resolve().parents:
            raise GebruiksFout(f"uitvoermap '{display_path(doel)}' ligt in de {what} '{display_path(folder)}'")
    if adres is not None and not adres.startswith(("https://", "http://")):
        raise GebruiksFout(f"'{adres}' is geen webadres; geef het adres van de site, bijvoorbeeld https://example.nl/afspraken/")
    basis = "" if adres is None else adres.rstrip("/") + "/"
    kwargs: dict[str, Any] = {} if formaten is None else {"formaten": formaten}
    resultaat = Siteresultaat(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".prestatie-site-", dir=doel.parent) as tmp_name:
        tmp = Path(tmp_name)
        nu = build(project.bron, tmp / "nu", jobs=jobs, melding=melding, **kwargs)
        resultaat.meldingen += nu.meldingen
        rapport = Rapport()
        dossiers = [d for f in folders(project.bron, rapport) if (d := load_checked(f, rapport)) is not None]
        if rapport.fouten:  # the build above would have refused already
            raise BronFout(rapport)
        partners = Partners(dossiers)
        staging = tmp / "site"
        staging.mkdir()
        paginas: list[Versiepagina] = []
        index: list[dict[str, str]] = []
        meta: list[dict[str, Any]] = []
        for dossier in dossiers:
            m = slug(dossier.map, "overeenkomst", 80)
            versies = git_versies(dossier.pad, dossier.overeenkomst.versie)
            gebouwd: list[tuple[Versiestand, Dossier, Path]] = []
            for i, v in enumerate(versies):
                if v.commit is None:  # now: dated as the build dated it (commit or SOURCE_DATE_EPOCH)
                    v.datum = dt.datetime.fromisoformat(read_manifest(tmp / "nu" / m)["bouwdatum"])
                    gebouwd.append((v, dossier, tmp / "nu" / m))
                    continue
                oud = _oude_versie(dossier, v, tmp / "git" / f"{m}-{i}", project, jobs, kwargs)
                if oud is not None:
                    gebouwd.append((v, *oud))
            vorige: tuple[Versiestand, Dossier] | None = None
            for v, d, uitvoer in gebouwd:
                map_v = f"{m}/{v.map}"
                shutil.copytree(uitvoer, staging / map_v)
                resultaat.versies += 1
                verschil = None
                if vorige is not None:
                    verschil = _verschil(vorige, (v, d), staging / m, project, v)
                    resultaat.verschillen += 1
                info = Bouwinfo(commit=v.commit, datum=v.datum, datum_bron="site")
                docs = alle_documenten(d, info, partners if v.commit is None else ())
                paginas.append(Versiepagina(m, map_v, v, d, docs, sorted(p.name for p in (staging / map_v).iterdir()),
                                            verschil))
                vorige = (v, d)
            index += afspraken_index(dossier, f"{basis}{m}/{gebouwd[-1][0].map}/")
            meta += records(paginas[-len(gebouwd):], basis)
            resultaat.overeenkomsten += 1
        _schrijf_paginas(staging, paginas, dossiers, index, meta, basis, project)
        resultaat.bestanden = sum(1 for p in staging.rglob("*") if p.is_file())
        _publiceer(staging, doel)
    return resultaat


def _oude_versie(dossier: Dossier, v: Versiestand, werk: Path, project: Werkmap, jobs: int | None,
                 kwargs: dict[str, Any]) -> tuple[Dossier, Path] | None:
    """Build one committed version of one agreement; None when it no longer loads or builds."""
    folder = _uitpakken(v.commit or "", dossier.pad, werk / "bron", project.sjablonen)
    if folder is None or not (folder / "overeenkomst.yaml").is_file():
        return None
    rapport = Rapport()
    oud = load_folder(folder, rapport)
    if oud is None or rapport.fouten:
        return None
    with _bouwdatum(v.datum):
        try:
            build(folder, werk / "uit", jobs=jobs, **kwargs)
        except BronFout:
            return None
    return oud, werk / "uit" / slug(folder.name, "overeenkomst", 80)


def _verschil(vorige: tuple[Versiestand, Dossier], nieuw: tuple[Versiestand, Dossier], map_: Path,
              project: Werkmap, v: Versiestand) -> dict[str, Any]:
    """The redline from the previous version to this one, in its own folder."""
    (va, da), (vb, db) = vorige, nieuw
    naam_a, naam_b = f"versie {va.versie}", f"versie {vb.versie}"
    verschillen = vergelijk_alles({da.map: da}, {db.map: db}, naam_a, naam_b)
    folder = map_ / f"verschil-{va.map}-{vb.map}"
    folder.mkdir(parents=True, exist_ok=True)
    files = vergelijking_bestanden(verschillen, naam_a, naam_b, Sjablonen(project.sjablonen), "prestatie", v.datum)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {"van": va.versie, "map": folder.name, "bestanden": sorted(files)}


def _schrijf_paginas(staging: Path, paginas: list[Versiepagina], dossiers: list[Dossier],
                     index: list[dict[str, str]], meta: list[dict[str, Any]], basis: str, project: Werkmap) -> None:
    datum = max(p.versie.datum for p in paginas)
    w = sitewriter.Sitepagina(Sjablonen(project.sjablonen), GENERATOR, datum)
    overzicht, partijen = partij_paginas(paginas, dossiers, basis)
    for naam, context in [*overzicht, *partijen, *overeenkomst_context(paginas, basis)]:
        zoeken = basis if naam == "index.html" else None
        (staging / naam).write_bytes(w.pagina(context, context["titel"], zoeken))
    (staging / sitewriter.SCRIPT).write_bytes(w.script())
    for name, data in sitewriter.zoekindex(index).items():
        (staging / name).write_bytes(data)
    (staging / sitewriter.METADATA).write_bytes(sitewriter.metadata(meta))


def _publiceer(staging: Path, doel: Path) -> None:
    """Put the new site in place in one step; the old one goes only after that."""
    try:
        if doel.exists() and not (doel / "index.html").is_file() and any(doel.iterdir()):
            raise GebruiksFout(f"'{display_path(doel)}' is geen site van prestatie en niet leeg; kies een andere map")
        oud = staging.parent / "oud"
        if doel.exists():
            os.replace(doel, oud)
        os.replace(staging, doel)
    except OSError as e:
        raise SchrijfFout(f"kan de site niet schrijven in '{display_path(doel)}' ({os_melding(e)})") from None
