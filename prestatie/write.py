"""Write: the output stage. Render one document to bytes per format; replace files atomically.

Only this module touches the output folder. Files are written beside their target and then
renamed over it, so a reader never sees half a file; a file whose bytes did not change is
not touched; files of an earlier build that no longer belong to it are removed only after
everything else was written; the manifest comes last.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        afbeeldingen=doc.afbeeldingen() if doc.afbeeldingen else {},
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


_WRITERS: dict[tuple[str, int], Any] = {}


def _writer(fmt: str, sjablonen: Sjablonen) -> Any:
    """One writer per format and template search path, created on first use."""
    key = (fmt, id(sjablonen))
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


def write_agreement(folder: Path, files: dict[str, bytes], header: dict[str, Any], resultaat: "Resultaat") -> None:
    """Replace the files of one agreement's output folder; manifest last."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old = _read_manifest(folder)
        for name in sorted(files):
            path = folder / name
            data = files[name]
            if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                resultaat.ongewijzigd.append(path)
                continue
            _replace(path, data)
            resultaat.geschreven.append(path)
        for name in sorted(set(old.get("bestanden", {})) - set(files)):
            stale = folder / name
            if stale.is_file() and stale.parent == folder:
                stale.unlink()
                resultaat.verwijderd.append(stale)
        manifest = {
            **header,
            "bestanden": {
                name: {"sha256": sha256(data), "grootte": len(data)} for name, data in sorted(files.items())
            },
        }
        data = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()
        path = folder / MANIFEST
        if not (path.is_file() and path.read_bytes() == data):
            _replace(path, data)
    except OSError as e:
        raise SchrijfFout(
            f"kan niet schrijven in '{display_path(folder)}' ({e.strerror}); "
            "de vorige bestanden zijn niet aangetast"
        ) from None


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
