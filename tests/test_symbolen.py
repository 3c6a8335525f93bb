"""Status icons legible at print size in every house font: each icon is a real glyph of a
real font, never a speck, and the arrows, shapes and marks that text fonts lack or draw small
(✓ → ↓ ○ ✗ ↻ □) are drawn in the house style's symbol font in Word, HTML and PDF alike."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from conftest import ROOT, needs_tool
from prestatie.parse import parse
from prestatie.render.document import Documentinfo
from prestatie.model.voortgang import STATUSSEN
from prestatie.plan.voortgang import GEEN_MELDING, ZONDER_STATUS
from prestatie.write.word.docx import DocxWriter
from prestatie.parse.klassen import SYMBOOLBEREIKEN

SYMBOLS = re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in SYMBOOLBEREIKEN) + "]+")
"""The symbol ranges of the vocabulary, as a pattern to read the outputs back with."""

SJABLONEN = ROOT / "sjablonen"
TEKSTLETTERS = ["Liberation Sans", "Liberation Serif", "DejaVu Sans", "DejaVu Serif", "Carlito"]
"""The house style's own letter and common ones of Dutch gemeenten (Arial, Times New Roman and
Calibri by their metric twins): all in .ci/run."""
KLEINST = 0.3
"""A mark narrower and lower than this part of the em prints as a speck (a middle dot is 0.12)."""


def _icons() -> set[str]:
    """Every mark a progress report puts before a status or a judgement."""
    marks = {s.icoon for s in (*STATUSSEN.values(), GEEN_MELDING, ZONDER_STATUS)}
    template = (SJABLONEN / "voortgang.md.j2").read_text(encoding="utf-8")
    oordeel = next(line for line in template.splitlines() if line.startswith("{% macro oordeel("))
    marks |= set(re.findall(r'": "(\S) ', oordeel))
    assert {"✓", "↓", "!"} <= marks
    return {c for mark in marks for c in mark}


def _font(family: str) -> TTFont:
    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", family],
                           capture_output=True, text=True).stdout.split("\n")
    if family not in found[0].split(","):
        message = f"letter {family} is not installed (.ci/run installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    return TTFont(found[1], fontNumber=0)


def _size(font: TTFont, char: str) -> float:
    """The larger of the glyph's width and height, in ems; 0 when the font lacks it."""
    name = font.getBestCmap().get(ord(char))
    if name is None:
        return 0.0
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)
    x0, y0, x1, y1 = pen.bounds or (0, 0, 0, 0)
    return max(x1 - x0, y1 - y0) / font["head"].unitsPerEm


def _symbol_font_of_the_reference() -> str:
    document = docx.Document(str(SJABLONEN / "huisstijl.docx"))
    fonts = document.styles["Symbool"].element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:ascii"))


def test_every_status_icon_is_a_legible_glyph_of_the_font_that_draws_it() -> None:
    needs_tool("fc-match")
    symbool = _symbol_font_of_the_reference()
    css = (SJABLONEN / "stijl.css").read_text(encoding="utf-8")
    typ = (SJABLONEN / "huisstijl.typ").read_text(encoding="utf-8")
    assert re.search(r'font-family: "Symbolen";\s*src: local\("' + symbool, css)
    assert f'#let symboolletter = ("{symbool}",)' in typ
    symbols = {c for c in _icons() if SYMBOLS.fullmatch(c)}
    assert symbols >= {"✓", "→", "↻", "○", "↓", "✗", "□"}
    font = _font(symbool)
    assert {c: _size(font, c) >= KLEINST for c in symbols} == dict.fromkeys(symbols, True)
    # The other marks (! ? – =) come from the text letter: in every common one, never a speck.
    rest = _icons() - symbols
    for family in TEKSTLETTERS:
        font = _font(family)
        assert {c: _size(font, c) >= KLEINST for c in rest} == dict.fromkeys(rest, True), family


