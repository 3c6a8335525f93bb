"""The typeface travels with the tool: the PDF embeds the house face shipped with the package
(Arimo, from the declared dependency fontpkg-arimo), whatever the machine has installed; a face
the house style asks for that is not there is a build warning naming it, never a silent fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from conftest import EXAMPLE, ROOT
from prestatie import pipeline
from prestatie.write.pdf.lettertypen import meegeleverde_letters

MAP = EXAMPLE.name


def _fonts(pdf_path: Path) -> dict[str, bool]:
    """Base font name → embedded, for every font the PDF uses."""
    out: dict[str, bool] = {}
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts = [font, *font.get("/DescendantFonts", [])]
                name = str(font.BaseFont).split("+", 1)[-1]
                out[name] = any(f.get("/FontDescriptor") is not None and any(
                    k in f.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in fonts)
    return out


def _build(root: Path, huisstijl: str | None = None) -> pipeline.Resultaat:
    shutil.copytree(EXAMPLE, root / "bron" / MAP)
    if huisstijl is not None:
        (root / "sjablonen").mkdir()
        (root / "sjablonen" / "huisstijl.typ").write_text(huisstijl, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return pipeline.build(root / "bron", root / "build", ("pdf",), jobs=1)


def test_the_house_face_ships_with_the_package() -> None:
    [folder] = meegeleverde_letters()
    assert sorted(p.name for p in Path(folder).glob("*.ttf")) == ["Arimo-Italic[wght].ttf", "Arimo[wght].ttf"]


def test_pdf_embeds_the_shipped_face(tmp_path: Path) -> None:
    resultaat = _build(tmp_path)
    assert not [m for m in resultaat.meldingen if "lettertype" in m]
    fonts = _fonts(tmp_path / "build" / MAP / "overeenkomst.pdf")
    assert any(n.startswith("Arimo") for n in fonts) and all(fonts.values()), fonts
    text_faces = {n for n in fonts if not n.startswith(("DejaVu", "Liberation Mono"))}
    assert all(n.startswith("Arimo") for n in text_faces), fonts  # no serif fallback anywhere


def test_a_missing_face_is_a_warning_naming_it(tmp_path: Path) -> None:
    eigen = (ROOT / "sjablonen" / "huisstijl.typ").read_text(encoding="utf-8").replace(
        '#let lettertype = ("Arimo",)', '#let lettertype = ("Huisletter Die Er Niet Is",)')
    resultaat = _build(tmp_path, eigen)
    meldingen = [m for m in resultaat.meldingen if "lettertype" in m]
    assert meldingen and all(m.startswith(f"{MAP}/") for m in meldingen)
    assert "waarschuwing: lettertype 'huisletter die er niet is' uit huisstijl.typ ontbreekt" in meldingen[0]
