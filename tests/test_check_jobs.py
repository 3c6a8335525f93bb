"""`prestatie check --jobs N`: the checks on rendered documents run in the build's worker
processes, and give exactly the findings, in the same order, that one process gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, edit, run
from prestatie import pipeline
from prestatie.core.rapportvormen import codequality, findings_json

BEVERWIJK = "bron/beverwijk-heemskerk-2022-2025"
KOPIE = "bron/beverwijk-heemskerk-kopie"
HEERLEN = "bron/heerlen-2020-2024"
LANG = "Dit is een zin van precies tien woorden voor u. " * 70


def _lang(root: Path, map_: str) -> None:
    """A press release of more than one A4: a warning of the check on the rendered document."""
    edit(root, f"{map_}/persbericht.yaml", "\ncitaten:", f"\n  - kop: Nog meer\n    tekst: {LANG.strip()}\ncitaten:")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The three example agreements and a copy of one (the two share their parties, so each
    one's extracts span both), with errors and warnings in several of them."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "bron", root / "bron")
    shutil.copytree(root / BEVERWIJK, root / KOPIE)
    edit(root, f"{KOPIE}/overeenkomst.yaml", "titel: Prestatieafspraken Beverwijk en Heemskerk 2022–2025",
         "titel: Prestatieafspraken Beverwijk en Heemskerk 2022–2025 (kopie)")
    # An error in Heerlen's own files: it is not checked on its documents, so its press
    # release of more than one A4 gives no warning.
    edit(root, f"{HEERLEN}/overeenkomst.yaml", "\nstatus: ondertekend", "\nstatus: nee")
    _lang(root, HEERLEN)
    _lang(root, BEVERWIJK)
    # A document of the copy that cannot be made: an error of the check on rendered documents,
    # which leaves the copy out of the extracts of the parties it shares with Beverwijk.
    (root / "sjablonen").mkdir()
    (root / "sjablonen" / "overeenkomst.md.j2").write_text(
        "# {{ overeenkomst.titel }}\n\n{% if '(kopie)' in overeenkomst.titel %}{{ overeenkomst.titell }}{% endif %}\n",
        encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _alles(rapport) -> list[tuple[str, str, dict | None]]:
    return [(str(b), b.ernst, b.cijfers) for b in rapport.gesorteerd()]


def test_findings_in_worker_processes_equal_those_of_one_process(project: Path) -> None:
    een = pipeline.check(project / "bron", jobs=1)
    twee = pipeline.check(project / "bron", jobs=2)
    assert _alles(twee) == _alles(een)
    fouten = [str(b) for b in een.fouten]
    assert len(fouten) == 2, fouten
    assert fouten[0].startswith(f"{KOPIE}/overeenkomst.yaml:") and "veld 'titell' bestaat niet" in fouten[0]
    assert fouten[1].startswith(f"{HEERLEN}/overeenkomst.yaml:") and "'nee' is geen geldige waarde" in fouten[1]
    lang = [b.plaats.bestand for b in een.waarschuwingen if "past niet meer op één A4" in b.bericht]
    assert lang == [f"{BEVERWIJK}/persbericht.yaml"]
    # Plain language only of the agreements that stay sound: not Heerlen's, not the copy's.
    taal = sorted({b.plaats.bestand.split("/")[1] for b in een.informaties})
    assert taal == ["bergen-2024-2027", "beverwijk-heemskerk-2022-2025"]

    code, out = run("check", "--jobs", "2", "--formaat", "json")
    assert code == 1
    assert json.loads(out) == json.loads(json.dumps(findings_json(een), ensure_ascii=False))
    code, out = run("check", "-j", "2", "--formaat", "gitlab")
    assert code == 1
    assert json.loads(out) == json.loads(json.dumps(codequality(een), ensure_ascii=False))
    code, out = run("check", "-j", "2")
    assert code == 1
    assert f"{fouten[0].split(': fout: ')[0]}: fout: " in out
    assert "Niet in orde: 2 fouten," in out


def test_sound_sources_pass_with_workers_and_the_count_is_checked(project: Path) -> None:
    shutil.rmtree(project / "sjablonen")
    shutil.rmtree(project / HEERLEN)
    code, out = run("check", "-j", "2", "--stil")
    assert code == 0, out
    code, out = run("check", "--streng", "-j", "2", "--stil")
    assert code == 1, out  # the long press release is a warning
    code, out = run("check", "-j", "0")
    assert code == 2
    assert "Ongeldige waarde voor '--jobs' / '-j': 0 valt buiten het bereik: minstens 1." in out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_template_that_does_not_compile_is_one_finding_at_its_line(project: Path, jobs: str) -> None:
    (project / "sjablonen" / "overeenkomst.md.j2").write_text(
        "# Titel\n\n{{ overeenkomst.titel }\n", encoding="utf-8")
    code, out = run("check", "-j", jobs)
    assert code == 1
    assert "sjablonen/overeenkomst.md.j2:3:1: fout: fout in sjabloon: onverwacht teken '}'" in out, out
    assert "Traceback" not in out


# Signals the check itself once the first agreement's findings come back from a worker: the
# pool is running, the other agreements are still being checked.
_TIJDENS_CONTROLE = """
import os, sys
import prestatie.pipeline.werkers as w
first = w.Werkers.run
def run(self, calls, collect):
    def signal_then(n, uitkomst):
        os.kill(os.getpid(), {signum})
        return collect(n, uitkomst)
    return first(self, calls, signal_then)
w.Werkers.run = run
sys.argv = ["prestatie", "check", "-j", "2"]
from prestatie.__main__ import start
start()
"""


@pytest.mark.parametrize("signum,code", [(2, 130), (15, 143)])
def test_interrupt_while_workers_check_ends_the_process(project: Path, signum: int, code: int) -> None:
    """The installed command, stopped while its workers check: one Dutch line, the signal's
    exit code, the process gone (it does not wait on the stopped pool)."""
    proc = subprocess.run([sys.executable, "-c", _TIJDENS_CONTROLE.format(signum=signum)], cwd=project,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"})
    assert proc.returncode == code, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    hoe = "met Ctrl-C" if signum == 2 else "door signaal SIGTERM"
    assert lines == [f"Controle onderbroken {hoe}; er is niets geschreven."], proc.stderr
