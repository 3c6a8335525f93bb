"""prestatie verschil: two commits of the example compared; Markdown, HTML and Word with tracked changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from prestatie.cli import main
from prestatie.plan.verschil import woordverschil

from conftest import EXAMPLE, needs_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTEUR = "Afdeling Wonen"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": AUTEUR, "GIT_AUTHOR_EMAIL": "wonen@example.org",
           "GIT_COMMITTER_NAME": AUTEUR, "GIT_COMMITTER_EMAIL": "wonen@example.org",
           "GIT_AUTHOR_DATE": "2024-03-01T10:00:00Z", "GIT_COMMITTER_DATE": "2024-03-01T10:00:00Z"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in git: a first commit, then a second with edits a policy writer would make."""
    needs_tool("git")
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(EXAMPLE, root / "bron" / EXAMPLE.name)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "eerste versie")
    yaml = root / "bron" / EXAMPLE.name / "overeenkomst.yaml"
    edit(yaml, 'versie: "1.0"', 'versie: "1.1"')
    edit(yaml, "toren wordt in maart 2022 opgeleverd", "toren wordt in april 2022 opgeleverd")
    edit(yaml, "    termijn: 2023-12-31\n    indicator: nieuwbouw-sociaal-heemskerk",
         "    termijn: 2024-06-30\n    indicator: nieuwbouw-sociaal-heemskerk")
    edit(yaml, "    trekker: pre-wonen\n    betrokken: [beverwijk, bewonerskern]\n    gemeente: beverwijk\n    termijn: 2023-12-31",
         "    trekker: woonopmaat\n    betrokken: [beverwijk, bewonerskern]\n    gemeente: beverwijk\n    termijn: 2023-12-31")
    edit(yaml, "  - id: a44\n", "  - id: a45\n    nummer: A45\n    thema: wijken\n    titel: Buurtkamer\n    tekst: >-\n"
               "      Woonopmaat opent in 2025 een buurtkamer in Oosterwijk.\n    trekker: woonopmaat\n"
               "    termijn: 2025\n  - id: a44\n")
    git(root, "commit", "-qam", "tweede versie")
    return root


