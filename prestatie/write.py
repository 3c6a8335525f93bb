"""Write: the output stage. Render one document to bytes per format; replace files atomically.

Only this module touches the output folder. Rendered files wait in a hidden staging folder
inside the output folder until every document is ready, and are then renamed over their
targets, so a reader never sees half a file; a file whose bytes did not change is not
touched; files of an earlier build that no longer belong to it are removed only after
everything else was written; the manifest comes last.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import checks, markup
from .errors import SchrijfFout, display_path
from .model import Bron
from .plan import Document
from .render import Renderer
from .templates import Sjablonen
from .version import Bouwinfo
from .writers import Documentinfo

if TYPE_CHECKING:
    from .pipeline import Resultaat

MANIFEST = "manifest.json"


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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    from .plan import plan

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


@dataclass(frozen=True)
class Klaar:
    """A rendered file in the staging folder."""

    pad: Path
    sha256: str
    grootte: int


class Staging:
    """A hidden folder inside the output folder where rendered files wait until every document
    is ready: memory stays flat however many agreements a build has, and putting a file in
    place is a rename on the same file system. Made on first use, removed when the build ends
    (with the output folder itself if the build made it and nothing else went in)."""

    def __init__(self, root: Path):
        self.root = root
        self.folder: Path | None = None
        self._made_root = False

    def put(self, data: bytes) -> Klaar:
        try:
            if self.folder is None:
                self._made_root = not self.root.exists()
                self.root.mkdir(parents=True, exist_ok=True)
                self.folder = Path(tempfile.mkdtemp(prefix=".prestatie-", dir=self.root))
            fd, name = tempfile.mkstemp(dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError as e:
            raise SchrijfFout(
                f"kan niet schrijven in '{display_path(self.root)}' ({e.strerror}); de vorige build is onaangetast"
            ) from None
        return Klaar(Path(name), sha256(data), len(data))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.folder is None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._made_root:
            try:
                self.root.rmdir()
            except OSError:  # not empty: the build wrote its documents
                pass


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


def _move(klaar: Klaar, path: Path) -> None:
    """Rename a staged file over ``path``; across file systems, copy it beside ``path`` first."""
    os.chmod(klaar.pad, 0o644)
    try:
        os.replace(klaar.pad, path)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        _replace(path, klaar.pad.read_bytes())


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it over ``path`` (atomic on one file system)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_agreement(taak: Opdracht, resultaat: "Resultaat") -> None:
    """Replace the changed files of one agreement's output folder; stale files go; manifest last."""
    folder = taak.uit
    old_files = taak.oud.get("bestanden", {})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        entries: dict[str, dict[str, Any]] = {}
        for doc in taak.documenten:
            for fmt in doc.formaten:
                name = f"{doc.naam}.{fmt}"
                path = folder / name
                if doc.naam not in taak.te_maken:
                    entries[name] = old_files[name]
                    resultaat.ongewijzigd.append(path)
                    continue
                klaar = taak.bestanden[name]
                entries[name] = {"sha256": klaar.sha256, "grootte": klaar.grootte}
                if (
                    path.is_file()
                    and path.stat().st_size == klaar.grootte
                    and sha256(path.read_bytes()) == klaar.sha256
                ):
                    resultaat.ongewijzigd.append(path)
                    continue
                _move(klaar, path)
                resultaat.geschreven.append(path)
        for name in sorted(set(old_files) - set(entries)):
            stale = folder / name
            if stale.is_file() and stale.parent == folder:
                stale.unlink()
                resultaat.verwijderd.append(stale)
        documenten = {}
        for doc in taak.documenten:
            documenten[doc.naam] = {"vingerafdruk": taak.vingerafdrukken[doc.naam]}
            if taak.meldingen.get(doc.naam):
                documenten[doc.naam]["meldingen"] = taak.meldingen[doc.naam]
        manifest = {
            **taak.header,
            "bronnen": taak.bronnen,
            "sjablonen": taak.sjablonen_digest,
            "documenten": documenten,
            "bestanden": dict(sorted(entries.items())),
        }
        data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
        path = folder / MANIFEST
        if not (path.is_file() and path.read_bytes() == data):
            _replace(path, data)
    except OSError as e:
        raise SchrijfFout(
            f"kan niet schrijven in '{display_path(folder)}' ({e.strerror}); "
            "bestanden die al klaar waren zijn volledig vervangen, de rest is onaangetast"
        ) from None


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
