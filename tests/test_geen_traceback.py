"""No traceback for any input: hostile sources, names and house-style files give one Dutch
error with file and line, in check and in build."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prestatie.core.errors import display_path, os_melding

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
ROOT = Path(__file__).resolve().parent.parent


def run(cwd: Path, *args: str, env: dict[str, str] | None = None, limit_as: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if limit_as:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit_as, limit_as))

    return subprocess.run(
        [sys.executable, "-m", "prestatie", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", **(env or {})},
        preexec_fn=limit,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def yaml_path(project: Path) -> Path:
    return project / "bron" / NAAM / "overeenkomst.yaml"


def assert_clean(proc: subprocess.CompletedProcess, code: int = 1) -> None:
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stderr)


@pytest.mark.parametrize("depth", [60, 491, 700, 999, 1500])
def test_deep_nesting(project: Path, depth: int) -> None:
    path = yaml_path(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines) + "\nextra: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    for cmd in ("check", "build"):
        proc = run(project, cmd)
        assert_clean(proc)
        assert f"overeenkomst.yaml:{len(lines) + 1}:" in proc.stderr, proc.stderr


@pytest.mark.parametrize("escape,char", [("\\x07", "\x07"), ("\\u202e", "\u202e"), ("\\a", "\x07"),
                                         ("\\e", "\x1b"), ("\\x85", "\x85"), ("\\u200b", "\u200b"),
                                         ("\\U0000FEFF", "\ufeff"), ("\\x0c", "\x0c")])
def test_escaped_control_character_is_the_typed_error_at_its_line(project: Path, escape: str, char: str) -> None:
    path = yaml_path(project)
    text = path.read_text(encoding="utf-8")
    old = "tekst: De gemeente wijst een locatie aan voor 40 sociale huurwoningen."
    line = text[: text.index(old)].count("\n") + 1
    typed = text.replace(old, f'tekst: "De gemeente{char} wijst"')
    escaped = text.replace(old, f'tekst: "De gemeente{escape} wijst"')
    col = len("    tekst: \"De gemeente") + 1
    path.write_text(typed, encoding="utf-8", newline="")
    typed_proc = run(project, "check")
    path.write_text(escaped, encoding="utf-8")
    for cmd in ("check", "build"):
        proc = run(project, cmd)
        assert_clean(proc)
        assert f"overeenkomst.yaml:{line}:{col}: fout: de tekst bevat" in proc.stderr, proc.stderr
        assert f"(U+{ord(char):04X})" in proc.stderr
    first = lambda out: out.split(": fout: ")[1].split(";")[0].replace(" (geschreven als escape-reeks met \\)", "")
    if char not in "\x85":  # a typed NEL is a YAML line break, so it cannot be compared
        assert first(typed_proc.stderr) == first(proc.stderr)


def test_huge_yaml_is_refused_without_reading_it(project: Path) -> None:
    path = yaml_path(project)
    with open(path, "ab") as f:
        f.truncate(3 * 1024**3)  # a sparse 3 GB file: reading it whole needs 3 GB of memory
    proc = run(project, "check", limit_as=1024**3)
    assert_clean(proc)
    assert "overeenkomst.yaml: fout: bestand is te groot (meer dan 2048 kB)" in proc.stderr, proc.stderr


def test_folder_name_that_is_not_utf8(project: Path) -> None:
    os.rename(os.fsencode(project / "bron" / NAAM), os.fsencode(project / "bron") + b"/caf\xe9-2023")
    proc = run(project, "build", "-f", "md,html")
    assert_clean(proc, 0)
    assert (project / "build" / "caf-xe9-2023" / "overeenkomst.html").is_file()
    yaml_file = project.joinpath(os.fsdecode(b"bron/caf\xe9-2023/overeenkomst.yaml"))
    yaml_file.write_text("titel: [\n", encoding="utf-8")
    proc = run(project, "check")
    assert_clean(proc)
    assert "bron/caf\\xe9-2023/overeenkomst.yaml:" in proc.stderr


def test_newline_in_folder_name_cannot_forge_an_annotation(project: Path) -> None:
    evil = "a\n::error file=x.yaml,line=1::vals alarm"
    os.rename(project / "bron" / NAAM, project / "bron" / evil)
    yaml_path_ = project / "bron" / evil / "overeenkomst.yaml"
    yaml_path_.write_text(yaml_path_.read_text(encoding="utf-8").replace("status: concept", "status: klaar"), encoding="utf-8")
    proc = run(project, "check", env={"GITHUB_ACTIONS": "true"})
    assert_clean(proc)
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1, proc.stdout
    assert annotations[0].startswith("::error file=bron/a\\n%3A%3Aerror file=x.yaml%2Cline=1%3A%3Avals alarm/overeenkomst.yaml,line=")
    assert "vals alarm" not in "".join(l for l in proc.stderr.splitlines() if l.startswith("::"))


def test_latin1_stylesheet(project: Path) -> None:
    (project / "sjablonen").mkdir()
    (project / "sjablonen" / "stijl.css").write_bytes(b"body {\n  font-family: \"Caf\xe9\";\n}\n")
    proc = run(project, "build", "-f", "html")
    assert_clean(proc)
    assert "sjablonen/stijl.css:2:20: bestand is geen UTF-8" in proc.stderr, proc.stderr


def test_latin1_template(project: Path) -> None:
    (project / "sjablonen").mkdir()
    (project / "sjablonen" / "overeenkomst.md.j2").write_bytes(b"# Titel\n\nCaf\xe9\n")
    proc = run(project, "build", "-f", "md")
    assert_clean(proc)
    assert "overeenkomst.md.j2" in proc.stderr and "UTF-8" in proc.stderr, proc.stderr


def test_output_folder_that_is_a_file(project: Path) -> None:
    (project / "build").write_text("geen map", encoding="utf-8")
    proc = run(project, "build", "-f", "md")
    assert_clean(proc)
    assert "een deel van het pad is geen map" in proc.stderr or "het bestand bestaat al" in proc.stderr, proc.stderr
    assert "Not a directory" not in proc.stderr and "File exists" not in proc.stderr


@pytest.mark.parametrize("code,words", [
    (errno.ENOSPC, "de schijf is vol"),
    (errno.EACCES, "geen toestemming"),
    (errno.ENOENT, "bestaat niet"),
    (errno.EROFS, "alleen-lezen"),
    (errno.EDQUOT, "quotum"),
    (errno.ENAMETOOLONG, "te lang"),
    (errno.EPROTO, "fout van het besturingssysteem (EPROTO)"),
])
def test_os_errors_in_dutch(code: int, words: str) -> None:
    name = "/tmp/x\ny"
    message = os_melding(OSError(code, os.strerror(code), name))
    assert words in message and os.strerror(code) not in message
    assert message.endswith("'" + display_path(name) + "'") and "\n" not in message


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("signum,code", [(2, 130), (15, 143)])
def test_interrupt_is_one_dutch_line(project: Path, monkeypatch: pytest.MonkeyPatch, command: str,
                                     signum: int, code: int) -> None:
    from click.testing import CliRunner

    from prestatie import pipeline
    from prestatie.cli import main
    from prestatie.core.errors import Onderbroken

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt if signum == 2 else Onderbroken(signum)

    monkeypatch.setattr(pipeline, command, stop)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, [command])
    assert result.exit_code == code
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "onderbroken" in lines[0], result.output
    assert ("de vorige build is onaangetast" in lines[0]) == (command == "build"), lines


# Sends the signal to the process itself at the moment a module is first imported, so the
# test hits the start-up at a known point instead of guessing a delay.
_OPSTART = """
import importlib.abc, os, sys
class Stop(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == {module!r}:
            os.kill(os.getpid(), {signum})
        return None
sys.meta_path.insert(0, Stop())
sys.argv = ["prestatie", "build"]
{start}
"""


@pytest.mark.parametrize("start", ["import runpy; runpy.run_module('prestatie', run_name='__main__')",
                                   "from prestatie.__main__ import start; start()"], ids=["python-m", "prestatie"])
@pytest.mark.parametrize("module", ["click", "markdown", "prestatie.pipeline", "jinja2"])
@pytest.mark.parametrize("signum,code", [(2, 130), (15, 143)])
def test_interrupt_while_starting_is_one_dutch_line(project: Path, start: str, module: str, signum: int,
                                                    code: int) -> None:
    """Ctrl-C or SIGTERM while the command line is still loading (at python -m prestatie and
    at the installed command): one Dutch line, exit 130 or 143, nothing written."""
    program = _OPSTART.format(module=module, signum=signum, start=start)
    proc = subprocess.run([sys.executable, "-c", program], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.returncode == code, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    hoe = "met Ctrl-C" if signum == 2 else "door signaal SIGTERM"
    assert lines == [f"prestatie onderbroken {hoe} tijdens het opstarten; er is niets gedaan."], proc.stderr
    assert not (project / "build").exists()


def test_interrupt_outside_a_commands_own_handling_is_one_dutch_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C or SIGTERM in a command that has no words of its own for it (here: schema)
    ends with one Dutch line and 130 or 143, not click's 'Aborted!' and 1."""
    from click.testing import CliRunner

    from prestatie import cli, clischema
    from prestatie.core.errors import Onderbroken

    for exc, code, hoe in ((KeyboardInterrupt(), 130, "met Ctrl-C"), (Onderbroken(15), 143, "door signaal SIGTERM")):
        def stop(exc: BaseException = exc) -> None:
            raise exc

        monkeypatch.setattr(clischema, "schemas", stop)
        result = CliRunner().invoke(cli.main, ["schema"])
        assert result.exit_code == code, result.output
        assert [ln for ln in result.output.splitlines() if ln.strip()] == [f"prestatie onderbroken {hoe}."]


# Signals the build itself once the first document comes back from a worker: the pool is
# running, the other documents are still being made.
_TIJDENS_MAKEN = """
import os, sys
import prestatie.pipeline.werkers as w
first = w._collect
def collect(*args):
    os.kill(os.getpid(), {signum})
    return first(*args)
w._collect = collect
sys.argv = ["prestatie", "build", "-j", "2"]
from prestatie.__main__ import start
start()
"""


@pytest.mark.parametrize("signum,code", [(2, 130), (15, 143)])
def test_interrupt_while_workers_render_ends_the_process(project: Path, signum: int, code: int) -> None:
    """The installed command, stopped while its workers render: one Dutch line, the signal's
    exit code, the process gone (it does not wait on the stopped pool), nothing published."""
    proc = subprocess.run([sys.executable, "-c", _TIJDENS_MAKEN.format(signum=signum)], cwd=project,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"})
    assert proc.returncode == code, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Build onderbroken"), proc.stderr
    assert "de vorige build is onaangetast" in lines[0]
    assert not any((project / "build").glob("*/overeenkomst.md"))
