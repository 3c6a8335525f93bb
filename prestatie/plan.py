"""Plan: which documents one agreement yields, and the context each template sees.

The agreement always; the press release when ``persbericht.yaml`` exists; one progress
report per ``voortgang/<jaar>.yaml``. A context is the model plus derived views.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from functools import cached_property, partial

from .model import Bron, Overeenkomst, Voortgang
from .persbericht import persbericht_context
from .views import voortgang_afbeeldingen, voortgang_context
from .templates import Sjablonen
from .version import Bouwinfo
from .write import _read_manifest, sha256

if TYPE_CHECKING:
    from .write import Klaar

FORMATEN = ("md", "html", "docx", "txt")
"""The formats a build can write; txt (plain text for e-mail) exists for the press release only."""


def _formats(soort: str, formaten: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in formaten if f != "txt" or soort == "persbericht")


@dataclass(frozen=True)
class Document:
    """One document to render: which template, under which file name, with what context."""

    soort: str
    """overeenkomst, persbericht or voortgang."""
    naam: str
    """File name without extension: overeenkomst, persbericht, voortgang-2024."""
    sjabloon: str
    titel: str
    onderwerp: str
    formaten: tuple[str, ...]
    maak_context: Callable[[], dict[str, Any]] = field(repr=False, compare=False)
    """Derives what the template sees; called once, when the document is rendered."""
    jaar: int | None = None
    afbeeldingen: Callable[[], dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    """Draws the document's images (charts) when it is rendered, not when it is planned."""

    @cached_property
    def context(self) -> dict[str, Any]:
        """The template's variables: the model plus derived views (planning alone derives none)."""
        return self.maak_context()


def naam_van(o: Overeenkomst):
    """A function that turns a reference ({project:velst}) into the name a reader sees."""
    tables = {
        "partij": {p.id: p.korte_naam for p in o.partijen},
        "thema": {t.id: t.titel for t in o.themas},
        "afspraak": {a.id: a.kort for a in o.afspraken},
        "indicator": {i.id: i.naam for i in o.indicatoren},
        "project": {p.id: p.naam for p in o.projecten},
    }

    def lookup(soort: str, ident: str) -> str:
        return tables.get(soort, {}).get(ident, ident)

    return lookup


def base_context(bron: Bron, info: Bouwinfo) -> dict[str, Any]:
    """What every template of one agreement can use."""
    o = bron.overeenkomst
    per_thema = {t.id: [a for a in o.afspraken if a.thema == t.id] for t in o.themas}
    return {
        "overeenkomst": o,
        "partijen": {p.id: p for p in o.partijen},
        "themas": {t.id: t for t in o.themas},
        "afspraken": {a.id: a for a in o.afspraken},
        "indicatoren": {i.id: i for i in o.indicatoren},
        "projecten": {p.id: p for p in o.projecten},
        "gemeenten": [p for p in o.partijen if p.soort == "gemeente"],
        "corporaties": [p for p in o.partijen if p.soort == "corporatie"],
        "huurdersorganisaties": [p for p in o.partijen if p.soort == "huurdersorganisatie"],
        "afspraken_per_thema": per_thema,
        "naam_van": naam_van(o),
        "versie": info.versie(o.versie),
        "commit": info.commit,
        "bouwdatum": info.datum.date(),
        "links": {"overeenkomst": "overeenkomst.html"},
    }


def _voortgang_context(
    base: dict[str, Any], bron: Bron, jaar: int, v: Voortgang, vorige: Voortgang | None
) -> dict[str, Any]:
    return {
        **base,
        **voortgang_context(bron, jaar),
        "voortgang": v,
        "vorige": vorige,
        "jaar": jaar,
        "document": {"soort": "voortgang", "naam": f"voortgang-{jaar}"},
    }


def plan(bron: Bron, info: Bouwinfo, formaten: tuple[str, ...] = FORMATEN) -> list[Document]:
    """The documents of one agreement, in a stable order."""
    o = bron.overeenkomst
    base = base_context(bron, info)
    docs = [
        Document(
            soort="overeenkomst",
            naam="overeenkomst",
            sjabloon="overeenkomst.md.j2",
            titel=o.titel,
            onderwerp=f"Prestatieafspraken {o.looptijd.van}–{o.looptijd.tot}",
            formaten=_formats("overeenkomst", formaten),
            maak_context=lambda: {**base, "document": {"soort": "overeenkomst", "naam": "overeenkomst"}},
        )
    ]
    if bron.persbericht is not None:
        docs.append(
            Document(
                soort="persbericht",
                naam="persbericht",
                sjabloon="persbericht.md.j2",
                titel=bron.persbericht.kop,
                onderwerp=f"Persbericht {o.titel}",
                formaten=_formats("persbericht", formaten),
                maak_context=lambda: {
                    **base,
                    **persbericht_context(bron),
                    "persbericht": bron.persbericht,
                    "document": {"soort": "persbericht", "naam": "persbericht"},
                },
            )
        )
    jaren = sorted(bron.voortgang)
    for i, jaar in enumerate(jaren):
        v = bron.voortgang[jaar]
        vorige = bron.voortgang[jaren[i - 1]] if i > 0 else None
        docs.append(
            Document(
                soort="voortgang",
                naam=f"voortgang-{jaar}",
                sjabloon="voortgang.md.j2",
                titel=f"Voortgangsrapportage {jaar}",
                onderwerp=f"Voortgang {o.titel}, {jaar}",
                formaten=_formats("voortgang", formaten),
                jaar=jaar,
                maak_context=partial(_voortgang_context, base, bron, jaar, v, vorige),
                afbeeldingen=partial(voortgang_afbeeldingen, bron, jaar),
            )
        )
    return docs


