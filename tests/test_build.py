"""Versioned, reproducible, incremental builds that never damage the previous build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from conftest import werkmap
from prestatie import pipeline
from prestatie.pipeline import bouw
from prestatie.cli import main
from prestatie.core.errors import BronFout, SjabloonFout
from prestatie.plan.ongewijzigd import CACHE

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
SNEL = ("md", "html")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every published file (not the build's own record of the file times it checked)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != CACHE
    }


def test_build_writes_every_document_and_a_true_manifest(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    out = project / "build" / NAAM
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["manifest.json"] + [f"{d}.{f}" for d in ("overeenkomst", "voortgang-2023", "voortgang-2024",
                                                   "uittreksel-dorp", "uittreksel-thuis", "uittreksel-huurders")
                             for f in SNEL]
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["versie"] == "1.10"
    assert manifest["bouwdatum"] == "2023-11-14T22:13:20+00:00"
    assert manifest["commit"] is None
    for name, entry in manifest["bestanden"].items():
        data = (out / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "grootte": len(data)}
    source = project / "bron" / NAAM / "overeenkomst.yaml"
    assert manifest["bronnen"]["bestanden"]["overeenkomst.yaml"] == hashlib.sha256(source.read_bytes()).hexdigest()


def test_noop_rebuild_touches_nothing(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    out = project / "build" / NAAM
    before = snapshot(out)
    resultaat = pipeline.build(formaten=SNEL, jobs=1)
    assert resultaat.geschreven == []
    assert snapshot(out) == before


def test_change_to_one_agreement_rebuilds_only_that_one(project: Path) -> None:
    shutil.copytree(project / "bron" / NAAM, project / "bron" / "tweede")
    # Other parties: nothing of the first agreement is in the second's extracts.
    tweede = project / "bron" / "tweede" / "overeenkomst.yaml"
    tweede.write_text(tweede.read_text(encoding="utf-8").replace("    naam: Gemeente Dorp", "    naam: Gemeente Stad")
                      .replace("    naam: Stichting Thuis", "    naam: Stichting Elders")
                      .replace("    naam: Huurdersvereniging Thuis", "    naam: Huurdersvereniging Elders"), encoding="utf-8")
    pipeline.build(formaten=SNEL, jobs=1)
    other = snapshot(project / "build" / "tweede")
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("Meer sociale", "Veel meer sociale"), encoding="utf-8")
    resultaat = pipeline.build(formaten=SNEL, jobs=1)
    written = {p.parent.name for p in resultaat.geschreven}
    assert written == {NAAM}
    assert snapshot(project / "build" / "tweede") == other
    assert "Veel meer sociale" in (project / "build" / NAAM / "overeenkomst.md").read_text(encoding="utf-8")


def test_change_to_one_agreement_rebuilds_the_extracts_of_its_parties_in_another(project: Path) -> None:
    shutil.copytree(project / "bron" / NAAM, project / "bron" / "tweede")
    pipeline.build(formaten=SNEL, jobs=1)
    src = project / "bron" / "tweede" / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("Thuis levert de nieuwbouw", "Thuis levert alle nieuwbouw"),
                   encoding="utf-8")
    resultaat = pipeline.build(formaten=SNEL, jobs=1)
    eerste = sorted(p.name for p in resultaat.geschreven if p.parent.name == NAAM)
    # The same parties: their extracts beside the first agreement cover both; nothing else of it
    # changes. A01 concerns Thuis (trekker) and Dorp (betrokken), not the huurders.
    assert eerste == sorted(f"uittreksel-{p}.{f}" for p in ("dorp", "thuis") for f in SNEL)
    assert "Thuis levert alle nieuwbouw" in (project / "build" / NAAM / "uittreksel-thuis.md").read_text(encoding="utf-8")


def test_template_error_leaves_previous_build_identical(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    out = project / "build" / NAAM
    before = snapshot(out)
    (project / "sjablonen").mkdir()
    (project / "sjablonen" / "voortgang.md.j2").write_text(
        '{% extends "standaard/voortgang.md.j2" %}\n{% block nergens %}{% endblock %}\n{{ onbekend.veld }}\n',
        encoding="utf-8",
    )
    (project / "sjablonen" / "overeenkomst.md.j2").write_text("# Titel\n\n{{ overeenkomst.titell }}\n", encoding="utf-8")
    # An error of a template itself (an unknown block) stops check and build before any
    # document is rendered, naming the template's file and line.
    with pytest.raises(SjabloonFout) as e:
        pipeline.build(formaten=SNEL, jobs=1)
    assert "voortgang.md.j2:2" in str(e.value) and "blok 'nergens' bestaat niet" in str(e.value)
    assert snapshot(out) == before
    # Fixed, the error the data causes is a check error at the YAML object whose document fails,
    # with the template's own file and line.
    (project / "sjablonen" / "voortgang.md.j2").unlink()
    with pytest.raises(BronFout) as b:
        pipeline.build(formaten=SNEL, jobs=1)
    (fout,) = [str(f) for f in b.value.rapport.fouten]
    assert "overeenkomst.md.j2:3" in fout and "veld 'titell' bestaat niet" in fout
    assert f"{NAAM}/overeenkomst.yaml:" in fout and "de overeenkomst kan niet worden opgemaakt" in fout
    assert snapshot(out) == before


def test_bad_source_leaves_previous_build_identical(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    out = project / "build" / NAAM
    before = snapshot(out)
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: niemand"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--formaat", "md,html"])
    assert result.exit_code == 1
    assert "onbekende partij 'niemand'" in result.output
    assert "er is niets geschreven" in result.output
    assert snapshot(out) == before


def test_unwritable_output_is_a_clear_error(project: Path) -> None:
    if os.geteuid() == 0:
        out = project / "build"
        out.write_text("geen map")  # a file where the output folder should be: fails even for root
    else:  # pragma: no cover - depends on who runs the tests
        (project / "build").mkdir()
        (project / "build").chmod(0o500)
    result = CliRunner().invoke(main, ["build", "--formaat", "md"])
    assert result.exit_code == 1
    assert "kan niet schrijven in 'build" in result.output
    assert "Traceback" not in result.output


def test_files_that_no_longer_belong_are_removed_after_success(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    out = project / "build" / NAAM
    (project / "bron" / NAAM / "voortgang" / "2024.yaml").unlink()
    (out / "eigen-notities.txt").write_text("van de gebruiker")
    resultaat = pipeline.build(formaten=SNEL, jobs=1)
    assert sorted(p.name for p in resultaat.verwijderd) == ["voortgang-2024.html", "voortgang-2024.md"]
    assert not (out / "voortgang-2024.md").exists()
    assert (out / "eigen-notities.txt").exists()  # not ours: left alone


def test_output_folder_names_are_safe_slugs(project: Path) -> None:
    weird = project / "bron" / "Héél Raar; rm -rf $(x) .."
    shutil.move(str(project / "bron" / NAAM), str(weird))
    pipeline.build(formaten=("md",), jobs=1)
    folders = [p.name for p in (project / "build").iterdir() if not p.name.startswith(".")]
    assert folders == ["heel-raar-rm-rf-x"]
    assert [p.name for p in (project / "build").iterdir()] == ["heel-raar-rm-rf-x"]


def test_parallel_build_gives_the_same_bytes(project: Path, tmp_path: Path) -> None:
    shutil.copytree(project / "bron" / NAAM, project / "bron" / "tweede")
    pipeline.build(uit=tmp_path / "een", formaten=SNEL, jobs=1)
    pipeline.build(uit=tmp_path / "twee", formaten=SNEL, jobs=2)
    assert {k: v[0] for k, v in snapshot(tmp_path / "een").items()} == {
        k: v[0] for k, v in snapshot(tmp_path / "twee").items()
    }


def test_malformed_source_date_epoch(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    result = CliRunner().invoke(main, ["build", "--formaat", "md"])
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH='gisteren' is geen geheel aantal seconden sinds 1970" in result.output


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2024-05-01T12:00:00Z",
           "GIT_COMMITTER_DATE": "2024-05-01T12:00:00Z"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _visible(html: str) -> str:
    """The text of an HTML page a reader sees (no head, no tags)."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def _custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("docProps/custom.xml").decode("utf-8")
    return dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)<', xml))


