"""A YAML file is read from the parser's events in one pass, and only what that pass does not
settle (anchors, aliases, tags, syntax errors, a second document, deep nesting) is read the
full way through composed nodes. Whichever way a file goes, the writer gets the same data, the
same places and the same messages, in the same order."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prestatie.core.errors import Rapport
from prestatie.load.omzetten import MAX_DIEPTE, MAX_TEKST, Omweg
from prestatie.load.yaml import read_yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "bron").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))


def _read(path: Path, full: bool) -> tuple[list[str], Any]:
    """Findings as the writer reads them, and the data with every place (None: nothing usable)."""
    rapport = Rapport()
    if full:
        with patch("prestatie.load.yaml.convert_events", side_effect=Omweg):
            doc = read_yaml(path, rapport, "f.yaml")
    else:
        doc = read_yaml(path, rapport, "f.yaml")
    findings = [f"{b.plaats}: {b.ernst}: {b.bericht}" for b in rapport.bevindingen]
    if doc is None:
        return findings, None
    places = [(pad, str(p)) for pad, p in doc.plaatsen.items()]
    keys = [(pad, str(p)) for pad, p in doc.sleutels.items()]
    return findings, (doc.data, places, keys, doc.tekst)


def _both(folder: Path, text: str) -> tuple[tuple[list[str], Any], tuple[list[str], Any]]:
    path = folder / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return _read(path, full=False), _read(path, full=True)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_source_reads_the_same_both_ways_in_one_pass(path: Path) -> None:
    with patch("prestatie.load.yaml.yaml.compose_all", wraps=yaml.compose_all) as composed:
        usual = _read(path, full=False)
    assert not composed.called, "a clean source needs no composed nodes"
    assert usual == _read(path, full=True)
    assert usual[0] == [] and usual[1] is not None


LANG = "x" * (MAX_TEKST + 5)
DIEP = "[" * (MAX_DIEPTE + 1) + "]" * (MAX_DIEPTE + 1)

CASES = [  # text, the first finding (None: none), whether the data is usable
    ("a: 1\nb: 2\na: [3, {c: 4}]\nd: 5\n",
     "f.yaml:3:1: fout: sleutel 'a' staat er twee keer (ook op regel 1); verwijder of hernoem een van beide", True),
    ("a: 1\n<<: {b: 2}\nc: 3\n", "f.yaml:2:1: fout: samenvoegen met << is niet toegestaan; schrijf de velden voluit", False),
    ("a: 1\n'<<': x\n", "f.yaml:2:1: fout: samenvoegen met << is niet toegestaan; schrijf de velden voluit", False),
    (f"a: {LANG}\nb: 2\n", f"f.yaml:1:4: fout: deze tekst is {len(LANG):,} tekens lang".replace(",", "."), True),
    ('a: "x\\u202ey\\az"\n', "f.yaml:1:6: fout: de tekst bevat een teken dat de leesrichting omdraait (U+202E) "
     "(geschreven als escape-reeks met \\)", True),
    ("a: '<<'\nb: '='\nc: ~\nd:\ne: null\n", None, True),
    ("a: =\n", "f.yaml:1:4: fout: YAML-tag 'tag:yaml.org,2002:value' is niet toegestaan; laat de tag weg", False),
    ("a: [x, <<]\n", "f.yaml:1:8: fout: YAML-tag 'tag:yaml.org,2002:merge' is niet toegestaan; laat de tag weg", False),
    ("a: &k x\nb: *k\n", "f.yaml:1:4: fout: ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan", False),
    ("a: 1\na: &k [1]\nb: *k\n", "f.yaml:2:4: fout: ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan", False),
    ("a: !!python/object:os.system x\n", "f.yaml:1:4: fout: YAML-tag 'tag:yaml.org,2002:python/object:os.system' "
     "is niet toegestaan", False),
    ("a: !!str x\n", None, True),
    (f"a: {DIEP}\n", f"f.yaml:1:{MAX_DIEPTE + 4}: fout: de gegevens zijn hier te diep genest", True),
    ("a: 1\n---\nb: 2\n", "f.yaml:3:1: fout: het bestand bevat meer dan één YAML-document", False),
    ("[a, b]: c\nd: e\n", "f.yaml:1:1: fout: een sleutel moet een woord zijn, geen lijst of blok", True),
    ("a: 1\n b: 2\n", "f.yaml:2:3: fout: onverwachte dubbele punt", False),
    ("a: 'open\nb: 2\n", "f.yaml:1:4: fout: dit aanhalingsteken wordt niet gesloten", False),
]


@pytest.mark.parametrize(("text", "first", "usable"), CASES)
def test_a_hostile_file_gets_the_same_messages_either_way(tmp_path: Path, text: str, first: str | None,
                                                          usable: bool) -> None:
    usual, full = _both(tmp_path, text)
    assert usual == full
    findings, data = usual
    if first is None:
        assert findings == []
    else:
        assert findings and findings[0].startswith(first), findings
    assert (data is not None) == usable


def test_a_duplicate_key_keeps_the_first_value_and_every_place(tmp_path: Path) -> None:
    (findings, (data, places, keys, _)), _ = _both(tmp_path, "a: 1\nb:\n  - c\n  - {d: e}\na: [x]\nf: 'g'\n")
    assert data == {"a": "1", "b": ["c", {"d": "e"}], "f": "g"}
    assert places == [((), "f.yaml:1:1"), (("a",), "f.yaml:1:4"), (("b",), "f.yaml:3:3"),
                      (("b", 0), "f.yaml:3:5"), (("b", 1), "f.yaml:4:5"), (("b", 1, "d"), "f.yaml:4:9"),
                      (("f",), "f.yaml:6:4")]
    assert keys == [(("a",), "f.yaml:1:1"), (("b",), "f.yaml:2:1"), (("b", 1, "d"), "f.yaml:4:6"),
                    (("f",), "f.yaml:6:1")]
    assert findings == ["f.yaml:5:1: fout: sleutel 'a' staat er twee keer (ook op regel 1); "
                        "verwijder of hernoem een van beide"]


TOKENS = ["a", "b", "=", "<<", "~", ": ", ":", "\n", "  ", "- ", "? ", "[", "]", "{", "}", ", ", "&x ", "*x",
          "!!str ", "!t ", "'", '"', "\\a", "\\x07", "\\u202e", "---\n", "...\n", "# c", "|\n  ", ">\n  ", "\t"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30).map("".join))
@example("a: 1\na: &x [b]\nc: *x\n")
@example("a: [=]\n")
def test_any_text_reads_the_same_either_way(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        usual, full = _both(Path(folder), text)
    assert usual == full
