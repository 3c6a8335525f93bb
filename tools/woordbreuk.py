"""Count the long words that LibreOffice breaks in the middle in the tables of Word files.

    python tools/woordbreuk.py MAP [--werkmap /tmp/woordbreuk] [--lang 8]

Every .docx under MAP is laid out by LibreOffice (to PDF) and read back with
``pdftotext -bbox-layout``. A long word of a table cell (``--lang`` letters or more, 8 by default) that ends one
line and goes on at the start of the next without a hyphen is broken in the middle; with a
hyphen it is hyphenated (as Word and LibreOffice do at a soft hyphen), which is allowed.
Prints per file and in total: long words in table cells, broken, hyphenated.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANG = 8
_WOORD = re.compile(r"[^\W\d_]+")


def lange_woorden(docx: Path, lang: int = LANG) -> tuple[list[str], set[str]]:
    """Every long word (each occurrence) in the table cells of a Word file, and every word of
    the file (a line that ends on a whole word, 'half' before 'jaar', breaks no word)."""
    xml = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    alle = set(_WOORD.findall("".join(t.text or "" for t in xml.iter(f"{W}t"))))
    alle |= {w for p in xml.iter(f"{W}p") for w in _WOORD.findall("".join(t.text or "" for t in p.iter(f"{W}t")))}
    found = []
    for tc in xml.iter(f"{W}tc"):
        for p in tc.iter(f"{W}p"):
            text = "".join(t.text or "" for t in p.iter(f"{W}t"))
            found += [w for w in _WOORD.findall(text) if len(w) >= lang]
    return found, alle


def regels(pdf: Path) -> list[list[str]]:
    """The lines of a PDF as LibreOffice laid them out, each a list of words, per block."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout
    root = etree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", html), etree.XMLParser(recover=True))
    lines = []
    for block in root.iter("{*}block"):
        for line in block.iter("{*}line"):
            lines.append([w.text or "" for w in line.iter("{*}word")])
        lines.append([])  # a block ends: no word goes on into the next
    return lines


def breuken(lines: list[list[str]], woorden: set[str], alle: set[str]) -> tuple[list[str], list[str]]:
    """The long words broken in the middle, and those hyphenated, at a line end."""
    midden, afgebroken = [], []
    for line, nxt in zip(lines, lines[1:]):
        if not line or not nxt:
            continue
        a, b = line[-1], nxt[0]
        tail = _WOORD.findall(a)
        head = _WOORD.findall(b)
        if not tail or not head or not a.rstrip("-\u00ad\u2010").endswith(tail[-1]):
            continue
        if not b.startswith(head[0]):
            continue
        heel = tail[-1] + head[0]
        if heel in woorden and tail[-1] not in alle:
            (afgebroken if a.endswith(("-", "\u00ad", "\u2010")) else midden).append(heel)
    return midden, afgebroken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", type=Path)
    parser.add_argument("--werkmap", type=Path, default=None)
    parser.add_argument("--lang", type=int, default=LANG, help="letters of a long word")
    args = parser.parse_args()
    files = sorted(args.map.rglob("*.docx"))
    werk = args.werkmap or Path(tempfile.mkdtemp(prefix="woordbreuk-"))
    werk.mkdir(parents=True, exist_ok=True)
    profiel = (werk / "profiel").resolve().as_uri()
    totaal = [0, 0, 0]
    for f in files:
        uit = werk / f.parent.name
        uit.mkdir(exist_ok=True)
        pdf = uit / (f.stem + ".pdf")
        if not pdf.exists() or pdf.stat().st_mtime < f.stat().st_mtime:
            subprocess.run(["soffice", f"-env:UserInstallation={profiel}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(uit), str(f)], capture_output=True, check=True)
        woorden, alle = lange_woorden(f, args.lang)
        midden, afgebroken = breuken(regels(pdf), set(woorden), alle)
        for i, n in enumerate((len(woorden), len(midden), len(afgebroken))):
            totaal[i] += n
        if midden:
            print(f"{f.parent.name}/{f.name}: {len(woorden)} lange woorden, {len(midden)} midden gebroken "
                  f"({', '.join(midden)}), {len(afgebroken)} afgebroken", flush=True)
    print(f"totaal: {totaal[0]} lange woorden in tabelcellen, {totaal[1]} midden in het woord gebroken, "
          f"{totaal[2]} afgebroken met een streepje ({len(files)} Word-bestanden)")
    sys.exit(0)


if __name__ == "__main__":
    main()