def test_version_shows_number_and_date_and_keeps_the_commit_in_the_properties(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "x")
    commit = _git(project, "rev-parse", "--short=7", "HEAD")
    pipeline.build(formaten=("md", "html", "docx"), jobs=1)
    out = project / "build" / NAAM
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["commit"] == commit
    assert manifest["bouwdatum"] == "2024-05-01T12:00:00+00:00"  # the commit date
    md = (out / "overeenkomst.md").read_text(encoding="utf-8")
    assert re.search(r"Versie 1\.10, \d+ \w+ \d{4}", md)
    html = (out / "overeenkomst.html").read_text(encoding="utf-8")
    assert f'<meta name="prestatie.commit" content="{commit}">' in html
    assert '<meta name="prestatie.niet-vastgelegd" content="nee">' in html
    props = _custom_properties(out / "overeenkomst.docx")
    assert props["Commit"] == commit and props["Niet vastgelegde wijzigingen"] == "nee"
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    pipeline.build(formaten=("md", "html", "docx"), jobs=1)
    html = (out / "overeenkomst.html").read_text(encoding="utf-8")
    assert '<meta name="prestatie.niet-vastgelegd" content="ja">' in html
    assert _custom_properties(out / "overeenkomst.docx")["Niet vastgelegde wijzigingen"] == "ja"
    for name in ("overeenkomst.md", "overeenkomst.html"):
        text = (out / name).read_text(encoding="utf-8")
        visible = _visible(text) if name.endswith(".html") else text
        assert commit not in visible and "niet vastgelegd" not in visible
    document = docx.Document(str(out / "overeenkomst.docx"))
    stories = [p.text for p in document.paragraphs]
    for section in document.sections:
        for story in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            stories += [p.text for p in story.paragraphs]
    assert not [t for t in stories if commit in t or "niet vastgelegd" in t]


