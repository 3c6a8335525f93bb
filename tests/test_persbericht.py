"""The press release: built through the real pipeline and read back in every format.

The fixture (tests/fixtures/persbericht) is a small agreement between two gemeenten, one
corporation and its tenants, with a press release that leaves the lead and the date to be
derived. Each test builds a copy in a temporary folder, changes what it needs there, and
reads the output files back: Markdown as text, plain text by lines, HTML with a parser and
Word with python-docx.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from conftest import EXAMPLE
from prestatie import parse as markup, pipeline
from prestatie.parse.woorden import MAX_WOORDEN, woorden
from prestatie.core.errors import BronFout
from prestatie.load.sjablonen import default_dir
from prestatie.render.document import Documentinfo
from prestatie.write.formats import formaat
from prestatie.write.tekst.txt import TxtWriter

FIXTURE = Path(__file__).parent / "fixtures" / "persbericht" / "bron"
MAP = "dorp-stad-2023-2026"
KOP = "Dorp, Stad en Thuis maken afspraken over wonen"
LEAD = (
    "DORP/STAD – De gemeenten Dorp en Stad hebben prestatieafspraken gemaakt met de "
    "woningcorporatie Thuis en de huurdersorganisatie Huurdersvereniging Thuis. De afspraken "
    "gelden voor de jaren 2023 tot en met 2026. Ze gaan over nieuwe woningen en duurzame "
    "woningen. De partijen ondertekenden de afspraken op 14 maart 2023 in Stad."
)
SECTIE_1 = (
    "In Dorp bouwt Thuis aan het Dorpsplein. In Stad zijn de plannen voor het Havenkwartier "
    "klaar. Meer weten? Kijk op de website"
)
AMBITIE_2 = "De woningen die het slechtst geïsoleerd zijn, pakken we als eerste aan."
PROJECT_2 = "Molenwijk in Stad: renovatie van 120 woningen"
AFSPRAAK_3 = "Thuis verbetert alle woningen met label E, F of G."
AFSPRAAK_4 = "Huurders met een laag inkomen krijgen gratis energieadvies."
CITAAT_1 = "“Iedereen verdient een goed en betaalbaar huis.”"
BRON_1 = "— J. Jansen, wethouder Wonen, Gemeente Dorp"
CITAAT_2 = "“We bouwen door, ook nu het moeilijk is.”"
BRON_2 = "— A. de Vries, directeur-bestuurder, Stichting Thuis"
NOOT = "Noot voor de redactie (niet voor publicatie)"
CONTACT_1 = "K. Smit, Gemeente Dorp, telefoon 0251 123 456, e-mail k.smit@dorp.example.nl"
CONTACT_2 = "L. de_Boer, Bureau Pers & Co, telefoon 06 12 34 56 78, e-mail pers_thuis@thuis.example.nl"

# What a reader meets, top to bottom, in every format.
READING_ORDER = [
    "PERSBERICHT",
    "14 maart 2023",
    KOP,
    LEAD,
    "Nieuwe woningen",
    SECTIE_1,
    "Duurzame woningen",
    AMBITIE_2,
    PROJECT_2,
    AFSPRAAK_3,
    AFSPRAAK_4,
    "Samen verder",
    "Alleen samen zorgen we voor goede wijken.",
    CITAAT_1,
    BRON_1,
    CITAAT_2,
    BRON_2,
    NOOT,
    "Voor meer informatie:",
    CONTACT_1,
    CONTACT_2,
]


def _has_docx_writer() -> bool:
    return (
        importlib.util.find_spec("prestatie.write.word.docx") is not None
        and (default_dir() / "huisstijl.docx").is_file()
    )


FORMATS = ["md", "txt", "html", "docx"]


def _formats_available() -> tuple[str, ...]:
    return tuple(f for f in FORMATS if f != "docx" or _has_docx_writer())


# --- helpers ------------------------------------------------------------------------------


class Project:
    """A temporary copy of the fixture project: bron/, sjablonen/ and build/."""

    def __init__(self, root: Path):
        self.root = root
        self.bron = root / "bron"
        shutil.copytree(FIXTURE, self.bron)
        # The agreement itself is another template's business: a one-line stand-in keeps
        # these tests about the press release only.
        (root / "sjablonen").mkdir()
        (root / "sjablonen" / "overeenkomst.md.j2").write_text("# {{ overeenkomst.titel }}\n", encoding="utf-8")
        self.uit = root / "build"

    @property
    def folder(self) -> Path:
        return self.bron / MAP

    def edit(self, name: str, change) -> None:
        """Load a YAML file of the fixture, let ``change`` edit the data, write it back."""
        path = self.folder / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def build(self, formats: tuple[str, ...] = ("md", "txt"), streng: bool = False) -> pipeline.Resultaat:
        return pipeline.build(self.bron, self.uit, formats, streng=streng, jobs=1)

    def out(self, ext: str) -> Path:
        return self.uit / MAP / f"persbericht.{ext}"

    def text(self, ext: str) -> str:
        return self.out(ext).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


class _Blocks(HTMLParser):
    """The blocks of an HTML page's <main>: (tag, classes of the enclosing divs, text)."""

    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.divs: list[str] = []
        self.current: list | None = None
        self.blocks: list[tuple[str, tuple[str, ...], str]] = []
        self.links: list[tuple[str, str]] = []
        self.href: str | None = None
        self.link_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag == "div":
            self.divs.append(a.get("class") or "")
        elif tag == "hr":
            self.blocks.append(("hr", self._classes(), ""))
        elif tag in self.BLOCK:
            self.current = [tag, self._classes(), ""]
        elif tag == "a":
            self.href, self.link_text = a.get("href"), ""

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if not self.in_main:
            return
        if tag == "div" and self.divs:
            self.divs.pop()
        elif tag == "a" and self.href is not None:
            self.links.append((self.link_text, self.href))
            self.href = None
        elif self.current is not None and tag == self.current[0]:
            self.blocks.append((tag, self.current[1], " ".join(self.current[2].split())))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current[2] += data
        if self.href is not None:
            self.link_text += data

    def _classes(self) -> tuple[str, ...]:
        return tuple(c for d in self.divs for c in d.split() if c != "document")


