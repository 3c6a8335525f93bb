"""README's set-up commands are the ones CI runs, and they name the real commands."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_two_setup_commands_in_readme() -> None:
    build = [b.strip() for b in BLOCKS if b.strip().endswith("prestatie build")]
    tests = [b for b in BLOCKS if b.strip().endswith("pytest")]
    # In a clone of this project: one line installs prestatie and builds the examples.
    example = [b for b in build if "\n" not in b and "pip install . && prestatie build" in b]
    assert len(example) == 1 and example[0].startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert len(tests) == 1
    # Users install from a git address or a wheel, in their own repository (which has no
    # pyproject.toml of prestatie); test_eigen_repository runs it there.
    [user] = [b for b in build if b not in example]
    assert 'pip install "prestatie @ git+https://' in user and "pip install prestatie-0.1.0-py3-none-any.whl" in user
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


def test_ci_tests_the_lowest_dependency_versions_pyproject_allows() -> None:
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lower = {}
    for spec in pyproject["project"]["dependencies"]:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(,.*)?", spec)
        assert m, f"{spec}: every dependency has a lower bound"
        lower[m[1].lower()] = m[2]
    pinned = dict(
        line.split("==")
        for line in (ROOT / ".ci" / "minimum.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert set(pinned) == set(lower)
    for name, version in lower.items():
        assert pinned[name].split(".")[: len(version.split("."))] == version.split("."), name
    assert "-c .ci/minimum.txt" in CI


def test_the_slow_tests_are_marked_and_the_readme_says_how_to_leave_them_out() -> None:
    import tomllib

    from conftest import LANGZAAM, LANGZAME_TESTS

    tests = ROOT / "tests"
    assert all((tests / name).is_file() for name in LANGZAAM)
    for test in LANGZAME_TESTS:
        module, name = test.split("::")
        assert f"def {name}(" in (tests / module).read_text(encoding="utf-8"), test
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert any(m.startswith("slow:") for m in markers["markers"])
    assert "pytest -m 'not slow'" in README
