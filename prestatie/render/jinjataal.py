"""Template mistakes in Dutch: Jinja's syntax errors translated, and block names checked.

Jinja reports syntax errors in English and silently ignores a block in a child template that
its parent does not have. Policy writers who replace one block of a standard template get a
Dutch message with the template file and line instead, and a suggestion for a misspelled block.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..core.errors import SjabloonFout, display_path
from ..core.tekst import bedoelde_u

_TOKENS = {
    "end of statement block": "het einde van de opdracht (%})",
    "end of print statement": "het einde van de uitdrukking (}})",
    "end of template": "het einde van het sjabloon",
    "name": "een naam",
    "string": "tekst tussen aanhalingstekens",
    "integer": "een getal",
    "')'": "')'",
    "']'": "']'",
    "'}'": "'}'",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, f"'{text}'" if not text.startswith("'") else text)


def _tags(text: str) -> str:
    return " of ".join(re.findall(r"'[^']+'", text)) or text


_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (
        re.compile(r"^Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
                   r"The innermost block that needs to be closed is '(.+)'\.$", re.S),
        lambda m: f"het sjabloon houdt op terwijl blok '{m[2]}' nog open is; verwacht {_tags(m[1])}",
    ),
    (
        re.compile(r"^Encountered unknown tag '(.+?)'\. Jinja was looking for the following tags: (.+?)\. "
                   r"The innermost block that needs to be closed is '(.+)'\.$", re.S),
        lambda m: f"onbekende opdracht '{m[1]}'; blok '{m[3]}' is nog open, verwacht {_tags(m[2])}",
    ),
    (
        re.compile(r"^Encountered unknown tag '(.+?)'\. You probably made a nesting mistake\. Jinja is expecting "
                   r"this tag, but currently looking for (.+?)\. The innermost block that needs to be closed is '(.+)'\.$",
                   re.S),
        lambda m: f"'{m[1]}' staat op de verkeerde plaats: blok '{m[3]}' is nog open, verwacht {_tags(m[2])}",
    ),
    (
        re.compile(r"^Encountered unknown tag '(.+?)'\.(.*)$", re.S),
        lambda m: f"onbekende opdracht '{m[1]}'",
    ),
    (
        re.compile(r"^unexpected end of template, expected '(.+)'\.?$"),
        lambda m: f"het sjabloon houdt op waar {_token(m[1])} werd verwacht",
    ),
    (re.compile(r"^unexpected end of template.*$", re.S), lambda m: "het sjabloon houdt onverwacht op"),
    (
        re.compile(r"^expected token '(.+?)', got '(.+)'$"),
        lambda m: f"verwacht {_token(m[1])}, maar hier staat '{m[2]}'",
    ),
    (re.compile(r"^unexpected '(.+)'$"), lambda m: f"onverwacht {_token(m[1]).removeprefix('het ')}" if m[1] in _TOKENS else f"onverwacht teken '{m[1]}'"),
    (re.compile(r"^unexpected char '(.+?)' at \d+$"), lambda m: f"onverwacht teken {m[1]}"),
    (re.compile(r"^no filter named '(.+)'$"), lambda m: f"onbekend filter '{m[1]}'"),
    (re.compile(r"^No filter named '(.+?)'\.?$"), lambda m: f"onbekend filter '{m[1]}'"),
    (re.compile(r"^no test named '(.+)'$"), lambda m: f"onbekende test '{m[1]}'"),
    (re.compile(r"^block '(.+)' defined twice$"), lambda m: f"blok '{m[1]}' staat twee keer in het sjabloon"),
    (re.compile(r"^tag name expected$"), lambda m: "na '{%' hoort de naam van een opdracht"),
    (re.compile(r"^expected name or number$"), lambda m: "verwacht een naam of een getal"),
    (re.compile(r"^unexpected char (.+)$"), lambda m: f"onverwacht teken {m[1]}"),
    (
        re.compile(r"^Block names in Jinja have to be valid Python identifiers.*$", re.S),
        lambda m: "de naam van een blok bestaat uit letters, cijfers en liggende streepjes (_), zonder -",
    ),
    (re.compile(r"^missing end of comment tag$", re.I), lambda m: "opmerking zonder einde ('#}' ontbreekt)"),
    (re.compile(r"^missing end of raw directive$", re.I), lambda m: "'{% raw %}' zonder '{% endraw %}'"),
]


def jinja_bericht(message: str | None, filters: list[str] | None = None) -> str:
    """Jinja's English syntax error in Dutch; an unknown filter gets a suggestion."""
    text = (message or "").strip()
    for pattern, make in _PATTERNS:
        m = pattern.match(text)
        if m:
            result = make(m)  # type: ignore[operator]
            if filters and result.startswith("onbekend filter"):
                result += bedoelde_u(m[1], filters)
            return result
    return f"fout in de opbouw van het sjabloon (Jinja: {text})"


