"""Parsed YAML → plain data, every value and key knowing its file, line and column.

Two ways to the same data. The usual one reads the parser's events once and builds the data as
they come: no node tree, no tag guessing for text that is handed on as typed, no second pass
for anchors. Whatever that way does not settle itself (an anchor, alias or tag, a key that is a
list or block, nesting deeper than allowed, a second document, a syntax error) sends the text
the full way: composed into nodes, anchors looked for, nodes converted. Both share every rule
and every message below, so a file reads the same whichever way it went.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import yaml

from ..core.errors import Plaats, Rapport

try:  # libyaml is many times faster; the pure-Python loader is the fallback
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_TEKST = 10_000
"""A value longer than this many characters is refused: text fields hold a few paragraphs.
Escaped marks parse in linear time; emphasis and code written on purpose in a Markdown field
are still parsed one match at a time (see benchmarks/README.md, 'Vijandige tekst')."""

MAX_DIEPTE = 40
"""Deeper nesting than this is refused (an agreement is about six levels deep)."""

Pad = tuple[str | int, ...]

FORBIDDEN = re.compile(
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
_ODD_START = frozenset(
    start for start, resolvers in Loader.yaml_implicit_resolvers.items()
    if any(tag not in _STANDARD_TAGS for tag, _ in resolvers)
)
"""First characters of plain text that YAML may read as a tag of its own (``<<``, ``=``): only
such text is asked what it resolves to; every other plain text resolves to a standard tag."""


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


def mark(bestand: str, mark: Any) -> Plaats:
    return Plaats(bestand, mark.line + 1, mark.column + 1)


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def forbidden_char(rapport: Rapport, plaats: Plaats, char: str, escaped: bool = False) -> None:
    what = _CHAR_NAMES.get(char, "een onzichtbaar teken")
    how = " (geschreven als escape-reeks met \\)" if escaped else ""
    rapport.fout(
        plaats,
        f"de tekst bevat {what} (U+{ord(char):04X}){how}; verwijder het — "
        "het is onzichtbaar of kan niet in Word worden opgeslagen",
    )


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)


def _escaped_chars(start: int, end: int, doc: YamlDocument, rapport: Rapport) -> None:
    """A double-quoted string whose escapes (\\x07, \\u202e, \\a) make a forbidden character:
    the same error as a typed one, at the escape's own line and column."""
    for m in _ESCAPE.finditer(doc.tekst, start, end):
        code = m.group(1)
        char = chr(int(code[1:], 16)) if len(code) > 1 else yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(code, "")
        if FORBIDDEN.fullmatch(char or "x"):
            line, col = line_col(doc.tekst, m.start())
            forbidden_char(rapport, Plaats(doc.bestand, line, col), char, escaped=True)


def _too_deep(plaats: Plaats, rapport: Rapport) -> None:
    rapport.fout(plaats, f"de gegevens zijn hier te diep genest (meer dan {MAX_DIEPTE} niveaus); "
                         "controleer de haakjes en de inspringing")


def _scalar(value: str, style: str | None, plaats: Plaats, start: Any, end: Any,
            doc: YamlDocument, rapport: Rapport) -> str | None:
    """A scalar as the writer typed it; too long or with an escaped forbidden character is reported."""
    if style is None and value in _NULLS:
        return None
    if len(value) > MAX_TEKST:
        rapport.fout(plaats, f"deze tekst is {len(value):,} tekens lang; hoogstens {MAX_TEKST:,} per veld "
                             "— maak hem korter of verdeel hem over meer velden".replace(",", "."))
        return value[:MAX_TEKST]  # reported; the model sees text, so no second error
    if style == '"' and FORBIDDEN.search(value):
        _escaped_chars(start.index, end.index, doc, rapport)
        return FORBIDDEN.sub("", value)
    return value


def _new_key(key: str, key_plaats: Plaats, first: dict[str, Plaats], pad: Pad,
             doc: YamlDocument, rapport: Rapport) -> bool:
    """Whether the value of a mapping's key is read: a merge (<<) and a second use of a key are
    reported and their value left out (duplicate keys keep the first value)."""
    if key == "<<":
        rapport.fout(key_plaats, "samenvoegen met << is niet toegestaan; schrijf de velden voluit")
        return False
    if key in first:
        rapport.fout(
            key_plaats,
            f"sleutel '{key}' staat er twee keer (ook op regel {first[key].regel}); "
            "verwijder of hernoem een van beide",
        )
        return False
    first[key] = key_plaats
    doc.sleutels[pad + (key,)] = key_plaats
    return True


# --- the usual way: the parser's events, once ------------------------------------------------


class Omweg(Exception):
    """The events hold what only the full way reports exactly; nothing of this way is kept."""


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent


