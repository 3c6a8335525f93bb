"""Shared test helpers."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property-based tests are deterministic: the same examples on every machine and every run
# (derandomised, no example database), so a fresh clone passes or fails as CI does. Every
# example they ever found is kept as an explicit @example case. To look for new ones, run
# with HYPOTHESIS_PROFILE=verkennen and keep what it finds as a case.
settings.register_profile("vast", derandomize=True, database=None, print_blob=True)
settings.register_profile("verkennen", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "vast"))

ROOT = Path(__file__).resolve().parent.parent

# Page numbers of a Word contents come from a LibreOffice run per document (write/paginanummers.py),
# some seconds each: the tests that are about them switch it on, the others keep their builds quick.
os.environ.setdefault("PRESTATIE_PAGINANUMMERS", "nee")
EXAMPLE = ROOT / "bron" / "beverwijk-heemskerk-2022-2025"

# The text alternative of each chart of the fixture tests/fixtures/voortgang, report 2024.
VOORTGANG_ALT = {
    "nieuwbouw": (
        "Nieuwe sociale huurwoningen (woningen): 2023 streefwaarde 20, gerealiseerd 24; "
        "2024 streefwaarde 30, gerealiseerd 12; 2025 streefwaarde 30; 2026 streefwaarde 20. "
        "Opgeteld tot en met 2024: streefwaarde 50, gerealiseerd 36."
    ),
    "label-efg": (
        "Woningen met label E, F of G (woningen): 2023 streefwaarde 75, gerealiseerd 80; "
        "2024 streefwaarde 50, gerealiseerd 48; 2025 streefwaarde 25; 2026 streefwaarde 0."
    ),
    "passend": (
        "Passend toegewezen: 2023 streefwaarde 95%, gerealiseerd 96,9%; "
        "2024 streefwaarde 95%, gerealiseerd 93,5%; 2025 streefwaarde 95%; 2026 streefwaarde 95%."
    ),
}


def needs_tool(name: str) -> str:
    """Path of an external tool; skips the test locally when absent, fails it in CI."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # unreachable


def build_at(bron: Path, uit: Path, cwd: Path | None = None, formaten: tuple[str, ...] | None = None) -> Path:
    """Build ``bron`` into ``uit`` (all formats, or ``formaten``) with a fixed SOURCE_DATE_EPOCH
    (in ``cwd`` when given); returns ``uit``."""
    from prestatie import pipeline

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        if cwd is not None:
            mp.chdir(cwd)
        pipeline.build(bron, uit, jobs=1, **({} if formaten is None else {"formaten": formaten}))
    return uit


def build_copy(root: Path, bron: Path = ROOT / "bron", formaten: tuple[str, ...] | None = None) -> Path:
    """Copy a sources folder to ``root/bron`` and build it there as a user would (in that
    folder, a fixed SOURCE_DATE_EPOCH); returns ``root/build``."""
    shutil.copytree(bron, root / "bron")
    return build_at(root / "bron", root / "build", cwd=root, formaten=formaten)


def werkmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: Path, vaste_datum: bool = True) -> Path:
    """A writable copy of a fixture project at ``tmp_path/project``, the working directory of
    the command line (with a fixed SOURCE_DATE_EPOCH unless ``vaste_datum`` is False)."""
    root = tmp_path / "project"
    shutil.copytree(fixture, root)
    monkeypatch.chdir(root)
    if vaste_datum:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def run(*args: str) -> tuple[int, str]:
    """The command line in this process: exit code and output; any exception but an exit fails."""
    from click.testing import CliRunner

    from prestatie.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the file ``root/name`` by ``new`` (``old`` must be there)."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, name: str, needle: str, occurrence: int = 1) -> int:
    """The line number of the ``occurrence``-th line of ``root/name`` that holds ``needle``."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


LANGZAAM = {
    # modules that build documents, convert them with LibreOffice or pandoc, or start Chromium
    "test_afspraakvormen.py", "test_bereik.py", "test_bladzijden.py", "test_build.py", "test_cli_nl.py",
    "test_docx_writer.py", "test_editor.py", "test_geen_traceback.py", "test_grafieken.py",
    "test_html_a11y.py", "test_html_writer.py", "test_kosten.py", "test_lezers.py", "test_opendata.py",
    "test_partijen.py", "test_pdf.py", "test_persbericht.py", "test_publicatie.py", "test_serve.py",
    "test_symbolen.py", "test_tweede_build.py", "test_tweede_huisstijl.py", "test_uitvoer.py",
    "test_verschil.py", "test_versie.py", "test_vijandige_tekst.py", "test_voorbeeld.py",
    "test_voortgang.py", "test_wheel.py",
}
"""Test modules whose tests take more than 2 seconds each (measured with --durations)."""
LANGZAME_TESTS = {
    "test_robust.py::test_mutated_yaml_never_raises",
    "test_precommit.py::test_plain_git_hook_blocks_a_commit_with_errors",
    "test_werkers_draden.py::test_build_beside_another_thread_spawns_workers",
    "test_cli.py::test_python_dash_m_runs_the_cli",
    "test_markup.py::test_plain_values_show_exactly_their_text",
    "test_markup.py::test_markdown_fields_never_add_structure",
    "test_een_regel.py::test_a_format_named_apart_from_its_extension_is_built_and_kept",
}
"""Single tests over 2 seconds in modules that are otherwise quick."""


GESPREID = {"test_publicatie.py", "test_vijandige_tekst.py"}
"""Modules whose module-scoped fixtures are cheap and whose tests are long."""
HEEL = {p.name for p in Path(__file__).parent.glob("test_*.py")
        if re.search(r"scope=[\"']module[\"']", p.read_text(encoding="utf-8"))} - GESPREID
"""Modules that share a build or a tool run between their tests (a module-scoped fixture)."""


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """``--dist loadscope`` (pyproject.toml) as this suite needs it: the tests of a module in
    ``HEEL`` stay together in one worker, so its shared fixtures are made once; every other
    test goes to whichever worker is free."""
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class PerModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module.rsplit("/", 1)[-1] in HEEL else nodeid

    return PerModule(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests ``slow``: ``pytest -m 'not slow'`` runs the quick ones only."""
    for item in items:
        name = item.nodeid.rsplit("/", 1)[-1].split("[", 1)[0]
        if item.path.name in LANGZAAM or name in LANGZAME_TESTS:
            item.add_marker(pytest.mark.slow)
