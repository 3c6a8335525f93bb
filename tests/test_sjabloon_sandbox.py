"""A user's template can read the agreement and use prestatie's filters, and nothing else:
no Python internals, no files, no processes, no changed data, during check as during build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import werkmap
from prestatie import pipeline
from prestatie.core.errors import BronFout, SjabloonFout

FIXTURE = Path(__file__).parent / "fixtures" / "persbericht"
MAP = "dorp-stad-2023-2026"

# Each payload tries to run a command that creates the file MARKER (or to change the data).
PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ joiner.__init__.__globals__['os'].popen('touch MARKER').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ namespace.__init__.__globals__.sys.modules.os.system('touch MARKER') }}",
    "{{ overeenkomst.__class__.__init__.__globals__ }}",
    "{{ overeenkomst.model_construct() }}",
    "{{ overeenkomst.partijen.append(1) }}",
    "{{ partijen.clear() }}",
    "{{ lipsum() }}",
    "{{ range.__self__.open('MARKER', 'w') }}",
    "{% for k in overeenkomst.__dict__ %}{{ k }}{% endfor %}",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_cannot_reach_python(project: Path, payload: str) -> None:
    marker = project / "MARKER"
    sjablonen = project / "sjablonen"
    sjablonen.mkdir()
    for naam in ("persbericht.md.j2", "overeenkomst.md.j2"):
        (sjablonen / naam).write_text(
            f'{{% extends "standaard/{naam}" %}}{{% block kop %}}{payload}{{% endblock %}}'
            if naam == "persbericht.md.j2"
            else f"# Titel\n\n{payload}\n",
            encoding="utf-8",
        )
    rapport = pipeline.check(project / "bron")  # check renders every document: no side effects
    assert not marker.exists()
    # A template that fails on the data is a check error at the document's YAML object.
    with pytest.raises((SjabloonFout, BronFout)) as e:
        pipeline.build(project / "bron", formaten=("md",), jobs=1)
    assert not marker.exists()
    fout = e.value
    message = " ".join(str(b) for b in fout.rapport.fouten) if isinstance(fout, BronFout) else str(fout)
    # check refuses what build refuses
    assert rapport.fouten and any(b.bericht in message for b in rapport.fouten), (message, rapport.fouten)
    assert "overeenkomst.md.j2" in message or "persbericht.md.j2" in message, message
    assert "Traceback" not in message and "unsafe" not in message and "undefined" not in message, message
    assert not (project / "build" / MAP / "overeenkomst.md").exists()
    for b in rapport.bevindingen:
        assert "unsafe" not in b.bericht


def test_reading_the_agreement_still_works(project: Path) -> None:
    sjablonen = project / "sjablonen"
    sjablonen.mkdir()
    (sjablonen / "overeenkomst.md.j2").write_text(
        "# {{ overeenkomst.titel }}\n\n{% for p in overeenkomst.partijen %}- {{ p.naam | upper }}\n{% endfor %}\n"
        "{% set ns = namespace(n=0) %}{% for a in overeenkomst.afspraken %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "Aantal: {{ ns.n }}; {{ overeenkomst.afspraken | map(attribute='id') | join(', ') }}\n",
        encoding="utf-8",
    )
    pipeline.build(project / "bron", formaten=("md",), jobs=1)
    text = (project / "build" / MAP / "overeenkomst.md").read_text(encoding="utf-8")
    assert "- GEMEENTE DORP" in text
    assert "Aantal: " in text
