"""A rebuild does only what changed: an agreement as the last build left it is not loaded again,
yet the build says what it said before, and a changed output file is always noticed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import werkmap
from prestatie import pipeline
from prestatie.pipeline import bouw
from prestatie.plan.ongewijzigd import geheugenpad

FIXTURE = Path(__file__).parent / "fixtures" / "voortgang"
NAAM = "dorp-2023-2026"
SNEL = ("md", "html")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    shutil.copytree(root / "bron" / NAAM, root / "bron" / "tweede")
    tweede = root / "bron" / "tweede" / "overeenkomst.yaml"  # other parties: no extract spans both
    tekst = tweede.read_text(encoding="utf-8")
    for naam in ("Gemeente Dorp", "Stichting Thuis", "Huurdersvereniging Thuis"):
        tekst = tekst.replace(f"naam: {naam}", f"naam: {naam} Twee")
    tweede.write_text(tekst, encoding="utf-8")
    return root


def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The agreement folders a build loads, in order."""
    seen: list[str] = []
    real = pipeline.load_checked
    monkeypatch.setattr(pipeline, "load_checked", lambda folder, rapport: seen.append(folder.name) or real(folder, rapport))
    return seen


def said(resultaat: pipeline.Resultaat) -> tuple[list[str], list[str]]:
    return [str(b) for b in resultaat.rapport.gesorteerd()], resultaat.meldingen


def test_an_unchanged_agreement_is_not_loaded_again_and_its_warnings_are_repeated(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pipeline.build(formaten=SNEL, jobs=1)
    assert len(first.rapport.waarschuwingen) == 2  # 'geen voortgang gemeld … a06', once per agreement
    loaded = loads(monkeypatch)
    again = pipeline.build(formaten=SNEL, jobs=1)
    assert loaded == []
    assert again.geschreven == [] and len(again.ongewijzigd) == len(first.geschreven)
    assert said(again) == said(first)

    src = project / "bron" / "tweede" / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("titel: Prestatieafspraken", "titel: Herziene prestatieafspraken", 1), encoding="utf-8")
    edited = pipeline.build(formaten=SNEL, jobs=1)
    assert loaded == ["tweede"]
    assert {p.parent.name for p in edited.geschreven} == {"tweede"}
    assert said(edited) == said(first)


def test_other_formats_or_a_changed_template_load_every_agreement(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    loaded = loads(monkeypatch)
    pipeline.build(formaten=("md",), jobs=1)
    assert sorted(loaded) == [NAAM, "tweede"]
    pipeline.build(formaten=("md",), jobs=1)
    assert sorted(loaded) == [NAAM, "tweede"]  # the same formats again: nothing loaded
    (project / "sjablonen").mkdir(exist_ok=True)
    (project / "sjablonen" / "stijl.css").write_text("body { color: black; }\n", encoding="utf-8")
    pipeline.build(formaten=("md",), jobs=1)
    assert sorted(loaded) == [NAAM, NAAM, "tweede", "tweede"]


def test_a_same_size_edit_with_its_old_date_restored_is_noticed(project: Path) -> None:
    pipeline.build(formaten=SNEL, jobs=1)
    pipeline.build(formaten=SNEL, jobs=1)  # every output file now in the record
    target = project / "build" / NAAM / "overeenkomst.md"
    good = target.read_bytes()
    st = target.stat()
    damaged = good.replace(b"Dorp", b"Derp", 1)
    assert damaged != good and len(damaged) == len(good)
    with open(target, "r+b") as f:  # in place: the same inode, the same size
        f.write(damaged)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_mtime_ns == st.st_mtime_ns
    resultaat = pipeline.build(formaten=SNEL, jobs=1)
    assert Path("build", NAAM, "overeenkomst.md") in resultaat.geschreven
    assert target.read_bytes() == good


def test_a_damaged_or_missing_record_only_costs_time(project: Path) -> None:
    first = pipeline.build(formaten=SNEL, jobs=1)
    record = geheugenpad(project / "build")
    for text in ("{niet json", '{"versie": 1, "overeenkomsten": [], "bestanden": 3}', None):
        if text is None:
            record.unlink()
        else:
            record.write_text(text, encoding="utf-8")
        again = pipeline.build(formaten=SNEL, jobs=1)
        assert again.geschreven == [] and said(again) == said(first)
    assert record.is_file()


def test_an_agreement_that_shares_a_party_with_a_changed_one_is_made_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A party's extract spans its agreements: when one of them changes, the others it shares a
    party with are made again too, so no extract is left as it was."""
    derde = project / "bron" / "derde"
    shutil.copytree(project / "bron" / NAAM, derde)  # the same parties as the first
    pipeline.build(formaten=SNEL, jobs=1)
    loaded = loads(monkeypatch)
    src = derde / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("titel: Prestatieafspraken", "titel: Herziene prestatieafspraken", 1), encoding="utf-8")
    pipeline.build(formaten=SNEL, jobs=1)
    assert sorted(loaded) == ["derde", NAAM]
    extract = (project / "build" / "derde" / "uittreksel-thuis.html").read_text(encoding="utf-8")
    assert "Herziene prestatieafspraken" in extract
    # beside the other agreement, its own extract says where the whole one is, by its new title
    beside = (project / "build" / NAAM / "uittreksel-thuis.md").read_text(encoding="utf-8")
    assert "staat bij Herziene prestatieafspraken" in " ".join(beside.split())
    pipeline.build(uit=project / "schoon", formaten=SNEL, jobs=1)
    assert _bestanden(project / "build") == _bestanden(project / "schoon")


def _bestanden(uit: Path) -> dict[str, bytes]:
    return {p.relative_to(uit).as_posix(): p.read_bytes() for p in sorted(uit.rglob("*")) if p.is_file()}


def test_only_direct_partners_are_loaded_and_the_result_is_a_clean_builds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chain of shared parties (the first agreement shares the corporation with 'derde', which
    shares its gemeente with 'tweede'): an edit in the first loads 'derde' for the extracts of
    the corporation and its tenants, not 'tweede'; of 'derde' only those extracts are made again;
    and the output is byte for byte what a build from scratch makes."""
    derde = project / "bron" / "derde"
    shutil.copytree(project / "bron" / NAAM, derde)
    src = derde / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("naam: Gemeente Dorp", "naam: Gemeente Dorp Twee"),
                   encoding="utf-8")
    pipeline.build(formaten=SNEL, jobs=1)
    loaded = loads(monkeypatch)
    eerste = project / "bron" / NAAM / "overeenkomst.yaml"
    tekst = eerste.read_text(encoding="utf-8")
    assert "titel: Prestatieafspraken" in tekst
    eerste.write_text(tekst.replace("titel: Prestatieafspraken", "titel: Herziene prestatieafspraken", 1),
                      encoding="utf-8")
    edited = pipeline.build(formaten=SNEL, jobs=1)
    assert sorted(loaded) == ["derde", NAAM]
    derde_geschreven = sorted(p.name for p in edited.geschreven if p.parent.name == "derde")
    # 'derde' comes first: the whole extracts of the shared parties are beside it; the
    # extract of Gemeente Dorp Twee, not shared with the first, stays as it was
    assert derde_geschreven == [f"uittreksel-{p}.{f}" for p in ("huurders", "thuis") for f in ("html", "md")]
    assert not [p for p in edited.geschreven if p.parent.name == "tweede"]
    schoon = pipeline.build(uit=project / "schoon", formaten=SNEL, jobs=1)
    assert schoon.geschreven
    assert _bestanden(project / "build") == _bestanden(project / "schoon")


