"""Publication is atomic for the whole build: whatever moment a build dies (killed, interrupted,
a write failing), build/ holds entirely the previous build or entirely the new one (every
agreement from the same build), no worker process outlives the build, and the next build
removes what was left behind. Incremental builds trust content hashes, never sizes or dates."""

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
DERDE = "derde-2023-2026"
ROOT = Path(__file__).resolve().parent.parent
FORMATEN = "md,html,docx"


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def published(project: Path, names: tuple[str, ...] = (NAAM, TWEEDE)) -> dict[str, dict[str, bytes]]:
    return {a: contents(project / "build" / a) for a in names}


def edit(project: Path, old: str, new: str) -> None:
    for folder in (NAAM, TWEEDE):
        path = project / "bron" / folder / "overeenkomst.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def build_cli(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "prestatie", "build", "-f", FORMATEN, *extra], cwd=project,
                          env=env(), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A project with two agreements built, its sources already edited (the next build changes
    both), and what build/ holds after the old and after the new build."""
    base = tmp_path_factory.mktemp("publicatie")
    root = base / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(root / "bron" / NAAM, root / "bron" / TWEEDE)
    assert build_cli(root).returncode == 0
    old = published(root)
    edit(root, "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    reference = base / "referentie"
    shutil.copytree(root / "bron", reference / "bron")
    assert build_cli(reference).returncode == 0
    new = published(reference)
    assert old[NAAM] != new[NAAM] and old[TWEEDE] != new[TWEEDE]
    return root, old, new


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: tuple[Path, dict, dict]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(builds[0], root, symlinks=True)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def which_build(project: Path, old: dict, new: dict) -> str:
    """'oud' or 'nieuw': every agreement folder in build/ comes from that one build."""
    now = published(project)
    assert now in (old, new), {a: (now[a] == old[a], now[a] == new[a]) for a in now}
    return "oud" if now == old else "nieuw"


def leftovers(project: Path) -> list[str]:
    """What a build must not leave behind: staging, generations and folders nothing points at,
    links that lead nowhere."""
    build = project / "build"
    found = [p.name for p in build.iterdir() if p.name.startswith(".") and p.name != ".prestatie"]
    found += [p.name for p in build.iterdir() if p.is_symlink() and not p.exists()]
    huis = build / ".prestatie"
    found += [p.name for p in huis.iterdir() if p.name not in ("huidig", "generaties", "mappen")]
    current = os.readlink(huis / "huidig")
    generations = sorted(p.name for p in (huis / "generaties").iterdir())
    found += [g for g in generations if f"generaties/{g}" != current]
    used = {os.readlink(p).rpartition("/")[2] for p in (huis / current).iterdir()}
    found += [p.name for p in (huis / "mappen").iterdir() if p.name not in used]
    return found


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


def finish(proc: subprocess.Popen, marker: str, how: int) -> tuple[int, str]:
    """Wait for the stopped build; no process of it may stay behind."""
    _out, err = proc.communicate(timeout=120)
    deadline = time.time() + 10
    while leftover_processes(marker) and time.time() < deadline:
        time.sleep(0.2)
    assert not leftover_processes(marker)
    if how != signal.SIGKILL:
        assert "Traceback" not in err, err
    return proc.returncode, err


def next_build_is_new(project: Path, new: dict) -> None:
    """The next build removes what the stopped one left, and publishes the new build."""
    again = build_cli(project)
    assert again.returncode == 0, again.stderr
    assert published(project) == new
    assert not leftovers(project)


@pytest.mark.parametrize("delay", [0.5, 1.5, 2.5, 3.5])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_killed_build_leaves_all_old_or_all_new(project: Path, builds: tuple, delay: float, how: int) -> None:
    _, old, new = builds
    marker = f"prestatie-test-{os.getpid()}-{delay}-{how}"
    proc = subprocess.Popen([sys.executable, "-m", "prestatie", "build", "-f", FORMATEN, "-j", "2"], cwd=project,
                            env={**env(), "PRESTATIE_TEST_MARKER": marker}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    proc.send_signal(how)
    code, err = finish(proc, marker, how)
    state = which_build(project, old, new)
    if how != signal.SIGKILL:
        if code == -how:  # still starting, or already done: it ends as the signal says
            assert not err or err.splitlines()[-1].startswith("Klaar:"), err
        elif code != 0:  # (0: it ended before the signal came)
            assert code == 128 + how, (code, err)
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1, err
            if "tijdens het opstarten" in lines[0]:  # a busy machine: the signal came before the build began
                assert lines[0].startswith("prestatie onderbroken") and state == "oud", (state, err)
                next_build_is_new(project, new)
                return
            assert lines[0].startswith("Build onderbroken"), err
            said_new = "de nieuwe build was al volledig gepubliceerd" in lines[0]
            assert said_new == (state == "nieuw"), (state, err)
    next_build_is_new(project, new)


# A build run with one function wrapped so that the process stops itself at a chosen moment.
DRIVER = r"""
import os, runpy, sys
from prestatie.write import output, publicatie

