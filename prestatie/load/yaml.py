"""YAML files → plain data, every value knowing its file, line and column.

YAML is parsed (never constructed) with libyaml when present, its events read once into data
(omzetten.py), and every scalar is handed to the model as the text the writer typed: YAML
1.1's guesses (``no`` → false, ``1.10`` → 1.1, ``1.000`` → 1.0) never change what a writer
meant. Anchors, aliases, tags, duplicate keys, several documents, bad encodings and invisible
characters are refused at their line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.errors import Plaats, Rapport, display_path, os_melding
from .omzetten import (
    FORBIDDEN, MAX_DIEPTE, MAX_TEKST, Loader, Omweg, Pad, YamlDocument, check_anchors,
    convert_events, convert_node, forbidden_char, line_col, mark as _mark,
)

__all__ = ["MAX_BYTES", "MAX_DIEPTE", "MAX_TEKST", "Pad", "YamlDocument", "plaats_in_waarde", "read_yaml"]

MAX_BYTES = 2 * 1024 * 1024
"""A source file larger than this is refused (an agreement is a few hundred kB at most);
never more than this is read."""


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


def read_yaml(path: Path, rapport: Rapport, naam: str | None = None) -> YamlDocument | None:
    """Read one YAML file; problems go to ``rapport``; None when nothing usable was read."""
    bestand = naam or display_path(path)
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
        line, col = line_col(raw[: e.start].decode("utf-8", "replace"), e.start)
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
    for m in FORBIDDEN.finditer(text):
        line, col = line_col(text, m.start())
        forbidden_char(rapport, Plaats(bestand, line, col), m.group(0))
        bad = True
    if bad:
        return None
    doc = YamlDocument(bestand)
    doc.tekst = text
    eigen = Rapport()
    try:
        doc.data = convert_events(text, doc, eigen)
    except (Omweg, yaml.YAMLError):
        return _read_composed(text, bestand, rapport)
    rapport.extend(eigen)
    # Duplicate keys keep the first value, so the model can still report everything else;
    # a merge (<<) makes the data meaningless.
    return None if any("niet toegestaan" in b.bericht for b in eigen.bevindingen) else doc


def _read_composed(text: str, bestand: str, rapport: Rapport) -> YamlDocument | None:
    """The full way, for what the events alone do not settle: every syntax error, anchor,
    alias, tag and second document is reported as the composer finds it."""
    doc = YamlDocument(bestand)
    try:
        nodes = list(yaml.compose_all(text, Loader=Loader))
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
        fatal += not check_anchors(text, bestand, rapport)
    before = len(rapport.bevindingen)
    doc.data = convert_node(nodes[0], (), doc, rapport, set())
    # Duplicate keys keep the first value, so the model can still report everything else;
    # tags and aliases make the data meaningless.
    fatal += any("niet toegestaan" in b.bericht for b in rapport.bevindingen[before:])
    return None if fatal else doc


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
