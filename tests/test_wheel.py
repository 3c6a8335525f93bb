"""A wheel installed elsewhere builds on its own: the default templates travel inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "klein"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        message = f"pip wheel failed: {result.stderr[-500:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    [whl] = out.glob("prestatie-*.whl")
    return whl


def test_wheel_carries_the_default_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("overeenkomst.md.j2", "persbericht.md.j2", "voortgang.md.j2", "huisstijl.docx",
                 "stijl.css", "pagina.html"):
        assert f"prestatie/sjablonen/{name}" in names


def test_installed_wheel_builds_without_project_templates(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "elders"
    shutil.copytree(FIXTURE / "bron", project / "bron")
    env = {**os.environ, "PYTHONPATH": str(site), "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(
        [sys.executable, "-c", "import prestatie, sys; print(prestatie.__file__); "
         "from prestatie.cli import main; main(['build', '--jobs', '1'])"],
        cwd=project, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(site))
    out = project / "build" / "klein-2023-2026"
    assert {p.name for p in out.iterdir()} >= {"overeenkomst.docx", "overeenkomst.html", "overeenkomst.md"}
