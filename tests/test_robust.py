"""No traceback for bad input: mutated YAML always gives findings with file and line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prestatie import pipeline
from prestatie.core.errors import GebruiksFout

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
SOURCE = (FIXTURE / "bron/klein-2023-2026/overeenkomst.yaml").read_text(encoding="utf-8")
LINES = SOURCE.splitlines(keepends=True)

pieces = st.sampled_from(
    [":", "-", " ", "  ", "\n", "'", '"', "[", "]", "{", "}", "&a", "*a", "!!str", "!x", "#", "---",
     "no", "1.10", "1.000", "2023-02-30", "\t", "\x07", "\u202e", "\u200b", "<b>", "é", "\ufeff",
     "id: a01", "trekker: x", "status: ja", "termijn: 9999", "~", "null", "|", ">", "%YAML 1.1", "@"]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "text"]))
        line = lines[i]
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "text":
            lines.insert(i, draw(st.text(max_size=30)) + "\n")
        else:
            pos = draw(st.integers(0, len(line)))
            piece = draw(pieces)
            end = pos if action == "insert" else min(len(line), pos + draw(st.integers(0, 5)))
            lines[i] = line[:pos] + piece + line[end:]
        if not lines:
            break
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_yaml_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(FIXTURE, root)
        (root / "bron/klein-2023-2026/overeenkomst.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            rapport = pipeline.check(root / "bron")
        except GebruiksFout:
            return
        for b in rapport.bevindingen:
            assert b.plaats.bestand, b
            assert b.bericht and not b.bericht.startswith("Traceback"), b
            if b.is_fout and b.plaats.bestand.endswith("overeenkomst.yaml") and "te groot" not in b.bericht:
                assert b.plaats.regel >= 1, b
