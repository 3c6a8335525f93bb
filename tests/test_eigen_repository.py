"""prestatie in its users' own repository: a new git repository holding only an agreement
folder, prestatie installed from a wheel as the README says, the README's CI snippets run as
written, and build/ zipped with `zip -r` and with shutil.make_archive and unpacked with Python's
zipfile: every document comes back exactly once, as a plain file, with nothing hidden beside it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "klein" / "bron"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def github_commands() -> list[str]:
    """The shell commands of the README's GitHub Actions workflow, in order."""
    [flow] = [b for b in _blocks("yaml") if "actions/checkout" in b]
    return [m.group(1) for m in re.finditer(r"^\s+(?:- )?run: (.+)$", flow, re.M)]


def gitlab_commands() -> list[str]:
    """The script lines of the README's GitLab CI job."""
    [job] = [b for b in _blocks("yaml") if "codequality" in b]
    script = job.split("script:\n", 1)[1].split("\n  artifacts:", 1)[0]
    return [line.strip()[2:] for line in script.splitlines() if line.strip().startswith("- ")]


def test_ci_snippets_install_prestatie_from_an_address_never_from_the_working_folder() -> None:
    for commands in (github_commands(), gitlab_commands()):
        installs = [c for c in commands if c.startswith("pip install")]
        assert installs == ['pip install "$PRESTATIE"'], commands
    for block in _blocks("yaml"):
        if "$PRESTATIE" in block:
            assert re.search(r'PRESTATIE: "prestatie @ git\+https://', block), block


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A wheel of this project and a fresh virtual environment that sees the dependencies
    already installed here (no network), but not prestatie itself."""
    base = tmp_path_factory.mktemp("eigen")
    wheels = base / "wheels"
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(result.stderr[-500:])
        pytest.skip(f"pip wheel failed: {result.stderr[-300:]}")
    [whl] = wheels.glob("prestatie-*.whl")
    env_dir = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    site = next((env_dir / "lib").glob("python*/site-packages"))
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "afhankelijkheden.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return whl, env_dir


def _repository(tmp_path: Path) -> Path:
    """A new git repository holding only an agreement folder."""
    repo = tmp_path / "afspraken"
    shutil.copytree(FIXTURE, repo / "bron")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Gemeente", "GIT_AUTHOR_EMAIL": "g@example.nl",
           "GIT_COMMITTER_NAME": "Gemeente", "GIT_COMMITTER_EMAIL": "g@example.nl"}
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "afspraken"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True)
    return repo


def _run(commands: list[str], repo: Path, whl: Path, env_dir: Path) -> None:
    """Each command as a CI runner does it: in a shell, in the repository, stop at a failure."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}", PRESTATIE=str(whl), PIP_NO_INDEX="1",
               GITHUB_OUTPUT=str(repo.parent / "github-output"), SOURCE_DATE_EPOCH="1700000000")
    for command in commands:
        result = subprocess.run(["sh", "-ec", command], cwd=repo, env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_the_ci_snippet_runs_green_in_a_repository_of_only_agreements(venv: tuple[Path, Path], tmp_path: Path,
                                                                    ci: str) -> None:
    whl, env_dir = venv
    repo = _repository(tmp_path)
    _run(github_commands() if ci == "github" else gitlab_commands(), repo, whl, env_dir)
    prestatie = next((env_dir / "lib").glob("python*/site-packages/prestatie"))
    assert prestatie.is_dir()  # installed from the wheel, not taken from this checkout
    assert (repo / "build" / "klein-2023-2026" / "overeenkomst.docx").is_file()
    if ci == "github":
        assert (repo.parent / "github-output").read_text(encoding="utf-8").startswith("naam=documenten-")
    else:
        assert (repo / "gl-code-quality-report.json").read_text(encoding="utf-8").strip() == "[]"


def _members(archive: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(archive) as z:
        return z.infolist()


def test_a_zipped_build_unpacks_every_document_once_as_a_plain_file(venv: tuple[Path, Path], tmp_path: Path) -> None:
    whl, env_dir = venv
    repo = _repository(tmp_path)
    _run(['pip install "$PRESTATIE"', "prestatie build"], repo, whl, env_dir)
    folder = repo / "build" / "klein-2023-2026"
    manifest = __import__("json").loads((folder / "manifest.json").read_text(encoding="utf-8"))
    expected = sorted(f"build/klein-2023-2026/{name}" for name in [*manifest["bestanden"], "manifest.json"])
    assert {"overeenkomst.docx", "overeenkomst.pdf", "afspraken.csv", "termijnen.ics"} <= set(manifest["bestanden"])

    subprocess.run(["zip", "-qr", str(tmp_path / "zip-r.zip"), "build"], cwd=repo, check=True)
    shutil.make_archive(str(tmp_path / "make-archive"), "zip", root_dir=repo, base_dir="build")
    for archive in (tmp_path / "zip-r.zip", tmp_path / "make-archive.zip"):
        members = _members(archive)
        files = [m.filename for m in members if not m.is_dir()]
        assert sorted(files) == expected, archive.name  # each document once, nothing hidden
        assert not any((m.external_attr >> 16) & 0o170000 == 0o120000 for m in members)  # no links
        out = tmp_path / f"uit-{archive.stem}"
        with zipfile.ZipFile(archive) as z:
            z.extractall(out)
        for name in expected:
            unpacked = out / name
            assert unpacked.is_file() and not unpacked.is_symlink()
            assert unpacked.read_bytes() == (repo / name).read_bytes()
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == expected