def test_the_stylesheet_names_the_symbol_ranges_of_the_vocabulary() -> None:
    """The one list is SYMBOOLBEREIKEN; the CSS font face repeats it (a browser needs it there)
    and is held to it; the Typst house style no longer repeats it: the writer marks symbols."""
    css = (SJABLONEN / "stijl.css").read_text(encoding="utf-8")
    line = re.search(r"unicode-range: ([^;]+);", css).group(1)
    found = sorted((int(a, 16), int(b, 16)) for a, b in re.findall(r"U\+([0-9A-F]{4})-([0-9A-F]{4})", line))
    assert found == sorted(SYMBOOLBEREIKEN)
    typ = (SJABLONEN / "huisstijl.typ").read_text(encoding="utf-8")
    assert "\\u{2190}" not in typ and "#let symbool(body)" in typ
    # Body text puts the symbol face first, so it draws exactly those characters.
    assert re.search(r'body \{[^}]*font-family: "Symbolen", ', css)


def _reference_in(family: str) -> DocxWriter:
    """The house style with another body letter, as a gemeente would set it."""
    src = zipfile.ZipFile(SJABLONEN / "huisstijl.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            data = src.read(name)
            z.writestr(name, data.replace(b"Liberation Sans", family.encode()) if name.startswith("word/") else data)
    return DocxWriter(out.getvalue())


TABEL = "| Nr. | Status |\n|:--|:--|\n" + "".join(
    f"| A{i} | {s.icoon} {s.label} |\n" for i, s in enumerate((*STATUSSEN.values(), ZONDER_STATUS), 1))


def test_word_draws_status_icons_in_the_symbol_style(tmp_path) -> None:
    """Each icon is a run in the character style Symbool with its font (LibreOffice gives table
    text the default letter directly, which would beat the style); the label stays text."""
    data = DocxWriter((SJABLONEN / "huisstijl.docx").read_bytes()).write(
        parse(TABEL + "\nVan ○ naar ✓ in één jaar.\n"), Documentinfo(titel="Statussen"))
    document = docx.Document(io.BytesIO(data))
    symbool = _symbol_font_of_the_reference()
    runs = [r for t in document.tables for c in t.columns[1].cells for r in c.paragraphs[0].runs]
    zin = next(p for p in document.paragraphs if p.text.startswith("Van "))
    runs += zin.runs
    icons = [r for r in runs if SYMBOLS.fullmatch(r.text)]
    assert [r.text for r in icons] == ["✓", "→", "↻", "○", "↓", "✗", "□", "○", "✓"]
    for run in icons:
        assert run.style.name == "Symbool" and run.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == symbool
    assert all(r.style.name != "Symbool" for r in runs if not SYMBOLS.search(r.text))
    assert zin.text == "Van ○ naar ✓ in één jaar."


@pytest.mark.parametrize("family", ["Liberation Serif", "Carlito"])
def test_libreoffice_prints_the_icons_from_the_symbol_font_in_another_house_letter(tmp_path, family) -> None:
    """With a serif or Calibri's twin as the house letter, the PDF holds only that letter and
    the symbol font: no other font filled in for a missing glyph (as a maths font did for ✓)."""
    soffice, _ = needs_tool("soffice"), needs_tool("pdffonts")
    _font(family)
    path = tmp_path / "statussen.docx"
    path.write_bytes(_reference_in(family).write(parse("# Statussen\n\n" + TABEL), Documentinfo(titel="Statussen")))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    listing = subprocess.run(["pdffonts", str(tmp_path / "statussen.pdf")], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    fonts = {line.split()[0].split("+")[-1].split("-")[0] for line in listing}
    assert fonts == {family.replace(" ", ""), _symbol_font_of_the_reference().replace(" ", "")}
    text = subprocess.run(["pdftotext", str(tmp_path / "statussen.pdf"), "-"], capture_output=True, text=True).stdout
    assert all(f"{s.icoon} {s.label}" in text for s in STATUSSEN.values())
