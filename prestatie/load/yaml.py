"""YAML files → plain data, every value knowing its file, line and column.

YAML is composed (never constructed) with libyaml when present, and every scalar is handed
to the model as the text the writer typed: YAML 1.1's guesses (``no`` → false, ``1.10`` →
1.1, ``1.000`` → 1.0) never change what a writer meant. Anchors, aliases, tags, duplicate
keys, several documents, bad encodings and invisible characters are refused at their line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..core.errors import Plaats, Rapport, display_path, os_melding

try:  # libyaml is many times faster; the pure-Python loader is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
"""A source file larger than this is refused (an agreement is a few hundred kB at most);
never more than this is read."""

MAX_TEKST = 10_000
"""A value longer than this many characters is refused: text fields hold a few paragraphs.
Escaped marks parse in linear time; emphasis and code written on purpose in a Markdown field
are still parsed one match at a time (see benchmarks/README.md, 'Vijandige tekst')."""

MAX_DIEPTE = 40
"""Deeper nesting than this is refused (an agreement is about six levels deep)."""

Pad = tuple[str | int, ...]

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters (Word cannot store them)
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"  # bidirectional overrides and marks
    "\u200b-\u200d\u2060\ufeff\u00ad\u180e]"  # zero-width and invisible characters
)
_CHAR_NAMES = {
    **{chr(c): "een stuurteken" for c in list(range(0x20)) + list(range(0x7F, 0xA0))},
    **{chr(c): "een teken dat de leesrichting omdraait" for c in range(0x202A, 0x202F)},
    **{chr(c): "een teken dat de leesrichting omdraait" for c in range(0x2066, 0x206A)},
    "\u200e": "een onzichtbaar richtingsteken",
    "\u200f": "een onzichtbaar richtingsteken",
    "\u061c": "een onzichtbaar richtingsteken",
    "\u200b": "een onzichtbare spatie (zero-width space)",
    "\u200c": "een onzichtbaar teken (zero-width non-joiner)",
    "\u200d": "een onzichtbaar teken (zero-width joiner)",
    "\u2060": "een onzichtbaar teken (word joiner)",
    "\ufeff": "een onzichtbaar teken (BOM)",
    "\u00ad": "een onzichtbaar afbreekstreepje",
    "\u180e": "een onzichtbaar teken",
}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULLS = {"", "~", "null", "Null", "NULL"}


class YamlDocument:
    """One parsed YAML file: plain Python data plus the place of every value and key."""

    def __init__(self, bestand: str):
        self.bestand = bestand
        self.data: Any = None
        self.plaatsen: dict[Pad, Plaats] = {}
        self.sleutels: dict[Pad, Plaats] = {}
        self.tekst = ""

    def plaats(self, pad: Iterable[str | int], sleutel: bool = False) -> Plaats:
        """The place of a value (or its key), falling back to the nearest enclosing value."""
        p = tuple(pad)
        if sleutel and p in self.sleutels:
            return self.sleutels[p]
        while p:
            if p in self.plaatsen:
                return self.plaatsen[p]
            p = p[:-1]
        return self.plaatsen.get((), Plaats(self.bestand, 1, 1))


def plaats_in_waarde(plaats: Plaats, waarde: str, begin: int, eind: int) -> Plaats:
    """Where ``waarde[begin:eind]`` stands in the file, for a value that starts at ``plaats``:
    the line in a block (``|`` or ``>``) or plain text; ``plaats`` itself when it cannot be found
    (an escaped or quoted string, or a file changed since)."""
    needle = waarde[begin:eind]
    nth = waarde.count(needle, 0, begin)
    try:
        lines = Path(plaats.bestand).read_text(encoding="utf-8").splitlines()[plaats.regel - 1:]
    except (OSError, UnicodeDecodeError):
        return plaats
    for n, line in enumerate(lines):
        col = plaats.kolom - 1 if n == 0 else 0
        while needle and (col := line.find(needle, col)) >= 0:
            if nth == 0:
                return Plaats(plaats.bestand, plaats.regel + n, col + 1)
            nth, col = nth - 1, col + len(needle)
    return plaats


def _mark(bestand: str, mark: Any) -> Plaats:
    return Plaats(bestand, mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def read_yaml(path: Path, rapport: Rapport, naam: str | None = None) -> YamlDocument | None:
    """Read one YAML file; problems go to ``rapport``; None when nothing usable was read."""
    bestand = naam or display_path(path)
    doc = YamlDocument(bestand)
    try:
        with open(path, "rb") as f:  # never more than the limit is read, however large the file
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        rapport.fout(Plaats(bestand), f"kan het bestand niet lezen: {os_melding(e)}")
        return None
    if len(raw) > MAX_BYTES:
        rapport.fout(
            Plaats(bestand),
            f"bestand is te groot (meer dan {MAX_BYTES // 1024} kB); "
            "splits het op of verwijder wat er niet in hoort",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col(raw[: e.start].decode("utf-8", "replace"), e.start)
        rapport.fout(
            Plaats(bestand, line, col),
            "bestand is geen UTF-8; sla het op als UTF-8 (in de meeste editors: "
            "Opslaan als… > Codering: UTF-8)",
        )
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        rapport.fout(Plaats(bestand, 1, 1), "bestand is leeg; vul het in of verwijder het")
        return None
    bad = False
    for m in _FORBIDDEN.finditer(text):
        line, col = _line_col(text, m.start())
        _forbidden_char(rapport, Plaats(bestand, line, col), m.group(0))
        bad = True
    if bad:
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if "quoted scalar" in (e.context or "") and e.context_mark:  # where the quote opens, not the file's end
            mark = e.context_mark
        plaats = _mark(bestand, mark) if mark else Plaats(bestand)
        regels = text.splitlines()
        regel = regels[mark.line] if mark and mark.line < len(regels) else ""
        tab = "\t" in regel[: len(regel) - len(regel.lstrip())] or "\t" in regel[mark.column: mark.column + 1] if mark else False
        open_quote = _open_quote(regels, mark.line) if mark and not tab else None
        if open_quote is not None:  # a quote left open is closed by one further on: point at where it opens
            rapport.fout(Plaats(bestand, open_quote[0] + 1, open_quote[1] + 1), _NIET_GESLOTEN)
            return None
        rapport.fout(plaats, _yaml_message(e, tab))
        return None
    except yaml.YAMLError as e:  # pragma: no cover - reader errors without a mark
        rapport.fout(Plaats(bestand), f"geen geldige YAML ({e})")
        return None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        rapport.fout(Plaats(bestand, 1, 1), "bestand is leeg; vul het in of verwijder het")
        return None
    if len(nodes) > 1:
        rapport.fout(
            _mark(bestand, nodes[1].start_mark),
            "het bestand bevat meer dan één YAML-document (een regel met ---); "
            "zet elk document in een eigen bestand",
        )
        return None
    doc.tekst = text
    fatal = 0
    if "&" in text or "*" in text:
        fatal += not _check_anchors(text, bestand, rapport)
    before = len(rapport.bevindingen)
    doc.data = _convert(nodes[0], (), doc, rapport, set())
    # Duplicate keys keep the first value, so the model can still report everything else;
    # tags and aliases make the data meaningless.
    fatal += any("niet toegestaan" in b.bericht for b in rapport.bevindingen[before:])
    return None if fatal else doc


def _forbidden_char(rapport: Rapport, plaats: Plaats, char: str, escaped: bool = False) -> None:
    what = _CHAR_NAMES.get(char, "een onzichtbaar teken")
    how = " (geschreven als escape-reeks met \\)" if escaped else ""
    rapport.fout(
        plaats,
        f"de tekst bevat {what} (U+{ord(char):04X}){how}; verwijder het — "
        "het is onzichtbaar of kan niet in Word worden opgeslagen",
    )


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)


def _escaped_chars(node: yaml.ScalarNode, doc: "YamlDocument", rapport: Rapport) -> None:
    """A double-quoted string whose escapes (\\x07, \\u202e, \\a) make a forbidden character:
    the same error as a typed one, at the escape's own line and column."""
    start, end = node.start_mark.index, node.end_mark.index
    for m in _ESCAPE.finditer(doc.tekst, start, end):
        code = m.group(1)
        char = chr(int(code[1:], 16)) if len(code) > 1 else yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(code, "")
        if _FORBIDDEN.fullmatch(char or "x"):
            line, col = _line_col(doc.tekst, m.start())
            _forbidden_char(rapport, Plaats(doc.bestand, line, col), char, escaped=True)