def syntax_fout(e: jinja2.TemplateSyntaxError, template: str, env: jinja2.Environment | None = None) -> SjabloonFout:
    where = f"{display_path(e.filename or e.name or template)}:{e.lineno}"
    filters = sorted(env.filters) if env is not None else None
    return SjabloonFout(f"{where}: fout in sjabloon: {jinja_bericht(e.message, filters)}")


def check_blocks(env: jinja2.Environment, template: jinja2.Template) -> None:
    """A template that extends another may only fill blocks its parents have."""
    filename = template.filename
    if not filename or not filename.endswith(".j2"):
        return
    try:
        source = Path(filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # reading the template already reported this
    if "extends" not in source:
        return  # no '{% extends %}': no blocks to check against a parent, and no second parse
    tree = _parse(env, source, template.name, filename)
    extends = next(iter(tree.find_all(nodes.Extends)), None)
    if extends is None or not isinstance(extends.template, nodes.Const):
        return
    parent_name = str(extends.template.value)
    known = _all_blocks(env, parent_name)
    for block in _outer_blocks(tree):
        if block.name in known:
            continue
        hint = bedoelde_u(block.name, sorted(known))
        raise SjabloonFout(
            f"{display_path(filename)}:{block.lineno}: blok '{block.name}' bestaat niet in '{parent_name}'"
            f"{hint} (blokken: {', '.join(sorted(known)) or 'geen'})"
        )


_BOMEN: dict[tuple, nodes.Template] = {}
"""Syntax trees by template text, name, file and the environment's way of reading: every
build (and the preview's every rebuild) checks the same templates' blocks, and an unchanged
text need not be parsed again. The trees are only read."""

_BOMEN_MAX = 64


def _parse(env: jinja2.Environment, source: str, name: str | None, filename: str) -> nodes.Template:
    """``env.parse``, once per text and way of reading it (delimiters, whitespace, extensions)."""
    key = (source, name, filename, env.block_start_string, env.block_end_string, env.variable_start_string,
           env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
           env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
           env.keep_trailing_newline, tuple(sorted(env.extensions)))
    tree = _BOMEN.get(key)
    if tree is None:
        if len(_BOMEN) >= _BOMEN_MAX:  # templates edited again and again: the old texts go
            _BOMEN.clear()
        tree = _BOMEN[key] = env.parse(source, name, filename)
    return tree


def _outer_blocks(node: nodes.Node) -> list[nodes.Block]:
    """Blocks not inside another block: those a child template fills in its parent."""
    found = []
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            found.append(child)
        else:
            found.extend(_outer_blocks(child))
    return found


def _all_blocks(env: jinja2.Environment, name: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The blocks of ``name`` and of every template it extends."""
    if name in seen:
        return set()
    parent = env.get_template(name)
    blocks = set(parent.blocks)
    if parent.filename:
        tree = _parse(env, Path(parent.filename).read_text(encoding="utf-8"), name, parent.filename)
        extends = next(iter(tree.find_all(nodes.Extends)), None)
        if extends is not None and isinstance(extends.template, nodes.Const):
            blocks |= _all_blocks(env, str(extends.template.value), seen | {name})
    return blocks
