"""The version stamp is honest: 'niet vastgelegd' exactly when a file a document was built from
(its sources, the templates, the house style) differs from the commit or is untracked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from prestatie import pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
DOCS = ("overeenkomst", "uittreksel-dorp", "uittreksel-huurders", "uittreksel-thuis", "voortgang-2023",
        "voortgang-2024")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "README.md").write_text("# Afspraken\n", encoding="utf-8")
    (root / ".gitignore").write_text("build/\n*.concept.yaml\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "afspraken")
    return root, git(root, "rev-parse", "--short=7", "HEAD")


def meta(path: Path, name: str) -> str | None:
    m = re.search(rf'<meta name="{re.escape(name)}" content="([^"]*)">', path.read_text(encoding="utf-8"))
    return m.group(1) if m else None


def stamps(root: Path) -> dict[str, bool]:
    """Per document: does its provenance (HTML meta, as Word's properties) say 'niet vastgelegd'?"""
    pipeline.build(formaten=("html",), jobs=1)
    out = root / "build" / NAAM
    return {p.stem: meta(p, "prestatie.niet-vastgelegd") == "ja" for p in sorted(out.glob("*.html"))}


def test_committed_sources_are_clean(repo) -> None:
    root, commit = repo
    assert stamps(root) == {d: False for d in DOCS}
    assert meta(root / "build" / NAAM / "overeenkomst.html", "prestatie.commit") == commit


def test_an_untracked_progress_file_marks_the_progress_reports_only(repo) -> None:
    root, commit = repo
    folder = root / "bron" / NAAM / "voortgang"
    text = (folder / "2024.yaml").read_text(encoding="utf-8").replace("jaar: 2024", "jaar: 2025")
    (folder / "2025.yaml").write_text(text.replace("2025-0", "2026-0"), encoding="utf-8")
    result = stamps(root)
    assert result["overeenkomst"] is False
    assert result["voortgang-2025"] is True
    assert result["voortgang-2023"] is True  # every report reads the progress of all years
    assert meta(root / "build" / NAAM / "voortgang-2025.html", "prestatie.commit") == commit


def test_files_outside_sources_and_templates_do_not_count(repo) -> None:
    root, _ = repo
    stamps(root)
    before = {p.name: p.stat().st_mtime_ns for p in (root / "build" / NAAM).iterdir()}
    (root / "README.md").write_text("# Afspraken, bijgewerkt\n", encoding="utf-8")
    (root / "notities.txt").write_text("los\n", encoding="utf-8")
    assert stamps(root) == {d: False for d in DOCS}
    after = {p.name: p.stat().st_mtime_ns for p in (root / "build" / NAAM).iterdir()}
    assert after == before  # nothing was even written again


def test_a_changed_agreement_marks_every_document(repo) -> None:
    root, _ = repo
    src = root / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert stamps(root) == {d: True for d in DOCS}
    git(root, "commit", "-qam", "witregel")
    assert stamps(root) == {d: False for d in DOCS}


def test_an_ignored_source_is_not_committed_either(repo) -> None:
    root, _ = repo
    folder = root / "bron" / NAAM / "voortgang"
    (folder / "2024.yaml").rename(folder / "2024.concept.yaml")
    git(root, "rm", "-q", "--cached", f"bron/{NAAM}/voortgang/2024.yaml")
    git(root, "commit", "-qm", "2024 nog concept")
    (folder / "2024.concept.yaml").rename(folder / "2024.yaml")
    (root / ".gitignore").write_text("build/\nbron/*/voortgang/2024.yaml\n", encoding="utf-8")
    git(root, "commit", "-qam", "negeer 2024")
    assert stamps(root)["voortgang-2024"] is True


def test_a_changed_or_new_template_marks_every_document(repo) -> None:
    root, _ = repo
    sjablonen = root / "sjablonen"
    sjablonen.mkdir(exist_ok=True)
    (sjablonen / "overeenkomst.md.j2").write_text(
        '{% extends "standaard/overeenkomst.md.j2" %}\n', encoding="utf-8"
    )
    assert stamps(root) == {d: True for d in DOCS}
    git(root, "add", "-A")
    git(root, "commit", "-qm", "eigen sjabloon")
    assert stamps(root) == {d: False for d in DOCS}