# --- incremental builds: what must be rendered again --------------------------------------

def digest_files(paths: list[tuple[str, Path]]) -> tuple[str, dict[str, str]]:
    """One digest over named files (name and bytes), plus the digest of each file."""
    total = hashlib.sha256()
    each: dict[str, str] = {}
    for name, path in sorted(paths):
        data = path.read_bytes()
        each[name] = sha256(data)
        total.update(name.encode() + b"\0" + each[name].encode() + b"\0")
    return total.hexdigest(), each


def source_files(bron: Bron) -> list[tuple[str, Path]]:
    """The source files of one agreement, named relative to its folder."""
    folder = bron.pad
    return [
        (p.relative_to(folder).as_posix(), p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in (".yaml", ".yml")
    ]


@dataclass
class Opdracht:
    """The work for one agreement: what to render, what to keep, where to write."""

    bron: Bron
    uit: Path
    documenten: list[Document]
    vingerafdrukken: dict[str, str]
    bronnen: dict[str, Any]
    sjablonen_digest: str
    header: dict[str, Any]
    formaten: tuple[str, ...] = ()
    te_maken: list[str] = field(default_factory=list)
    """Names of the documents to render; the others are unchanged since the last build."""
    oud: dict[str, Any] = field(default_factory=dict)
    """The manifest of the previous build."""
    bestanden: dict[str, "Klaar"] = field(default_factory=dict)
    """The rendered files, waiting in the staging folder."""
    meldingen: dict[str, list[str]] = field(default_factory=dict)
    """Per document what the build reports about it (the press release's length)."""


_TEMPLATE_DIGESTS: dict[tuple[str, ...], str] = {}


def templates_digest(sjablonen: Sjablonen) -> str:
    """Digest of every file on the template search path (templates, CSS, reference docx)."""
    key = tuple(str(d) for d in sjablonen.dirs)
    if key not in _TEMPLATE_DIGESTS:
        files = [(f"{i}/{p.relative_to(d).as_posix()}", p) for i, d in enumerate(sjablonen.dirs)
                 for p in sorted(d.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
        _TEMPLATE_DIGESTS[key] = digest_files(files)[0]
    return _TEMPLATE_DIGESTS[key]


def plan_agreement(
    bron: Bron,
    uit: Path,
    sjablonen: Sjablonen,
    info: Bouwinfo,
    formaten: tuple[str, ...],
    generator: str,
) -> Opdracht:
    """Decide which documents of one agreement must be rendered again."""
    docs = plan(bron, info, formaten)
    bron_digest, per_file = digest_files(source_files(bron))
    tdigest = templates_digest(sjablonen)
    o = bron.overeenkomst
    header = {
        "overeenkomst": bron.map,
        "versie": o.versie,
        "weergave": info.versie(o.versie),
        "commit": info.commit,
        "bouwdatum": info.datum.isoformat(),
        "generator": generator,
    }
    prints = {}
    for doc in docs:
        h = hashlib.sha256()
        for part in (generator, doc.naam, ",".join(doc.formaten), bron_digest, tdigest,
                     info.commit or "", info.datum.isoformat()):
            h.update(part.encode() + b"\0")
        prints[doc.naam] = h.hexdigest()
    taak = Opdracht(
        bron=bron, uit=uit, documenten=docs, vingerafdrukken=prints,
        bronnen={"sha256": bron_digest, "bestanden": per_file}, sjablonen_digest=tdigest, header=header,
        formaten=formaten, oud=_read_manifest(uit),
    )
    old_docs = taak.oud.get("documenten", {})
    old_files = taak.oud.get("bestanden", {})
    for doc in docs:
        old = old_docs.get(doc.naam, {})
        names = [f"{doc.naam}.{fmt}" for fmt in doc.formaten]
        unchanged = old.get("vingerafdruk") == prints[doc.naam] and all(
            n in old_files and (uit / n).is_file() and (uit / n).stat().st_size == old_files[n].get("grootte")
            for n in names
        )
        if unchanged:
            taak.meldingen[doc.naam] = list(old.get("meldingen", []))
        else:
            taak.te_maken.append(doc.naam)
    return taak
