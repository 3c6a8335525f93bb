"""Publication is atomic: whatever moment a build dies (killed, interrupted, a write failing),
each agreement's folder in build/ holds entirely the previous build or entirely the new one,
no worker process outlives the build, and the next build removes what was left behind.
Incremental builds trust content hashes, never sizes or dates."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prestatie import pipeline
from prestatie.core.errors import SchrijfFout

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
TWEEDE = "tweede-2023-2026"
ROOT = Path(__file__).resolve().parent.parent
FORMATEN = "md,html,docx"


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(project: Path, old: str, new: str) -> None:
    for folder in (NAAM, TWEEDE):
        path = project / "bron" / folder / "overeenkomst.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(root / "bron" / NAAM, root / "bron" / TWEEDE)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def build_cli(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "prestatie", "build", "-f", FORMATEN, *extra], cwd=project,
                          env=env(), capture_output=True, text=True, timeout=300)


def states(project: Path) -> tuple[dict, dict]:
    """The build folder after a clean build of the current sources, and of the edited ones."""
    assert build_cli(project).returncode == 0
    old = {a: contents(project / "build" / a) for a in (NAAM, TWEEDE)}
    edit(project, "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    reference = project.parent / "referentie"
    shutil.copytree(project / "bron", reference / "bron")
    subprocess.run([sys.executable, "-m", "prestatie", "build", "-f", FORMATEN], cwd=reference, env=env(),
                   check=True, capture_output=True, timeout=300)
    new = {a: contents(reference / "build" / a) for a in (NAAM, TWEEDE)}
    assert old[NAAM] != new[NAAM]
    return old, new


def leftover_processes(marker: str) -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in environ and "prestatie" in cmdline:
            found.append(f"{pid} {cmdline}")
    return found


def assert_old_or_new(project: Path, old: dict, new: dict) -> None:
    for agreement in (NAAM, TWEEDE):
        now = contents(project / "build" / agreement)
        assert now in (old[agreement], new[agreement]), (agreement, sorted(now))


@pytest.mark.parametrize("delay", [0.5, 1.5, 2.5, 3.5])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_build_leaves_old_or_new(project: Path, delay: float, how: int) -> None:
    old, new = states(project)
    marker = f"prestatie-test-{os.getpid()}-{delay}-{how}"
    proc = subprocess.Popen([sys.executable, "-m", "prestatie", "build", "-f", FORMATEN, "-j", "2"], cwd=project,
                            env={**env(), "PRESTATIE_TEST_MARKER": marker}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    proc.send_signal(how)
    out, err = proc.communicate(timeout=120)
    assert_old_or_new(project, old, new)
    if how != signal.SIGKILL:
        assert "Traceback" not in err, err
        if proc.returncode == -how:  # still starting, or already done: it ends as the signal says
            assert not err or err.splitlines()[-1].startswith("Klaar:"), err
        elif proc.returncode != 0:  # (0: it ended before the signal came)
            assert proc.returncode == 128 + how, (proc.returncode, err)
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1 and lines[0].startswith("Build onderbroken"), err
    deadline = time.time() + 10
    while leftover_processes(marker) and time.time() < deadline:
        time.sleep(0.2)
    assert not leftover_processes(marker)
    # The next build completes or removes what the killed one left, and publishes the new build.
    again = build_cli(project)
    assert again.returncode == 0, again.stderr
    assert not [p.name for p in (project / "build").iterdir() if p.name.startswith(".")]
    assert {a: contents(project / "build" / a) for a in (NAAM, TWEEDE)} == new


def _failing_after(n: int, real):
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("n", range(0, 40, 3))
def test_failing_writes_leave_old_or_new_and_say_which(project: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    old, new = states(project)
    for name in ("replace", "rename", "link", "open", "mkdir"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, _failing_after(n, real))
        try:
            pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
        except SchrijfFout as e:
            message = str(e)
            assert "No space" not in message and "de schijf is vol" in message, message
            now = {a: contents(project / "build" / a) for a in (NAAM, TWEEDE)}
            if now == old:
                assert "de vorige build is onaangetast" in message, message
            else:
                assert_old_or_new(project, old, new)
                assert "onaangetast" not in message or "niet" in message, message
        finally:
            monkeypatch.setattr(os, name, real)
        assert_old_or_new(project, old, new)
    pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert {a: contents(project / "build" / a) for a in (NAAM, TWEEDE)} == new
    assert not [p.name for p in (project / "build").iterdir() if p.name.startswith(".")]


def test_incremental_build_trusts_hashes_not_sizes(project: Path) -> None:
    pipeline.build(formaten=("md", "html"), jobs=1)
    out = project / "build" / NAAM
    original = (out / "overeenkomst.md").read_bytes()
    # Someone changes a published file without changing its size or date.
    stat = (out / "overeenkomst.md").stat()
    tampered = original.replace(b"Dorp", b"Xorp", 1)
    assert len(tampered) == len(original)
    (out / "overeenkomst.md").write_bytes(tampered)
    os.utime(out / "overeenkomst.md", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    resultaat = pipeline.build(formaten=("md", "html"), jobs=1)
    assert (out / "overeenkomst.md").read_bytes() == original
    assert Path("build", NAAM, "overeenkomst.md") in resultaat.geschreven


def test_same_length_edit_and_revert(project: Path) -> None:
    source = project / "bron" / NAAM / "overeenkomst.yaml"
    text = source.read_text(encoding="utf-8")
    pipeline.build(formaten=("md",), jobs=1)
    first = (project / "build" / NAAM / "overeenkomst.md").read_bytes()
    source.write_text(text.replace("Prestatieafspraken Dorp", "Prestatieafspraken Darp"), encoding="utf-8")
    pipeline.build(formaten=("md",), jobs=1)
    assert b"Darp" in (project / "build" / NAAM / "overeenkomst.md").read_bytes()
    source.write_text(text, encoding="utf-8")
    resultaat = pipeline.build(formaten=("md",), jobs=1)
    assert (project / "build" / NAAM / "overeenkomst.md").read_bytes() == first
    assert resultaat.geschreven


def test_stale_staging_is_removed(project: Path) -> None:
    pipeline.build(formaten=("md",), jobs=1)
    stale = project / "build" / ".prestatie-oud123"
    (stale / NAAM).mkdir(parents=True)
    (stale / NAAM / "overeenkomst.md").write_text("half", encoding="utf-8")
    pipeline.build(formaten=("md",), jobs=1)
    assert not stale.exists()


def test_manifest_matches_the_files_in_every_folder(project: Path) -> None:
    pipeline.build(formaten=("md", "html"), jobs=1)
    for agreement in (NAAM, TWEEDE):
        out = project / "build" / agreement
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for name, entry in manifest["bestanden"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
