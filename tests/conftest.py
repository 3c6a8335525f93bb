"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "bron" / "beverwijk-heemskerk-2022-2025"


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


def build_copy(root: Path, bron: Path = ROOT / "bron") -> Path:
    """Copy a sources folder to ``root/bron`` and build it there as a user would (in that
    folder, a fixed SOURCE_DATE_EPOCH); returns ``root/build``."""
    from prestatie import pipeline

    shutil.copytree(bron, root / "bron")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mp.chdir(root)
    try:
        pipeline.build(root / "bron", root / "build", jobs=1)
    finally:
        mp.undo()
    return root / "build"
