"""README's set-up commands are the ones CI runs, and they name the real commands."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_two_setup_commands_in_readme() -> None:
    build = [b for b in BLOCKS if b.strip().endswith("prestatie build")]
    tests = [b for b in BLOCKS if b.strip().endswith("pytest")]
    assert len(build) == 1 and len(tests) == 1
    assert "pip install ." in build[0]
    assert "pip install -e '.[test]'" in tests[0]


def test_ci_runs_the_readme_test_command() -> None:
    [command] = [b.strip() for b in BLOCKS if b.strip().endswith("pytest")]
    assert command in CI


def test_readme_documents_every_command_and_exit_code() -> None:
    from prestatie.cli import main

    for name in main.commands:
        assert f"prestatie {name}" in README
    for code in ("`0`", "`1`", "`2`"):
        assert code in README