moment, how = sys.argv[1], int(sys.argv[2])
sys.argv = ["prestatie", *sys.argv[3:]]
switched = []

def stop():
    os.kill(os.getpid(), how)

real_assemble, real_publiceer, real_opruimen, real_replace = (
    output._assemble, publicatie.Generaties.publiceer, publicatie.opruimen, os.replace)

def assemble(*args, **kwargs):  # the second agreement's folder: the first one is assembled
    if moment == "tijdens-samenstellen" and args[0].uit.name == "tweede-2023-2026":
        stop()
    return real_assemble(*args, **kwargs)

def publiceer(*args, **kwargs):  # every folder assembled, no generation made yet
    if moment == "na-samenstellen":
        stop()
    return real_publiceer(*args, **kwargs)

def replace(src, dst, *args, **kwargs):
    pointer = os.fspath(dst).endswith("/.prestatie/huidig")
    if pointer and moment == "voor-wissel":  # the generation and new links made, not switched
        stop()
    result = real_replace(src, dst, *args, **kwargs)
    if pointer:
        switched.append(dst)
        if moment == "na-wissel":
            stop()
    return result

def opruimen(*args, **kwargs):  # switched; the previous generation not yet removed
    if switched and moment == "tijdens-opruimen":
        stop()
    return real_opruimen(*args, **kwargs)

output._assemble, publicatie.Generaties.publiceer, publicatie.opruimen, os.replace = (
    assemble, publiceer, opruimen, replace)
