"""Validity and accessibility checks on built HTML files, for any test that writes HTML.

``check_nu`` runs the Nu Html Checker (vnu.jar), ``check_axe`` runs axe-core in Debian's
Chromium (``axe.mjs`` beside this file), ``check_charts`` lays the charts out there at several
window widths (``grafieken.mjs``). Both take one or more paths, start their tool once
for all of them, and return the problems as readable lines (an empty list means clean).
Locally a missing tool skips the test; in CI (``CI`` set) it fails it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, needs_tool

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = Path(__file__).with_name("axe.mjs")
CHART_SCRIPT = Path(__file__).with_name("grafieken.mjs")
TIMEOUT = 300


def needs_node_modules() -> Path:
    """The project's node_modules; skips the test locally when absent, fails it in CI."""
    wanted = (VNU_JAR, NODE_MODULES / "axe-core", NODE_MODULES / "playwright-core")
    if all(p.exists() for p in wanted):
        return NODE_MODULES
    message = "node_modules is incomplete: run 'npm ci' (.ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # unreachable


def check_nu(*paths: Path | str) -> list[str]:
    """Errors the Nu Html Checker reports for the files, as 'file:line:col: message'."""
    java = needs_tool("java")
    needs_node_modules()
    files = [str(Path(p)) for p in paths]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    # vnu writes its report to stderr; look in both streams to be safe.
    for stream in (result.stderr, result.stdout):
        start = stream.find('{"')
        if start >= 0:
            try:
                report = json.loads(stream[start:])
            except json.JSONDecodeError:
                continue
            break
    else:
        pytest.fail(f"vnu gave no report (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    problems = []
    for m in report.get("messages", []):
        if m.get("type") not in ("error", "non-document-error"):
            continue
        where = m.get("url", "").removeprefix("file:")
        problems.append(f"{where}:{m.get('lastLine', 0)}:{m.get('firstColumn', 0)}: {m.get('message')}")
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        pytest.fail(f"vnu failed (exit {result.returncode}):\n{result.stderr}")
    return problems


def check_axe(*paths: Path | str) -> list[str]:
    """Violations of WCAG 2.0/2.1 A and AA that axe-core finds, one line per element."""
    node = needs_tool("node")
    needs_tool(os.environ.get("CHROMIUM", "chromium"))
    needs_node_modules()
    files = [str(Path(p).resolve()) for p in paths]
    result = subprocess.run(
        [node, str(AXE_SCRIPT), *files],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"axe.mjs failed (exit {result.returncode}):\n{result.stderr}")
    report: dict[str, list[dict]] = json.loads(result.stdout)
    problems = []
    for file, violations in report.items():
        for v in violations:
            for node_ in v["nodes"]:
                target = " ".join(map(str, node_["target"]))
                problems.append(f"{file}: {v['id']} ({v['impact']}): {v['help']} [{target}]")
    if result.returncode == 1 and not problems:
        pytest.fail(f"axe.mjs reported failure without violations:\n{result.stderr}")
    return problems


def check_charts(widths: tuple[int, ...], *paths: Path | str) -> list[str]:
    """What is wrong with the charts of the pages at each window width: overlapping or cut
    text, text smaller than the body text, a page wider than the window."""
    node = needs_tool("node")
    needs_tool(os.environ.get("CHROMIUM", "chromium"))
    needs_node_modules()
    files = [str(Path(p).resolve()) for p in paths]
    result = subprocess.run(
        [node, str(CHART_SCRIPT), ",".join(map(str, widths)), *files],
        capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"grafieken.mjs failed (exit {result.returncode}):\n{result.stderr}")
    report: dict[str, list[str]] = json.loads(result.stdout)
    return [f"{where}: {problem}" for where, problems in report.items() for problem in problems]
