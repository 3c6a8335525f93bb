"""Links that survive the trip: a progress report copied alone out of build/ (an e-mail
attachment, an upload to a council system) has no link to a file that did not travel with
it; with a publication address every link to another document is a full address."""

from __future__ import annotations

import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
from lxml import etree

from conftest import EXAMPLE, build_at

MAP = EXAMPLE.name
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
ADRES = "https://www.example.nl/prestatieafspraken/beverwijk-heemskerk/"


def _bouw(root: Path, publicatie: bool) -> Path:
    shutil.copytree(EXAMPLE, root / "bron" / MAP)
    if publicatie:
        path = root / "bron" / MAP / "overeenkomst.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nstatus: ", f"\npublicatie:\n  url: {ADRES}\nstatus: ", 1), encoding="utf-8")
    uit = build_at(root / "bron", root / "build", cwd=root) / MAP
    los = root / "los"  # the report alone, as an attachment
    los.mkdir()
    for ext in ("docx", "pdf", "html"):
        shutil.copy(uit / f"voortgang-2023.{ext}", los)
    return los


def _docx_links(path: Path) -> tuple[list[str], list[str], set[str]]:
    """(external targets, internal anchors, bookmarks) of a Word file."""
    with zipfile.ZipFile(path) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        doc = etree.fromstring(z.read("word/document.xml"))
    targets = {r.get("Id"): r.get("Target") for r in rels if r.get("TargetMode") == "External"}
    external = [targets[h.get(f"{R}id")] for h in doc.iter(f"{W}hyperlink") if h.get(f"{R}id")]
    anchors = [h.get(f"{W}anchor") for h in doc.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    marks = {b.get(f"{W}name") for b in doc.iter(f"{W}bookmarkStart")}
    return external, anchors, marks


def _pdf_uris(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", [])
                if a.get("/A") is not None and a.A.get("/URI") is not None]


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _html_links(path: Path) -> _Hrefs:
    p = _Hrefs()
    p.feed(path.read_text(encoding="utf-8"))
    return p


ABSOLUUT = re.compile(r"^(https?://|mailto:)")


def test_a_report_sent_alone_has_no_broken_link(tmp_path: Path) -> None:
    los = _bouw(tmp_path, publicatie=False)
    external, anchors, marks = _docx_links(los / "voortgang-2023.docx")
    assert all(ABSOLUUT.match(t) for t in external), external
    assert set(anchors) <= marks
    assert all(ABSOLUUT.match(u) for u in _pdf_uris(los / "voortgang-2023.pdf"))
    html = _html_links(los / "voortgang-2023.html")
    for href in html.hrefs:
        assert ABSOLUUT.match(href) or (href.startswith("#") and href[1:] in html.ids), href
    # The number stays text, and the report names the agreement and its version in words.
    text = re.sub(r"<[^>]+>", "", (los / "voortgang-2023.html").read_text(encoding="utf-8"))
    assert "Het nummer verwijst naar de afspraak in Prestatieafspraken Beverwijk en Heemskerk" in text
    assert re.search(r"\(versie 1\.0, 15 februari 2022\)", text)


def test_with_a_publication_address_every_document_link_is_absolute(tmp_path: Path) -> None:
    los = _bouw(tmp_path, publicatie=True)
    external, anchors, marks = _docx_links(los / "voortgang-2023.docx")
    naar_afspraak = [t for t in external if t.startswith(ADRES)]
    assert naar_afspraak and all(re.fullmatch(re.escape(ADRES) + r"[\w.-]+\.html#a\d+", t) for t in naar_afspraak)
    assert all(ABSOLUUT.match(t) for t in external) and set(anchors) <= marks
    uris = _pdf_uris(los / "voortgang-2023.pdf")
    assert any(u.startswith(ADRES) for u in uris) and all(ABSOLUUT.match(u) for u in uris)
    html = _html_links(los / "voortgang-2023.html")
    assert any(h.startswith(ADRES + "overeenkomst.html#a") for h in html.hrefs)
    for href in html.hrefs:
        assert ABSOLUUT.match(href) or (href.startswith("#") and href[1:] in html.ids), href
