"""A rebuild does only what changed: an agreement as the last build left it is not loaded again,
yet the build says what it said before, and a changed output file is always noticed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import werkmap
from prestatie import pipeline
from prestatie.plan.ongewijzigd import CACHE

FIXTURE = Path(__file__).parent / "fixtures" / "voortgang"
NAAM = "dorp-2023-2026"
SNEL = ("md", "html")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    shutil.copytree(root / "bron" / NAAM, root / "bron" / "tweede")
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
    record = project / "build" / CACHE
    for text in ("{niet json", '{"versie": 1, "overeenkomsten": [], "bestanden": 3}', None):
        if text is None:
            record.unlink()
        else:
            record.write_text(text, encoding="utf-8")
        again = pipeline.build(formaten=SNEL, jobs=1)
        assert again.geschreven == [] and said(again) == said(first)
    assert record.is_file()