def convert_events(text: str, doc: YamlDocument, rapport: Rapport) -> Any:
    """The one document in ``text`` → plain data, places in ``doc``, findings in ``rapport``.

    Raises ``Omweg`` (or the parser's ``yaml.YAMLError``) for anything the full way must read."""
    if Loader.yaml_path_resolvers:  # pragma: no cover - only if PyYAML's safe loader gained some
        raise Omweg
    loader = Loader(text)
    try:
        get = loader.get_event
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise Omweg  # no document at all
        data = _event(get, get(), (), doc, rapport, loader.resolve)
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise Omweg  # a second document (or a syntax error in it)
        return data
    finally:
        loader.dispose()


def _event(get: Callable[[], Any], ev: Any, pad: Pad, doc: YamlDocument, rapport: Rapport,
           resolve: Callable[..., str]) -> Any:
    cls = type(ev)
    if cls is _Alias or ev.anchor is not None or ev.tag is not None:
        raise Omweg
    m = ev.start_mark
    plaats = mark(doc.bestand, m)
    doc.plaatsen[pad] = plaats
    if len(pad) > MAX_DIEPTE:
        raise Omweg
    if cls is _Scalar:
        value = ev.value
        if ev.implicit[0] and value[:1] in _ODD_START \
                and resolve(yaml.ScalarNode, value, ev.implicit) not in _STANDARD_TAGS:
            raise Omweg
        return _scalar(value, ev.style, plaats, m, ev.end_mark, doc, rapport)
    if cls is _SeqStart:
        items: list[Any] = []
        ev = get()
        while type(ev) is not _SeqEnd:
            items.append(_event(get, ev, pad + (len(items),), doc, rapport, resolve))
            ev = get()
        return items
    result: dict[str, Any] = {}
    first: dict[str, Plaats] = {}
    ev = get()
    while type(ev) is not _MapEnd:
        if type(ev) is not _Scalar or ev.anchor is not None or ev.tag is not None:
            raise Omweg  # a key that is a list or block, or with an anchor or tag
        key = ev.value
        if _new_key(key, mark(doc.bestand, ev.start_mark), first, pad, doc, rapport):
            result[key] = _event(get, get(), pad + (key,), doc, rapport, resolve)
        else:
            _skip(get)
        ev = get()
    return result


def _skip(get: Callable[[], Any]) -> None:
    """Pass over the value of a key that was refused: like the full way, nothing in it is read."""
    depth = 0
    while True:
        ev = get()
        cls = type(ev)
        if cls is _SeqEnd or cls is _MapEnd:
            depth -= 1
        elif cls is _Alias or ev.anchor is not None:
            raise Omweg  # the full way reports every anchor, read or not
        elif cls is _SeqStart or cls is _MapStart:
            depth += 1
        if depth == 0:
            return


# --- the full way: composed nodes ------------------------------------------------------------


def check_anchors(text: str, bestand: str, rapport: Rapport) -> bool:
    """Anchors and aliases hide duplicates and allow expansion bombs: refuse them."""
    ok = True
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                rapport.fout(
                    mark(bestand, event.start_mark),
                    "ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan; "
                    "schrijf de waarde voluit",
                )
                ok = False
    except yaml.YAMLError:  # already reported by compose
        return False
    return ok


def convert_node(node: yaml.Node, pad: Pad, doc: YamlDocument, rapport: Rapport, seen: set[int]) -> Any:
    """Node → plain data (strings, None, lists, dicts), recording places and refusing tags."""
    if id(node) in seen:  # an alias to a node already visited
        rapport.fout(mark(doc.bestand, node.start_mark), "verwijzingen (*naam) zijn niet toegestaan")
        return None
    seen.add(id(node))
    plaats = mark(doc.bestand, node.start_mark)
    doc.plaatsen[pad] = plaats
    if len(pad) > MAX_DIEPTE:
        _too_deep(plaats, rapport)
        return None
    if node.tag not in _STANDARD_TAGS:
        rapport.fout(
            plaats,
            f"YAML-tag '{node.tag}' is niet toegestaan; laat de tag weg",
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node.value, node.style, plaats, node.start_mark, node.end_mark, doc, rapport)
    if isinstance(node, yaml.SequenceNode):
        return [convert_node(child, pad + (i,), doc, rapport, seen) for i, child in enumerate(node.value)]
    result: dict[str, Any] = {}
    first: dict[str, Plaats] = {}
    for key_node, value_node in node.value:
        key_plaats = mark(doc.bestand, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            rapport.fout(key_plaats, "een sleutel moet een woord zijn, geen lijst of blok")
            continue
        if _new_key(key_node.value, key_plaats, first, pad, doc, rapport):
            result[key_node.value] = convert_node(value_node, pad + (key_node.value,), doc, rapport, seen)
    return result
