"""The page numbers of the Word contents, as a word processor lays the pages out.

The Word writer does not lay out pages, so it cannot know on which page a heading falls. When
LibreOffice is installed, the finished .docx is opened in it once (headless, with a profile of
its own in a temporary folder) and saved again as .docx; LibreOffice computes every PAGEREF
field as it lays the document out and stores the result. Those results are read back, by
bookmark, and stored as the results of the contents' own fields: Word shows them on opening,
without a prompt, and LibreOffice computes the same numbers itself. Without LibreOffice (or
with ``PRESTATIE_PAGINANUMMERS=nee``) nothing is stored and the contents says how to fill them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

UIT = "PRESTATIE_PAGINANUMMERS"
"""Environment variable: 'nee' leaves the numbers out (a quicker build, the same words)."""
TIJDSLIMIET = 180  # seconds for one document on a busy machine

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def soffice() -> str | None:
    """LibreOffice's program, unless switched off or not installed."""
    if os.environ.get(UIT, "").strip().lower() in ("nee", "0", "uit", "false"):
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def paginas(docx: bytes) -> dict[str, str]:
    """Bookmark → page number (as text) in LibreOffice's layout of ``docx``; {} when it cannot
    be done (no LibreOffice, it failed or took too long)."""
    program = soffice()
    if program is None:
        return {}
    with tempfile.TemporaryDirectory(prefix="prestatie-pagina-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        bron = folder / "in" / "document.docx"
        bron.write_bytes(docx)
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={(folder / 'profiel').as_uri()}", "--headless",
                 "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(bron)],
                stdin=subprocess.DEVNULL, capture_output=True, timeout=TIJDSLIMIET, check=False)
        except (OSError, subprocess.SubprocessError):
            return {}
        uit = folder / "document.docx"
        if not uit.is_file():
            return {}
        try:
            with zipfile.ZipFile(io.BytesIO(uit.read_bytes())) as z:
                return field_results(z.read("word/document.xml"))
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
            return {}


def field_results(document_xml: bytes) -> dict[str, str]:
    """The stored result of each ``PAGEREF <bookmark>`` field of a document.xml, the first per
    bookmark (runs in document order: begin, code, separate, result, end)."""
    root = etree.fromstring(document_xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    found: dict[str, str] = {}
    stack: list[list] = []  # per open field: [code, result, after separate]
    for el in root.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}t"):
        if el.tag == f"{_W}fldChar":
            kind = el.get(f"{_W}fldCharType")
            if kind == "begin":
                stack.append(["", "", False])
            elif kind == "separate" and stack:
                stack[-1][2] = True
            elif kind == "end" and stack:
                code, result, _ = stack.pop()
                parts = code.split()
                if len(parts) >= 2 and parts[0].upper() == "PAGEREF" and result.strip():
                    found.setdefault(parts[1], result.strip())
        elif stack and el.tag == f"{_W}instrText" and not stack[-1][2]:
            stack[-1][0] += el.text or ""
        elif stack and el.tag == f"{_W}t" and stack[-1][2]:
            stack[-1][1] += el.text or ""
    return found