def html_blocks(page: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(page)
    return parser


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of a .docx, in order."""
    import docx

    document = docx.Document(str(path))
    return [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]


def reader_texts(project: Project, fmt: str) -> list[str]:
    """The text blocks of one output, in order, as a reader sees them (no marks)."""
    if fmt == "txt":
        return [line.removeprefix("• ") for line in project.text("txt").split("\n") if line.strip()]
    if fmt == "md":
        tree = markup.parse(project.text("md"))
        return [
            " ".join(markup.plain_text(el).split())
            for el in tree.iter()
            if el.tag in ("p", "li", "h1", "h2", "h3")
        ]
    if fmt == "html":
        return [text for tag, _, text in html_blocks(project.text("html")).blocks if tag != "hr"]
    if fmt == "docx":
        return [text for _, text in docx_paragraphs(project.out("docx")) if text.strip()]
    raise AssertionError(fmt)


def assert_in_order(blocks: list[str], expected: list[str]) -> None:
    """Each expected text starts a block, and the blocks come in the expected order."""
    position = -1
    for want in expected:
        found = [i for i, block in enumerate(blocks) if block.startswith(want) and i > position]
        assert found, f"{want!r} not found after block {position}: {blocks[position + 1:position + 4]}"
        position = found[0]


# --- reading order in every format ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_reader_meets_everything_in_order(project: Project, fmt: str) -> None:
    if fmt not in _formats_available():
        pytest.skip("the Word writer or huisstijl.docx is not there yet")
    project.build((fmt,))
    assert_in_order(reader_texts(project, fmt), READING_ORDER)


def test_markdown_structure(project: Project) -> None:
    project.build(("md",))
    md = project.text("md")
    assert md.startswith("**PERSBERICHT**\n\n14 maart 2023\n\n# " + KOP + "\n\n")
    assert "\n**DORP/STAD** – De gemeenten Dorp en Stad hebben" in md
    assert re.findall(r"^(#+) (.*)$", md, re.M) == [
        ("#", KOP),
        ("##", "Nieuwe woningen"),
        ("##", "Duurzame woningen"),
        ("##", "Samen verder"),
    ]
    assert f"\n{CITAAT_1}\n\n{BRON_1}\n" in md
    assert "\n---\n\n**Noot voor de redactie** (niet voor publicatie)\n" in md
    assert md.index(BRON_2) < md.index("\n---\n") < md.index("**Noot voor de redactie**")
    assert "[k.smit@dorp.example.nl](mailto:k.smit@dorp.example.nl)" in md
    assert md.endswith(".*\n") and ":::" not in md and "EMBARGO" not in md


def test_html_structure(project: Project) -> None:
    project.build(("html",))
    page = html_blocks(project.text("html"))
    blocks = page.blocks
    assert [t for tag, _, t in blocks if tag == "h1"] == [KOP]
    assert [t for tag, _, t in blocks if tag == "h2"] == ["Nieuwe woningen", "Duurzame woningen", "Samen verder"]
    assert [t for tag, cls, t in blocks if "dateline" in cls] == ["PERSBERICHT", "14 maart 2023"]
    assert [t for tag, cls, t in blocks if "lead" in cls] == [LEAD]
    assert [t for tag, cls, t in blocks if "citaat" in cls] == [CITAAT_1, BRON_1, CITAAT_2, BRON_2]
    tags = [tag for tag, _, _ in blocks]
    rule = tags.index("hr")
    noot = [i for i, (_, cls, _) in enumerate(blocks) if "noot" in cls]
    assert noot and noot[0] == rule + 1 and noot[-1] == len(blocks) - 2
    assert "klein" in blocks[-1][1] and "versie" in blocks[-1][2]  # which agreement and version
    assert blocks[rule + 1][2] == NOOT
    assert ("k.smit@dorp.example.nl", "mailto:k.smit@dorp.example.nl") in page.links
    assert ("de website", "https://www.example.nl/wonen_en_bouwen") in page.links
    assert not any("embargo" in cls for _, cls, _ in blocks)


def test_docx_styles(project: Project) -> None:
    if "docx" not in _formats_available():
        pytest.skip("the Word writer or huisstijl.docx is not there yet")
    project.build(("docx",))
    paragraphs = [(style, text) for style, text in docx_paragraphs(project.out("docx")) if text.strip()]
    styles = dict((text, style) for style, text in paragraphs)
    # The press release's own, tighter headings: based on Word's headings, at their outline level.
    assert styles[KOP] == "Persbericht kop 1"
    assert [t for s, t in paragraphs if s == "Persbericht kop 2"] == ["Nieuwe woningen", "Duurzame woningen", "Samen verder"]
    document = docx.Document(str(project.out("docx")))
    for level in (1, 2):
        style = document.styles[f"Persbericht kop {level}"]
        assert style.base_style.name == f"Heading {level}"
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    assert {s for s, _ in paragraphs} >= {"Persbericht"}  # the body text
    assert styles["PERSBERICHT"] == styles["14 maart 2023"] == "Dateline"
    assert styles[LEAD] == "Lead"
    assert styles[CITAAT_1] == styles[BRON_1] == "Quote"
    assert styles[NOOT] == styles[CONTACT_1] == "Noot"
    assert not any(s == "Embargo" for s, _ in paragraphs)


# --- from the same facts --------------------------------------------------------------------


def test_derived_lead_and_date(project: Project) -> None:
    project.build(("txt",))
    lines = project.text("txt").split("\n")
    assert lines[:7] == ["PERSBERICHT", "", "14 maart 2023", "", KOP, "", LEAD]


def test_given_lead_date_and_plaatsnamen(project: Project) -> None:
    def change(pb: dict) -> None:
        pb["datum"] = "2023-04-03"
        pb["plaatsnamen"] = ["Dorp", "Stad", "Buurtschap"]
        # A lead that opens with the dateline itself gets it once, not twice.
        pb["lead"] = "Dorp/Stad/Buurtschap - {partij:thuis} en de gemeenten\nbouwen *samen* door."

    project.edit("persbericht.yaml", change)
    project.build(("md", "txt"))
    assert "\n**DORP/STAD/BUURTSCHAP** – Thuis en de gemeenten\nbouwen *samen* door.\n" in project.text("md")
    lines = project.text("txt").split("\n")
    assert lines[:7] == [
        "PERSBERICHT", "", "3 april 2023", "", KOP, "",
        "DORP/STAD/BUURTSCHAP – Thuis en de gemeenten bouwen samen door.",
    ]


def test_renamed_project_follows_the_agreement(project: Project) -> None:
    def change(o: dict) -> None:
        for p in o["projecten"]:
            p["naam"] = {"dorpsplein": "Dorpshart", "molenwijk": "Molenbuurt"}.get(p["id"], p["naam"])
        o["partijen"][2]["kort"] = "Thuis Wonen"

    project.edit("overeenkomst.yaml", change)
    project.build(("md", "txt"))
    for fmt in ("md", "txt"):
        text = project.text(fmt)
        assert "Dorpsplein" not in text and "Molenwijk" not in text
    txt = project.text("txt")
    assert "In Dorp bouwt Thuis Wonen aan het Dorpshart. In Stad" in txt
    assert "\n• Molenbuurt in Stad: renovatie van 120 woningen\n" in txt
    assert "met de woningcorporatie Thuis Wonen en" in txt


def test_quote_names_the_party_once(project: Project) -> None:
    def change(pb: dict) -> None:
        pb["citaten"][0]["functie"] = "wethouder Wonen van Dorp"

    project.edit("persbericht.yaml", change)
    project.build(("txt",))
    txt = project.text("txt")
    assert "\n— J. Jansen, wethouder Wonen van Dorp\n" in txt
    assert BRON_2 in txt


def test_section_with_own_text_does_not_list_its_sources(project: Project) -> None:
    project.build(("md",))
    md = project.text("md")
    # Section 1 names three projects; its own text speaks for them, so no list follows it.
    first = md[md.index("## Nieuwe woningen"):md.index("## Duurzame woningen")]
    assert "\n- " not in first and "Molenwijk" not in first
    # Section 2 has no text: the theme's ambition, then the named project and afspraken.
    second = md[md.index("## Duurzame woningen"):md.index("## Samen verder")]
    assert second == (
        "## Duurzame woningen\n\n"
        "De woningen die het slechtst geïsoleerd zijn, pakken we *als eerste* aan.\n\n"
        f"- {PROJECT_2}\n\n"
        "- Thuis verbetert alle woningen met label E, F of G.\n"
        "- Huurders met een laag inkomen krijgen gratis **energieadvies**.\n\n"
    )


# --- embargo ----------------------------------------------------------------------------------


def test_embargo_appears_only_when_set(project: Project) -> None:
    formats = _formats_available()
    project.build(formats)
    for fmt in formats:
        assert not any("EMBARGO" in t for t in reader_texts(project, fmt)), fmt

    project.edit("persbericht.yaml", lambda pb: pb.update(embargo="2023-03-14 10:00"))
    project.build(formats)
    line = "EMBARGO tot dinsdag 14 maart 2023, 10.00 uur"
    for fmt in formats:
        assert_in_order(reader_texts(project, fmt), ["PERSBERICHT", "14 maart 2023", line, KOP, LEAD])
    assert "\n\n**" + line + "**\n\n# " in project.text("md")
    assert project.text("txt").split("\n")[4] == line
    if "html" in formats:
        blocks = html_blocks(project.text("html")).blocks
        assert [t for _, cls, t in blocks if "embargo" in cls] == [line]
    if "docx" in formats:
        assert ("Embargo", line) in docx_paragraphs(project.out("docx"))


# --- plain text -------------------------------------------------------------------------------


def test_txt_has_no_markdown_marks(project: Project) -> None:
    project.build(("md", "txt"))
    raw = project.out("txt").read_bytes()
    txt = raw.decode("utf-8")
    assert "\r" not in txt and txt.endswith("\n") and not txt.endswith("\n\n")
    assert "\n\n\n" not in txt
    for pattern in (r"^#", r"\*\*", r"(?<!\w)\*\S", r"\S\*(?!\w)", r"\[[^\]]*\]\(", r"\\", r":::", r"^- ", r"^---", r"`"):
        assert not re.search(pattern, txt, re.M), pattern
    lines = txt.split("\n")
    # One paragraph is one line, even where the YAML text was wrapped.
    assert SECTIE_1 + " (https://www.example.nl/wonen_en_bouwen)." in lines
    assert f"• {AFSPRAAK_3}" in lines and f"• {AFSPRAAK_4}" in lines
    assert lines[lines.index(f"• {AFSPRAAK_3}") + 1] == f"• {AFSPRAAK_4}"
    assert CONTACT_2 in lines  # underscores and '&' as typed, no escapes, no '(mailto:…)'
    rule = lines.index("—" * 20)
    assert lines[rule - 2:rule + 3] == [BRON_2, "", "—" * 20, "", NOOT]


def test_txt_writer_handles_every_block() -> None:
    tree = markup.parse(
        "# Kop\n\n"
        "Een *zin* met\neen [link](https://example.nl), [zelfde](mailto:a@b.nl) en "
        "[a@b.nl](mailto:a@b.nl), [anker](#a01) en [bestand](overeenkomst.html).  \nNieuwe regel.\n\n"
        "1. een\n2. twee\n    - diep\n\n"
        "- los\n\n    tweede alinea\n\n"
        "> citaat\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "    code  blijft\n\n"
        "---\n\n"
        "::: {.noot}\nNoot `x`\n:::\n"
    )
    out = TxtWriter().write(tree, Documentinfo(titel="t")).decode("utf-8")
    assert out == (
        "Kop\n\n"
        "Een zin met een link (https://example.nl), zelfde (mailto:a@b.nl) en a@b.nl, anker en bestand.\n"
        "Nieuwe regel.\n\n"
        "1. een\n2. twee\n  • diep\n\n"
        "• los\n  tweede alinea\n\n"
        "citaat\n\n"
        "A · B\n1 · 2\n\n"
        "code  blijft\n\n"
        + "—" * 20 + "\n\n"
        "Noot x\n"
    )
    txt = formaat("txt")
    assert txt.extensie == "txt" and txt.voor("persbericht") and not txt.voor("overeenkomst")


# --- check and build report -----------------------------------------------------------------


def _words_before_rule(txt: str) -> int:
    """An independent count: tokens with a letter or digit, above the rule of the plain text."""
    before = re.sub(r" \(https?://[^)\s]*\)", "", txt.split("—" * 20)[0])  # link targets: not in print
    return sum(1 for token in before.split() if any(c.isalnum() for c in token))


def test_build_reports_the_word_count(project: Project) -> None:
    resultaat = project.build(("md", "txt"))
    n = _words_before_rule(project.text("txt"))
    assert n == woorden(markup.parse(project.text("md"))) == 173  # the text and its facts box
    assert resultaat.meldingen == [f"{MAP}/persbericht: {n} woorden vóór de noot (één A4 is ongeveer {MAX_WOORDEN})"]
    run = subprocess.run(
        [sys.executable, "-m", "prestatie", "build", str(project.bron), "--uit", str(project.uit),
         "--formaat", "md,txt", "-j", "1"],
        capture_output=True, text=True, cwd=project.root,
    )
    assert run.returncode == 0, run.stderr
    assert f"{MAP}/persbericht: {n} woorden vóór de noot" in run.stderr


def _long(pb: dict) -> None:
    zin = "Dit is een zin van precies tien woorden voor u. "
    pb["secties"].append({"kop": "Nog meer", "tekst": zin * 46})


def test_check_warns_when_longer_than_one_a4(project: Project) -> None:
    assert not pipeline.check(project.bron).waarschuwingen
    project.edit("persbericht.yaml", _long)
    rapport = pipeline.check(project.bron)
    [w] = rapport.waarschuwingen
    n = 173 + 2 + 460  # the fixture with its facts box, the new subhead, the new text
    assert w.bericht == (
        f"het persbericht telt {n} woorden vóór de noot voor de redactie en past niet meer op één A4 "
        "(ongeveer 600 woorden); maak de secties korter of laat er een weg"
    )
    assert w.plaats.bestand.endswith(f"{MAP}/persbericht.yaml") and w.plaats.regel > 0
    # A warning: the build goes on (and reports the count), unless warnings are made strict.
    resultaat = project.build(("md", "txt"))
    assert resultaat.meldingen == [f"{MAP}/persbericht: {n} woorden vóór de noot (één A4 is ongeveer 600)"]
    with pytest.raises(BronFout):
        project.build(("md",), streng=True)


def test_cli_check_shows_the_length_warning(project: Project) -> None:
    project.edit("persbericht.yaml", _long)
    run = subprocess.run(
        [sys.executable, "-m", "prestatie", "check", str(project.bron)],
        capture_output=True, text=True, cwd=project.root,
    )
    assert run.returncode == 0
    assert re.search(r"persbericht\.yaml:\d+:\d+: waarschuwing: het persbericht telt \d+ woorden", run.stderr)
    run = subprocess.run(
        [sys.executable, "-m", "prestatie", "check", "--streng", str(project.bron)],
        capture_output=True, text=True, cwd=project.root,
    )
    assert run.returncode == 1


def test_check_warns_about_a_quote_from_an_unknown_party(project: Project) -> None:
    project.edit("persbericht.yaml", lambda pb: pb["citaten"][1].update(partij="thuiss"))
    rapport = pipeline.check(project.bron)
    assert not rapport.fouten
    [w] = rapport.waarschuwingen
    assert w.bericht.startswith("onbekende partij 'thuiss'; bedoelde u 'thuis'?")
    assert w.plaats.bestand.endswith(f"{MAP}/persbericht.yaml")
    lines = (project.folder / "persbericht.yaml").read_text(encoding="utf-8").split("\n")
    assert "thuiss" in lines[w.plaats.regel - 1]


def test_check_warns_when_the_press_release_has_no_date(project: Project) -> None:
    def change(o: dict) -> None:
        o["status"] = "concept"
        del o["ondertekening"]["datum"]

    project.edit("overeenkomst.yaml", change)
    [w] = pipeline.check(project.bron).waarschuwingen
    assert w.bericht.startswith("het persbericht heeft geen datum")
    project.build(("txt",))
    assert project.text("txt").split("\n")[:3] == ["PERSBERICHT", "", KOP]


def test_word_count_stops_at_the_noot() -> None:
    tree = markup.parse("Een twee, drie–vier 2022-2025 e-mail.\n\n---\n\n::: {.noot}\nniet geteld\n:::\n")
    assert woorden(tree) == 5
    tree = markup.parse("Een twee\n\n::: {.noot}\nniet geteld\n:::\n\nook niet\n")
    assert woorden(tree) == 2


# --- the example ------------------------------------------------------------------------------


@pytest.mark.skipif(not (EXAMPLE / "persbericht.yaml").is_file(), reason="example has no persbericht.yaml yet")
def test_example_carries_the_news_on_one_a4(tmp_path: Path) -> None:
    # Only the agreement and its press release: the progress reports are not needed here.
    folder = tmp_path / "bron" / EXAMPLE.name
    folder.mkdir(parents=True)
    for name in ("overeenkomst.yaml", "persbericht.yaml"):
        shutil.copy(EXAMPLE / name, folder / name)
    (tmp_path / "sjablonen").mkdir()
    (tmp_path / "sjablonen" / "overeenkomst.md.j2").write_text("# {{ overeenkomst.titel }}\n", encoding="utf-8")
    resultaat = pipeline.build(tmp_path / "bron", tmp_path / "build", ("md", "txt"), jobs=1)
    [note] = [m for m in resultaat.meldingen if "/persbericht:" in m]
    n = int(re.search(r": (\d+) woorden", note).group(1))
    assert 250 <= n <= MAX_WOORDEN
    out = tmp_path / "build" / EXAMPLE.name
    txt = (out / "persbericht.txt").read_text(encoding="utf-8")
    assert txt.split("\n")[6].startswith("BEVERWIJK/HEEMSKERK – ")
    for name in ("Debora Bakelaan", "Cornelis Geelvinckstraat", "Velst", "Kuenenpleingebied",
                 "Kingsford Smithstraat", "Spoorzone", "Woonopmaat", "Pré Wonen", "2022", "2025"):
        assert name in txt.split("—" * 20)[0], name
    md = (out / "persbericht.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^## ", md, re.M)) == 4 and len(re.findall(r"^# ", md, re.M)) == 1
    assert "Noot voor de redactie" in txt.split("—" * 20)[1]
