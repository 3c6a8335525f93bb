"""The pre-commit hook from the README refuses a commit while the sources have errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_plain_git_hook_blocks_a_commit_with_errors(tmp_path: Path) -> None:
    [hook] = re.findall(r"```text\n(#!/bin/sh\n.*?)```", README, re.S)
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "prestatie").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m prestatie "$@"\n', encoding="utf-8")
    (shim / "prestatie").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300)

    git("init", "-q")
    (root / ".git" / "hooks" / "pre-commit").write_text(hook, encoding="utf-8")
    (root / ".git" / "hooks" / "pre-commit").chmod(0o755)
    git("add", "-A")
    assert git("commit", "-qm", "afspraken").returncode == 0

    src = root / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: dorpp", 1), encoding="utf-8")
    git("add", "-A")
    refused = git("commit", "-qm", "typefout")
    assert refused.returncode != 0
    assert "fout: onbekende partij 'dorpp'; bedoelde u 'dorp'?" in refused.stderr
    assert git("log", "--oneline").stdout.count("\n") == 1

    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorpp", "trekker: dorp") + "# nagekeken\n", encoding="utf-8")
    git("add", "-A")
    assert git("commit", "-qm", "hersteld").returncode == 0


def test_pre_commit_framework_config_runs_the_check_on_sources() -> None:
    [config] = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(repos:.*?)```", README, re.S)]
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "prestatie check --stil"
    assert re.search(hook["files"], "bron/x/overeenkomst.yaml") and re.search(hook["files"], "sjablonen/stijl.css")
    assert not re.search(hook["files"], "README.md")
    assert hook["pass_filenames"] is False