runpy.run_module("prestatie", run_name="__main__")
"""

MOMENTS = {  # where the process stops → which build a reader finds afterwards
    "tijdens-samenstellen": ("oud", "oud"),
    "na-samenstellen": ("oud", "nieuw"),  # (SIGINT and SIGTERM wait while publishing)
    "voor-wissel": ("oud", "nieuw"),
    "na-wissel": ("nieuw", "nieuw"),
    "tijdens-opruimen": ("nieuw", "nieuw"),
}


def stopped_at(project: Path, moment: str, how: int, *extra: str) -> tuple[int, str]:
    marker = f"prestatie-test-{os.getpid()}-{moment}-{how}"
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, moment, str(int(how)), "build", "-f", FORMATEN, "-j", "2", *extra],
        cwd=project, env={**env(), "PRESTATIE_TEST_MARKER": marker}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    return finish(proc, marker, how)


@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_stopped_at_each_moment_of_publication(project: Path, builds: tuple, moment: str, how: int) -> None:
    _, old, new = builds
    code, err = stopped_at(project, moment, how)
    expected = MOMENTS[moment][0 if how == signal.SIGKILL else 1]
    assert which_build(project, old, new) == expected
    if how == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 128 + how, (code, err)
        toestand = "de nieuwe build was al volledig gepubliceerd" if expected == "nieuw" else "de vorige build is onaangetast"
        assert err.strip().splitlines() == [f"Build onderbroken{' met Ctrl-C' if how == signal.SIGINT else ' door signaal SIGTERM'}; {toestand}."]
    next_build_is_new(project, new)


def test_a_new_agreement_appears_only_with_its_build(project: Path, builds: tuple) -> None:
    _, old, new = builds
    shutil.copytree(project / "bron" / NAAM, project / "bron" / DERDE)
    stopped_at(project, "voor-wissel", signal.SIGKILL)
    assert which_build(project, old, new) == "oud"
    assert not (project / "build" / DERDE).exists()  # its link leads nowhere until the switch
    next_build_is_new(project, new)
    manifest = json.loads((project / "build" / DERDE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["overeenkomst"] == DERDE and "overeenkomst.docx" in manifest["bestanden"]


def _failing_after(n: int, real):
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("n", range(0, 40, 3))
def test_failing_writes_leave_old_or_new_and_say_which(project: Path, builds: tuple, monkeypatch: pytest.MonkeyPatch,
                                                       n: int) -> None:
    _, old, new = builds
    for name in ("replace", "rename", "link", "symlink", "open", "mkdir"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, _failing_after(n, real))
        before = which_build(project, old, new)
        try:
            pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
        except SchrijfFout as e:
            message = str(e)
            assert "No space" not in message and "de schijf is vol" in message, message
            if which_build(project, old, new) == before:
                assert "de vorige build is onaangetast" in message, message
            else:
                assert "onaangetast" not in message and "gepubliceerd" in message, message
        finally:
            monkeypatch.setattr(os, name, real)
        which_build(project, old, new)
    pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert published(project) == new
    assert not leftovers(project)


def test_a_build_that_changes_nothing_touches_nothing(project: Path, builds: tuple) -> None:
    _, old, _new = builds
    edit(project, "Prestatieafspraken Dorpje", "Prestatieafspraken Dorp")  # back to the built sources
    huis = project / "build" / ".prestatie"

    def state() -> dict[str, object]:
        return {str(p.relative_to(huis)): (os.readlink(p) if p.is_symlink() else p.stat().st_mtime_ns)
                for p in sorted(huis.rglob("*"))}

    before = state()
    resultaat = pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert not resultaat.geschreven and resultaat.ongewijzigd
    assert state() == before
    assert published(project) == old


def test_subset_build_carries_the_other_agreements(project: Path, builds: tuple) -> None:
    _, old, new = builds
    resultaat = pipeline.build(bron=Path("bron", NAAM), formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert resultaat.geschreven
    assert published(project) == {NAAM: new[NAAM], TWEEDE: old[TWEEDE]}
    assert not leftovers(project)


def test_an_agreement_gone_from_the_sources_stays_published(project: Path, builds: tuple) -> None:
    _, old, new = builds
    shutil.rmtree(project / "bron" / TWEEDE)
    pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert published(project) == {NAAM: new[NAAM], TWEEDE: old[TWEEDE]}
    assert not leftovers(project)


def test_files_the_user_puts_in_a_folder_survive_a_rebuild(project: Path, builds: tuple) -> None:
    _, _old, new = builds
    folder = project / "build" / NAAM
    (folder / "eigen-notities.txt").write_text("mijn notities", encoding="utf-8")
    (folder / "bijlagen").mkdir()
    (folder / "bijlagen" / "kaart.svg").write_text("<svg/>", encoding="utf-8")
    resultaat = pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert resultaat.geschreven
    assert (folder / "eigen-notities.txt").read_text(encoding="utf-8") == "mijn notities"
    assert (folder / "bijlagen" / "kaart.svg").read_text(encoding="utf-8") == "<svg/>"
    assert {k: v for k, v in contents(folder).items() if k in new[NAAM]} == new[NAAM]
    assert not leftovers(project)


def test_an_output_folder_of_the_older_layout_is_taken_over(project: Path, builds: tuple) -> None:
    """Real folders build/<agreement> (before generations) keep their files and become links."""
    _, old, new = builds
    build = project / "build"
    for agreement in (NAAM, TWEEDE):
        (build / agreement).unlink()
        shutil.copytree(build / ".prestatie" / "huidig" / agreement, build / agreement)
    shutil.rmtree(build / ".prestatie")
    (build / NAAM / "eigen-notities.txt").write_text("mijn notities", encoding="utf-8")
    (build / "verschil").mkdir()  # not an agreement's folder: left alone
    (build / "verschil" / "verschil.md").write_text("verschil", encoding="utf-8")
    edit(project, "Prestatieafspraken Dorpje", "Prestatieafspraken Dorp")  # back to the built sources
    resultaat = pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert not resultaat.geschreven
    for agreement in (NAAM, TWEEDE):
        assert (build / agreement).is_symlink()
        assert os.readlink(build / agreement) == f".prestatie/huidig/{agreement}"
    assert published(project)[TWEEDE] == old[TWEEDE]
    assert published(project)[NAAM] == {**old[NAAM], "eigen-notities.txt": b"mijn notities"}
    assert not (build / "verschil").is_symlink() and (build / "verschil" / "verschil.md").is_file()
    assert not leftovers(project)
    edit(project, "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    pipeline.build(formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert published(project)[TWEEDE] == new[TWEEDE]
    assert published(project)[NAAM] == {**new[NAAM], "eigen-notities.txt": b"mijn notities"}


def test_without_symbolic_links_each_folder_is_swapped_whole(project: Path, builds: tuple,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without symbolic links (a USB stick, some network shares): each agreement's
    folder is swapped on its own, still whole."""
    _, old, new = builds

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", no_links)
    uit = project / "stick"
    edit(project, "Prestatieafspraken Dorpje", "Prestatieafspraken Dorp")
    pipeline.build(uit=uit, formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert {a: contents(uit / a) for a in (NAAM, TWEEDE)} == old
    assert not (uit / NAAM).is_symlink()
    edit(project, "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    pipeline.build(uit=uit, formaten=tuple(FORMATEN.split(",")), jobs=1)
    assert {a: contents(uit / a) for a in (NAAM, TWEEDE)} == new
    assert sorted(p.name for p in uit.iterdir()) == [NAAM, TWEEDE]


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
    source.write_text(text.replace("Prestatieafspraken Dorpje", "Prestatieafspraken Darpje"), encoding="utf-8")
    pipeline.build(formaten=("md",), jobs=1)
    assert b"Darp" in (project / "build" / NAAM / "overeenkomst.md").read_bytes()
    source.write_text(text, encoding="utf-8")
    resultaat = pipeline.build(formaten=("md",), jobs=1)
    assert (project / "build" / NAAM / "overeenkomst.md").read_bytes() == first
    assert resultaat.geschreven


def test_stale_staging_and_generations_are_removed(project: Path) -> None:
    build = project / "build"
    stale = build / ".prestatie-oud123"
    (stale / NAAM).mkdir(parents=True)
    (stale / NAAM / "overeenkomst.md").write_text("half", encoding="utf-8")
    huis = build / ".prestatie"
    (huis / "generaties" / "99").mkdir()
    os.symlink("../../mappen/klein-2023-2026.99", huis / "generaties" / "99" / NAAM)
    (huis / "mappen" / f"{NAAM}.99").mkdir()
    (huis / "mappen" / f"{NAAM}.99" / "overeenkomst.md").write_text("half", encoding="utf-8")
    os.symlink("generaties/99", huis / "huidig.99")  # a pointer made, never switched
    os.symlink(f".prestatie/huidig/{DERDE}", build / DERDE)  # a new agreement's link, never switched
    pipeline.build(formaten=("md",), jobs=1)
    assert not stale.exists()
    assert not os.path.lexists(build / DERDE)
    assert not leftovers(project)


def test_manifest_matches_the_files_in_every_folder(project: Path) -> None:
    pipeline.build(formaten=("md", "html"), jobs=1)
    for agreement in (NAAM, TWEEDE):
        out = project / "build" / agreement
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for name, entry in manifest["bestanden"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