def test_the_same_sources_in_another_folder_give_the_same_bytes(project: Path, tmp_path: Path) -> None:
    """Extracts that span agreements record what they read from the others; the manifest names
    those sources from the source folder, so a copy of the project builds the same bytes."""
    derde = project / "bron" / "derde"
    shutil.copytree(project / "bron" / NAAM, derde)  # the same parties: extracts across both
    elders = tmp_path / "elders" / "project"
    shutil.copytree(project, elders)
    for root in (project, elders):  # named by full path, as a CI job names them
        pipeline.build(root / "bron", formaten=SNEL, jobs=1)
    assert _bestanden(project / "build") == _bestanden(elders / "build")


def test_a_changed_document_template_rewrites_only_the_documents_it_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writers read a document's Markdown and the house style, not its template: a template
    that gives the same Markdown makes no document again, and one that changes the progress
    reports makes those and nothing else (a document made again is parsed first). The build
    date is fixed: a newer template would otherwise date every document anew."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(formaten=SNEL, jobs=1)
    parsed: list[str] = []
    real_parse = bouw.parse
    monkeypatch.setattr(bouw, "parse", lambda text: parsed.append(text) or real_parse(text))
    sjabloon = project / "sjablonen" / "voortgang.md.j2"
    sjabloon.parent.mkdir(exist_ok=True)
    sjabloon.write_text('{% extends "standaard/voortgang.md.j2" %}\n', encoding="utf-8")
    assert pipeline.build(formaten=SNEL, jobs=1).geschreven == []
    assert parsed == []
    sjabloon.write_text('{% extends "standaard/voortgang.md.j2" %}\n'
                        '{% block samenvatting %}{{ super() }}\nDe raad bespreekt dit verslag.\n{% endblock %}\n',
                        encoding="utf-8")
    geschreven = pipeline.build(formaten=SNEL, jobs=1).geschreven
    assert geschreven and all(p.name.startswith("voortgang-") for p in geschreven)
    assert len(parsed) == 4 and all("De raad bespreekt dit verslag." in t for t in parsed)  # 2 agreements × 2 years
    (project / "sjablonen" / "stijl.css").write_text("body { color: black; }\n", encoding="utf-8")
    geschreven = pipeline.build(formaten=SNEL, jobs=1).geschreven  # the house style: every page
    assert {p.suffix for p in geschreven} == {".html"}
