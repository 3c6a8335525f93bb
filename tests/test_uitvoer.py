"""No surprises on disk: a subset of formats keeps the others, output never lands in the sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import werkmap
from prestatie.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_subset_of_formats_leaves_the_others_and_says_so(project: Path) -> None:
    assert CliRunner().invoke(main, ["build", "--formaat", "md,docx", "-j1"]).exit_code == 0
    out = project / "build" / NAAM
    docx_before = {n: b for n, b in files(out).items() if n.endswith(".docx")}
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("Prestatieafspraken Dorp", "Woonafspraken Dorp", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--formaat", "html", "-j1"])
    assert result.exit_code == 0, result.output
    after = files(out)
    assert {n: b for n, b in after.items() if n.endswith(".docx")} == docx_before
    assert sorted(n for n in after if n.endswith(".md")) == [
        "overeenkomst.md", "uittreksel-dorp.md", "uittreksel-huurders.md", "uittreksel-thuis.md",
        "voortgang-2023.md", "voortgang-2024.md"]
    assert "verwijderd" not in result.output
    assert (
        "Niet bijgewerkt: 12 bestanden in andere formaten (docx, md) uit een eerdere build; "
        "bouw zonder --formaat om ook die bij te werken." in result.output
    )
    # a full build brings every format up to date and says nothing more
    result = CliRunner().invoke(main, ["build", "-j1"])
    assert result.exit_code == 0
    assert "Niet bijgewerkt" not in result.output
    assert files(out)["overeenkomst.docx"] != docx_before["overeenkomst.docx"]


def test_a_document_that_is_gone_goes_in_every_format(project: Path) -> None:
    assert CliRunner().invoke(main, ["build", "--formaat", "md,html", "-j1"]).exit_code == 0
    (project / "bron" / NAAM / "voortgang" / "2024.yaml").unlink()
    result = CliRunner().invoke(main, ["build", "--formaat", "html", "-j1"])
    assert result.exit_code == 0, result.output
    names = set(files(project / "build" / NAAM))
    assert "voortgang-2024.md" not in names and "voortgang-2024.html" not in names
    assert "voortgang-2023.md" in names


@pytest.mark.parametrize("uit", ["bron", f"bron/{NAAM}/uit", "sjablonen", "sjablonen/html"])
def test_output_inside_sources_or_templates_is_a_usage_error(project: Path, uit: str) -> None:
    (project / "sjablonen").mkdir()
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = CliRunner().invoke(main, ["build", "-o", uit])
    assert result.exit_code == 2
    folder = "bronmap 'bron'" if uit.startswith("bron") else "sjablonenmap 'sjablonen'"
    assert f"Fout: uitvoermap '{uit}' ligt in de {folder}; kies een map daarbuiten, bijvoorbeeld build/" in result.output
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