_NIET_GESLOTEN = ("dit aanhalingsteken wordt niet gesloten; zet hetzelfde teken aan het eind van de tekst, "
                  "of laat de aanhalingstekens weg")
_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?)(["'])(.*)$""")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:(?:\s|$)")


def _open_quote(regels: list[str], tot: int) -> tuple[int, int] | None:
    """The last line before line ``tot`` (0-based) whose quoted value is not closed on that line
    while the next line reads as a new key: a quote left open, which YAML closes at some later
    quote and reports far below. (line, column) of that quote, 0-based; None when there is none."""
    for i in range(min(tot, len(regels)) - 1, -1, -1):
        m = _QUOTED_VALUE.match(regels[i])
        if not m:
            continue
        quote, rest = m.group(2), m.group(3)
        closed = (re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", "")))
        volgende = next((r for r in regels[i + 1:tot + 1] if r.strip() and not r.lstrip().startswith("#")), "")
        if not closed and _KEY_LINE.match(volgende):
            return i, len(m.group(1))
    return None


def _yaml_message(e: yaml.MarkedYAMLError, tab: bool = False) -> str:
    """The fix for a YAML syntax error, in Dutch; ``tab``: the line is indented with a tab."""
    problem = (e.problem or "").lower()
    context = (e.context or "").lower()
    if tab or "tab" in problem or "'\\t'" in problem:
        return "er staat een tab waar YAML spaties verwacht; spring in met spaties in plaats van tabs"
    if "quoted scalar" in context:
        return _NIET_GESLOTEN
    if "mapping values are not allowed" in problem:
        return (
            "onverwachte dubbele punt; zet tekst met ': ' erin tussen aanhalingstekens, "
            "of controleer de inspringing"
        )
    if "could not find expected ':'" in problem or "simple key" in context:
        return "hier ontbreekt een dubbele punt na de sleutel, of de inspringing klopt niet"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "de inspringing klopt niet: lijn deze regel uit met de sleutels erboven"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return f"ongeldige YAML: {e.problem}"
    if "found character that cannot start any token" in problem:
        return (
            "deze regel begint met een teken dat YAML niet accepteert (zoals @ of `); "
            "zet de tekst tussen aanhalingstekens"
        )
    if "unclosed" in problem or "end of stream" in problem or "expected ',' or" in problem:
        return "een aanhalingsteken of haakje is niet gesloten"
    return f"geen geldige YAML: {e.problem or e.context}; controleer deze regel"


def _check_anchors(text: str, bestand: str, rapport: Rapport) -> bool:
    """Anchors and aliases hide duplicates and allow expansion bombs: refuse them."""
    ok = True
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                rapport.fout(
                    _mark(bestand, event.start_mark),
                    "ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan; "
                    "schrijf de waarde voluit",
                )
                ok = False
    except yaml.YAMLError:  # already reported by compose
        return False
    return ok


def _convert(node: yaml.Node, pad: Pad, doc: YamlDocument, rapport: Rapport, seen: set[int]) -> Any:
    """Node → plain data (strings, None, lists, dicts), recording places and refusing tags."""
    if id(node) in seen:  # an alias to a node already visited
        rapport.fout(_mark(doc.bestand, node.start_mark), "verwijzingen (*naam) zijn niet toegestaan")
        return None
    seen.add(id(node))
    plaats = _mark(doc.bestand, node.start_mark)
    doc.plaatsen[pad] = plaats
    if len(pad) > MAX_DIEPTE:
        rapport.fout(plaats, f"de gegevens zijn hier te diep genest (meer dan {MAX_DIEPTE} niveaus); "
                             "controleer de haakjes en de inspringing")
        return None
    if node.tag not in _STANDARD_TAGS:
        rapport.fout(
            plaats,
            f"YAML-tag '{node.tag}' is niet toegestaan; laat de tag weg",
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        if len(node.value) > MAX_TEKST:
            rapport.fout(plaats, f"deze tekst is {len(node.value):,} tekens lang; hoogstens {MAX_TEKST:,} per veld "
                                 "— maak hem korter of verdeel hem over meer velden".replace(",", "."))
            return node.value[:MAX_TEKST]  # reported; the model sees text, so no second error
        if node.style == '"' and _FORBIDDEN.search(node.value):
            _escaped_chars(node, doc, rapport)
            return _FORBIDDEN.sub("", node.value)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, pad + (i,), doc, rapport, seen) for i, child in enumerate(node.value)]
    result: dict[str, Any] = {}
    first: dict[str, Plaats] = {}
    for key_node, value_node in node.value:
        key_plaats = _mark(doc.bestand, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            rapport.fout(key_plaats, "een sleutel moet een woord zijn, geen lijst of blok")
            continue
        key = key_node.value
        if key == "<<":
            rapport.fout(key_plaats, "samenvoegen met << is niet toegestaan; schrijf de velden voluit")
            continue
        if key in first:
            rapport.fout(
                key_plaats,
                f"sleutel '{key}' staat er twee keer (ook op regel {first[key].regel}); "
                "verwijder of hernoem een van beide",
            )
            continue
        first[key] = key_plaats
        doc.sleutels[pad + (key,)] = key_plaats
        result[key] = _convert(value_node, pad + (key,), doc, rapport, seen)
    return result


# --- from data to model -------------------------------------------------------------------