def test_annotations_on_github_actions(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: dorpp"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    line = next(i + 1 for i, t in enumerate(src.read_text(encoding="utf-8").splitlines()) if "dorpp" in t)
    assert (
        f"::error file=bron/{NAAM}/overeenkomst.yaml,line={line},col=14::onbekende partij 'dorpp'; bedoelde u 'dorp'?"
        in result.output
    )


def _build_in_subprocess(root: Path, uit: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "prestatie", "build", "--uit", str(uit)],
        cwd=root, env={**os.environ, **env}, check=True, capture_output=True,
    )


def test_same_sources_same_bytes_whatever_the_machine(project: Path, tmp_path: Path) -> None:
    _build_in_subprocess(project, tmp_path / "a", {"TZ": "UTC", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1",
                                                   "SOURCE_DATE_EPOCH": "1700000000"})
    _build_in_subprocess(project, tmp_path / "b", {"TZ": "Pacific/Kiritimati", "LANG": "nl_NL.UTF-8",
                                                   "LC_ALL": "nl_NL.UTF-8", "PYTHONHASHSEED": "4242",
                                                   "SOURCE_DATE_EPOCH": "1700000000"})
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert sorted(a) == sorted(b)
    assert any(name.endswith(".docx") for name in a)
    for name in a:
        assert a[name][0] == b[name][0], name


def test_build_stops_on_attention_without_explanation(project: Path) -> None:
    src = project / "bron" / NAAM / "voortgang" / "2024.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace(
        "  a03:\n    status: op schema", "  a03:\n    status: vertraagd"), encoding="utf-8")
    with pytest.raises(BronFout) as e:
        pipeline.build(formaten=SNEL, jobs=1)
    [fout] = e.value.rapport.fouten
    assert fout.plaats.bestand == f"bron/{NAAM}/voortgang/2024.yaml"
    assert "vraagt een toelichting" in fout.bericht


def test_own_template_extends_the_default_and_replaces_one_block(project: Path) -> None:
    (project / "sjablonen").mkdir()
    (project / "sjablonen" / "overeenkomst.md.j2").write_text(
        '{% extends "standaard/overeenkomst.md.j2" %}\n'
        "{% block monitoring %}\n## Monitoring\n\nDe raad krijgt elk kwartaal een brief.\n\n{% endblock %}\n",
        encoding="utf-8",
    )
    pipeline.build(formaten=("md",), jobs=1)
    md = (project / "build" / NAAM / "overeenkomst.md").read_text(encoding="utf-8")
    assert "## Monitoring\n\nDe raad krijgt elk kwartaal een brief." in md
    assert "## Monitoring en evaluatie" not in md
    assert "### A01" in md and "## Ondertekening" in md  # the rest comes from the default


def test_an_edit_that_only_one_document_shows_renders_only_that_one(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(jobs=1)
    out = project / "build" / NAAM
    before = snapshot(out)
    parsed: list[str] = []
    real_parse = bouw.parse
    monkeypatch.setattr(bouw, "parse", lambda text: parsed.append(text) or real_parse(text))
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("Meer sociale", "Veel meer sociale"), encoding="utf-8")
    resultaat = pipeline.build(jobs=1)
    # The theme's ambition is in the agreement only: the progress reports (and their charts)
    # are neither parsed nor written again, and their files stay as they were. The agreement
    # is parsed once, for its check and its files.
    assert len(parsed) == 1 and "Veel meer sociale" in parsed[0]
    assert sorted(p.name for p in resultaat.geschreven) == [
        "overeenkomst.docx", "overeenkomst.html", "overeenkomst.md", "overeenkomst.pdf"]
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k.startswith("voortgang")} == \
        {k: v for k, v in before.items() if k.startswith("voortgang")}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(len(d["inhoud"]) == 64 for d in manifest["documenten"].values())
    # Undoing the edit gives the first build's files again.
    src.write_text(src.read_text(encoding="utf-8").replace("Veel meer sociale", "Meer sociale"), encoding="utf-8")
    pipeline.build(jobs=1)
    assert {k: v[0] for k, v in snapshot(out).items()} == {k: v[0] for k, v in before.items()}
