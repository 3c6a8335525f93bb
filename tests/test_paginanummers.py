"""The Word contents carries page numbers on opening: the results stored in its PAGEREF fields
are the pages on which LibreOffice lays out each heading (read from its own PDF of the file)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest

from conftest import EXAMPLE, build_at, needs_tool
from prestatie.write.word.docxinhoud import ZONDER_NUMMERS
from prestatie.write.word.paginanummers import field_results

MAP = EXAMPLE.name
EXPORT = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


def _pdf_pages(pdf_path: Path) -> dict[str, int]:
    """Bookmark → page of LibreOffice's PDF (its named destinations; '_' is written '5F')."""
    with pikepdf.open(pdf_path) as pdf:
        pages = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
        dests = pdf.Root.get("/Dests")
        assert dests is not None
        out = {}
        for key in dests.keys():
            value = dests[key]
            array = value if isinstance(value, pikepdf.Array) else value.D
            out[str(key)[1:].replace("5F", "_")] = pages[array[0].objgen]
        return out


@pytest.fixture(scope="module")
def docx_met_nummers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = needs_tool("soffice")
    root = tmp_path_factory.mktemp("nummers")
    shutil.copytree(EXAMPLE, root / "bron" / MAP)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESTATIE_PAGINANUMMERS", "ja")
        uit = build_at(root / "bron", root / "build", cwd=root, formaten=("docx",)) / MAP
    assert soffice
    return uit / "overeenkomst.docx"


def test_stored_page_numbers_match_libreoffice_layout(docx_met_nummers: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(docx_met_nummers) as z:
        stored = field_results(z.read("word/document.xml"))
    assert len(stored) >= 40  # every heading of levels 1-3 in the contents
    subprocess.run([needs_tool("soffice"), f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
                    "--headless", "--convert-to", EXPORT, "--outdir", str(tmp_path), str(docx_met_nummers)],
                   check=True, capture_output=True, timeout=300)
    laid_out = _pdf_pages(tmp_path / "overeenkomst.pdf")
    assert {k: int(v) for k, v in stored.items()} == {k: laid_out[k] for k in stored}
    assert int(stored["_Toc000001"]) > 1 and sorted(map(int, stored.values())) == [int(v) for v in stored.values()]


def _texts(path: Path) -> list[str]:
    """Every paragraph's text, those in the contents' content control included."""
    d = docx.Document(str(path))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in d.element.body.iter(f"{w}p")]


def test_contents_says_nothing_about_f9_when_numbered(docx_met_nummers: Path) -> None:
    assert ZONDER_NUMMERS not in _texts(docx_met_nummers)


def test_without_libreoffice_the_contents_says_why(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "bron" / MAP)
    uit = build_at(tmp_path / "bron", tmp_path / "build", cwd=tmp_path, formaten=("docx",)) / MAP  # numbers off
    texts = _texts(uit / "overeenkomst.docx")
    assert texts[texts.index("Inhoud") + 1] == ZONDER_NUMMERS
    with zipfile.ZipFile(uit / "overeenkomst.docx") as z:
        assert field_results(z.read("word/document.xml")) == {}
