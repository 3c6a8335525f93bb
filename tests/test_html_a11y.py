"""The HTML page passes the Nu Html Checker and axe-core (WCAG 2.1 A and AA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y import voorbeeld
from a11y.checks import check_axe, check_nu

from prestatie.parse import parse
from prestatie.load.sjablonen import Sjablonen
from prestatie.write.web.html import HtmlWriter


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample agreement as concept and as final version, and a press release."""
    folder = tmp_path_factory.mktemp("html")
    writer = HtmlWriter(Sjablonen())
    tree = parse(voorbeeld.MARKDOWN)
    paths = []
    for concept in (True, False):
        path = folder / f"voorbeeld-{'concept' if concept else 'definitief'}.html"
        path.write_bytes(writer.write(tree, voorbeeld.info(concept=concept)))
        paths.append(path)
    press = folder / "persbericht.html"
    press.write_bytes(writer.write(parse(voorbeeld.PERSBERICHT), voorbeeld.info_persbericht()))
    return [*paths, press]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page with known faults, to show that the checkers do report."""
    path = tmp_path_factory.mktemp("fout") / "fout.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<img src="a.png"><p style="color:#bbb">te weinig contrast</p>'
        '<div id="d"></div><div id="d"></div></body></html>',
        encoding="utf-8",
    )
    return path


def test_nu_checker_finds_no_errors(pages: list[Path]) -> None:
    assert check_nu(*pages) == []


def test_axe_finds_no_violations(pages: list[Path]) -> None:
    assert check_axe(*pages) == []


def test_nu_checker_reports_errors(broken: Path) -> None:
    problems = check_nu(broken)
    assert any("Duplicate ID" in p for p in problems), problems


def test_axe_reports_violations(broken: Path) -> None:
    problems = check_axe(broken)
    ids = {p.split(": ", 1)[1].split(" ", 1)[0] for p in problems}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= ids, problems
