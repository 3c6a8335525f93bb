"""The vocabulary of meaning (prestatie/parse/klassen.py): every writer renders every class,
the style sheets name what each writer's table promises, and the parse marks each inline class
once, so no writer finds meaning in text again."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from prestatie.parse import parse
from prestatie.parse import klassen as k
from prestatie.plan.voortgang import alle_statussen
from prestatie.write.pdf import pdf
from prestatie.write.tekst import md, txt
from prestatie.write.web import html
from prestatie.write.word import docxtekst, stijlen, tabellen

ROOT = Path(__file__).resolve().parent.parent
SJABLONEN = ROOT / "sjablonen"
PACKAGE = ROOT / "prestatie"


def _tabellen() -> dict[str, dict[str, object]]:
    """Per writer the table from class to its rendering, as the writer itself declares it."""
    return {
        "Word": {**stijlen.BLOKSTIJL, **docxtekst.INLINE, **tabellen.UITLIJNING},
        "HTML": dict(html.CSS),
        "PDF": {**pdf.BLOK, **pdf.INLINE, **pdf.UITLIJNING},
        "tekst": dict(txt.KLASSEN),
        "Markdown": dict(md.KLASSEN),
    }


def test_every_writer_renders_every_class_of_the_vocabulary() -> None:
    lacking = k.overal(_tabellen().items())
    assert lacking == {naam: [] for naam in _tabellen()}
    # and no writer renders a class the vocabulary does not know (a typo, or one left behind)
    alles = set(k.BLOKKEN) | set(k.INLINE) | {f"uitlijning:{a}" for a in k.UITLIJNING}
    assert {naam: sorted(set(t) - alles) for naam, t in _tabellen().items()} == {n: [] for n in _tabellen()}


@pytest.mark.parametrize("writer", ["Word", "HTML", "PDF", "tekst", "Markdown"])
def test_a_class_removed_from_a_writer_is_named(writer: str) -> None:
    tables = _tabellen()
    del tables[writer]["kader"]
    del tables[writer]["termijn"]
    assert k.overal(tables.items())[writer] == ["kader", "termijn"]


def test_the_stylesheet_has_a_rule_for_every_class_the_html_writer_names() -> None:
    css = (SJABLONEN / "stijl.css").read_text(encoding="utf-8")
    missing = [c for c in html.CSS.values() if c and not re.search(rf"\.{c}\b", css)]
    assert missing == []


def test_the_typst_house_style_defines_every_function_the_pdf_writer_calls() -> None:
    typ = (SJABLONEN / "huisstijl.typ").read_text(encoding="utf-8")
    defined = set(re.findall(r"^#let (\w+)\(", typ, re.M))
    assert set(pdf.FUNCTIES) - defined == set()
    called = {re.match(r"#(\w+)", v).group(1) for v in pdf.BLOK.values()} - {"pagebreak"}
    assert called <= defined


def test_a_house_style_without_a_function_is_refused_in_dutch() -> None:
    from prestatie.core.errors import HuisstijlFout

    typ = (SJABLONEN / "huisstijl.typ").read_text(encoding="utf-8").replace("#let bereik(", "#let reeks(")
    with pytest.raises(HuisstijlFout, match="huisstijl.typ mist de functie\\(s\\) bereik"):
        pdf.PdfWriter(typ.encode("utf-8"))


def test_the_word_reference_has_a_style_for_every_block_class() -> None:
    ref = stijlen.Reference((SJABLONEN / "huisstijl.docx").read_bytes(), None)  # type: ignore[arg-type]
    missing = [s for s in stijlen.BLOKSTIJL.values() if s and not ref.has(s)]
    assert missing == []


def _spans(tree: ET.Element) -> list[tuple[str, str]]:
    return [(el.get("class", ""), "".join(el.itertext())) for el in tree.iter("span")]


def test_the_parse_marks_every_inline_class_once() -> None:
    tree = parse("Van 2024–2027 voor € 1.234,50, uiterlijk 1 juli 2025, en op 3 maart 2024: "
                 "✓ Gerealiseerd en ↓ vertraagd; Q3 2026.\n\n`2024–2025` in code blijft tekst.\n")
    assert _spans(tree) == [
        ("bereik", "2024–2027"), ("bedrag", "€ 1.234,50"), ("termijn", "uiterlijk 1 juli 2025"),
        ("datum", "3 maart 2024"), ("status status-gerealiseerd", "✓ Gerealiseerd"), ("symbool", "✓"),
        ("status status-vertraagd", "↓ vertraagd"), ("symbool", "↓"), ("termijn", "Q3 2026"),
    ]
    status = [el for el in tree.iter("span") if el.get("waarde")]
    assert [el.get("waarde") for el in status] == ["gerealiseerd", "vertraagd"]


def test_every_status_is_marked_with_its_own_value() -> None:
    text = "\n\n".join(f"{s.icoon} {s.label}" for s in alle_statussen())
    tree = parse(text + "\n")
    assert [el.get("waarde") for el in tree.iter("span") if el.get("waarde")] == [s.naam for s in alle_statussen()]


def test_table_cells_carry_their_alignment_as_an_attribute() -> None:
    tree = parse("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    assert [k.uitlijning(td) for td in tree.iter("td")] == ["left", "center", "right"]
    assert all("style" not in td.attrib for td in tree.iter("td"))


def test_no_writer_looks_for_meaning_in_text_again() -> None:
    """After the parse, the patterns of meaning live only in parse/klassen.py."""
    forbidden = re.compile(r"\bBEREIK\b|\\u2190|U\+2190|text-align\\s|bereik_heel|SYMBOLS")
    found = [str(p.relative_to(ROOT)) for p in (PACKAGE / "write").rglob("*.py") if forbidden.search(p.read_text())]
    found += [n for n in ("huisstijl.typ",) if "\\u{2190}" in (SJABLONEN / n).read_text(encoding="utf-8")]
    assert found == []