def run(repo: Path, *args: str) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["verschil", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.output


def test_two_commits_summary_and_exit_1(repo: Path) -> None:
    code, out = run(repo, "HEAD~1", "HEAD")
    assert code == 1
    line = next(l for l in out.splitlines() if l.startswith("Prestatieafspraken Beverwijk"))
    assert "2 afspraken gewijzigd (A02, A06)" in line
    assert "1 afspraak nieuw (A45)" in line
    assert "overeenkomst zelf: versie" in line
    for name in ("verschil-head-1-head.md", "verschil-head-1-head.html", "verschil-head-1-head.docx"):
        assert (repo / "build" / "verschil" / name).is_file()  # named by its two versions


def test_same_version_exit_0(repo: Path, tmp_path: Path) -> None:
    code, out = run(repo, "HEAD", "HEAD", "--uit", str(tmp_path))
    assert code == 0
    assert "geen wijzigingen" in out


def test_two_folders(repo: Path, tmp_path: Path) -> None:
    oud = tmp_path / "oud"
    shutil.copytree(EXAMPLE, oud / EXAMPLE.name)
    code, out = run(repo, str(oud), "bron", "--uit", str(tmp_path / "uit"))
    assert code == 1
    assert "(A02, A06)" in out


def test_unknown_ref_is_a_dutch_usage_error(repo: Path) -> None:
    code, out = run(repo, "HEAD~1", "bestaat-niet")
    assert code == 2
    assert "'bestaat-niet' is geen map en geen versie in git" in out


def test_markdown_shows_changed_fields_and_word_redline(repo: Path) -> None:
    run(repo, "HEAD~1", "HEAD")
    md = (repo / "build" / "verschil" / "verschil-head-1-head.md").read_text(encoding="utf-8")
    assert "### A02 · Debora Bakelaan opleveren (gewijzigd)" in md
    assert "toren wordt in ~~maart~~ **april** 2022 opgeleverd" in md
    assert "- Termijn: ~~31 december 2023~~ **30 juni 2024**" in md
    assert "- Trekker: ~~Pré Wonen~~ **Woonopmaat**" in md
    assert "### A45 · Buurtkamer (nieuw)" in md
    assert "- Versie: ~~1.0~~ **1.1**" in md
    assert "A01" not in md  # unchanged commitments are not listed


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ins: list[str] = []
        self.dels: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        if "ins" in self.stack:
            self.ins.append(data)
        if "del" in self.stack:
            self.dels.append(data)


def test_html_marks_insertions_and_deletions_for_screen_readers_too(repo: Path) -> None:
    run(repo, "HEAD~1", "HEAD")
    parser = _Text()
    parser.feed((repo / "build" / "verschil" / "verschil-head-1-head.html").read_text(encoding="utf-8"))
    assert parser.lang == "nl"
    ins, dels = "".join(parser.ins), "".join(parser.dels)
    assert "toegevoegd: april" in ins and "toegevoegd: 30 juni 2024" in ins
    assert "verwijderd: maart" in dels and "verwijderd: 31 december 2023" in dels


def _revisions(path: Path) -> list[tuple[str, str, str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for el in root.iter(f"{W}ins", f"{W}del"):
        text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
        out.append((el.tag[len(W):], el.get(f"{W}author"), el.get(f"{W}date"), text))
    return out


def test_word_has_real_tracked_changes_with_author_and_date(repo: Path) -> None:
    run(repo, "HEAD~1", "HEAD")
    path = repo / "build" / "verschil" / "verschil-head-1-head.docx"
    revisions = _revisions(path)
    assert ("del", AUTEUR, "2024-03-01T10:00:00Z", "maart") in revisions
    assert ("ins", AUTEUR, "2024-03-01T10:00:00Z", "april") in revisions
    assert ("ins", AUTEUR, "2024-03-01T10:00:00Z", "30 juni 2024") in revisions
    document = docx.Document(str(path))  # python-docx reads it
    assert any("Debora Bakelaan" in p.text for p in document.paragraphs)


def test_word_redline_converts_in_libreoffice_with_its_changes(repo: Path, tmp_path: Path) -> None:
    soffice = needs_tool("soffice")
    run(repo, "HEAD~1", "HEAD")
    src = repo / "build" / "verschil" / "verschil-head-1-head.docx"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "fodt",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    flat = (tmp_path / "verschil-head-1-head.fodt").read_text(encoding="utf-8")
    assert flat.count("<text:insertion>") >= 3
    assert flat.count("<text:deletion>") >= 3
    assert f"<dc:creator>{AUTEUR}</dc:creator>" in flat


def test_word_diff_keeps_the_words_in_common() -> None:
    assert woordverschil("De toren komt in maart klaar.", "De toren komt in april klaar.") == [
        ("=", "De toren komt in "), ("-", "maart"), ("+", "april"), ("=", " klaar.")]
    assert woordverschil("31 december 2023", "30 juni 2024") == [("-", "31 december 2023"), ("+", "30 juni 2024")]
    assert woordverschil("", "nieuw") == [("+", "nieuw")]
    assert woordverschil("zelfde", "zelfde") == [("=", "zelfde")]


def test_html_passes_nu_checker_and_axe(repo: Path) -> None:
    from a11y.checks import check_axe, check_nu

    run(repo, "HEAD~1", "HEAD")
    page = repo / "build" / "verschil" / "verschil-head-1-head.html"
    assert check_nu(page) == []
    assert check_axe(page) == []


def test_two_folders_of_a_framework_with_jaarschijven(tmp_path: Path) -> None:
    """Heerlen: a changed jaarschijf is listed under its own name, with the changed words."""
    source = EXAMPLE.parent / "heerlen-2020-2024"
    oud, nieuw = tmp_path / "oud" / source.name, tmp_path / "nieuw" / source.name
    shutil.copytree(source, oud)
    shutil.copytree(source, nieuw)
    edit(nieuw / "overeenkomst.yaml", "de partijen daarvoor in 2021 maken.", "de partijen daarvoor in 2021 samen maken.")
    code, out = run(tmp_path, str(oud), str(nieuw), "--bron", str(tmp_path / "oud"), "--uit", str(tmp_path / "uit"))
    assert code == 1
    assert "jaarschijven en addenda: 1 wijziging" in out
    [md_path] = (tmp_path / "uit").glob("verschil-*-heerlen-2020-2024-*-heerlen-2020-2024.md")
    md = md_path.read_text(encoding="utf-8")
    assert "### Jaarschijf 2021 (gewijzigd)" in md
    assert "in 2021 **samen** maken." in md
