"""A long-running process (a preview server, a notebook, a test) builds many times: each build
sees the current sources, templates and house style, because nothing outlives a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from prestatie import pipeline
from prestatie.load.sjablonen import default_dir

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "sjablonen").mkdir()
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def test_a_second_build_in_the_same_process_sees_an_edited_template_and_stylesheet(project: Path) -> None:
    own = project / "sjablonen"
    template = own / "overeenkomst.md.j2"
    template.write_text(
        '{% extends "standaard/overeenkomst.md.j2" %}\n{% block monitoring %}\n## Monitoring\n\nEerste tekst.\n{% endblock %}\n',
        encoding="utf-8",
    )
    css = own / "stijl.css"
    css.write_text((default_dir() / "stijl.css").read_text(encoding="utf-8") + "\n/* huisstijl een */\n", encoding="utf-8")
    pipeline.build(formaten=("md", "html"), jobs=1)
    out = project / "build" / NAAM
    assert "Eerste tekst." in (out / "overeenkomst.md").read_text(encoding="utf-8")
    assert "huisstijl een" in (out / "overeenkomst.html").read_text(encoding="utf-8")

    template.write_text(template.read_text(encoding="utf-8").replace("Eerste tekst.", "Tweede tekst."), encoding="utf-8")
    css.write_text(css.read_text(encoding="utf-8").replace("huisstijl een", "huisstijl twee"), encoding="utf-8")
    pipeline.build(formaten=("md", "html"), jobs=1)
    md = (out / "overeenkomst.md").read_text(encoding="utf-8")
    html = (out / "overeenkomst.html").read_text(encoding="utf-8")
    assert "Tweede tekst." in md and "Eerste tekst." not in md
    assert "huisstijl twee" in html and "huisstijl een" not in html


def test_a_second_build_sees_an_edited_source_and_reference_document(project: Path) -> None:
    pipeline.build(formaten=("md", "docx"), jobs=1)
    out = project / "build" / NAAM
    bron = project / "bron" / NAAM / "overeenkomst.yaml"
    text = bron.read_text(encoding="utf-8")
    titel = next(line for line in text.splitlines() if line.startswith("titel:"))
    bron.write_text(text.replace(titel, "titel: Nieuwe titel van de afspraken"), encoding="utf-8")
    # A house style whose Normal font differs: the next build must use it, not the first one.
    reference = docx.Document(str(default_dir() / "huisstijl.docx"))
    reference.styles["Normal"].font.name = "Courier New"
    reference.save(str(project / "sjablonen" / "huisstijl.docx"))
    pipeline.build(formaten=("md", "docx"), jobs=1)
    assert "# Nieuwe titel van de afspraken" in (out / "overeenkomst.md").read_text(encoding="utf-8")
    built = docx.Document(str(out / "overeenkomst.docx"))
    assert built.styles["Normal"].font.name == "Courier New"
    assert built.core_properties.title == "Nieuwe titel van de afspraken"
