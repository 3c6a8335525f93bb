"""Render: a Jinja2 template from sjablonen/ and a context → Markdown, the one intermediate.

Every value printed with ``{{ … }}`` is escaped for Markdown unless it is ``MdVeilig`` (what
the ``md``/``md_inline`` filters return for text fields in which a writer may use Markdown).
So ``* # | < > [ ] _`` and backticks in a policy writer's text can never change a
document's structure or inject HTML; emphasis, links and lists written on purpose render.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

import jinja2

from . import opmaak
from .errors import SjabloonFout, display_path
from .templates import Sjablonen
from .validate import VERWIJZING


class MdVeilig(str):
    """Markdown that may be inserted as is (already escaped or deliberately written)."""


_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")
_ENTITY = re.compile(r"&(#?\w+;)")
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([-+=:>.)])")


def escape_md(value: Any) -> MdVeilig:
    """Plain text → Markdown that shows exactly that text, on one line."""
    raw = str(value)
    text = " ".join(raw.split())
    if text and raw[:1].isspace():
        text = " " + text
    if text and raw[-1:].isspace():
        text += " "
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return MdVeilig(text)


# Block syntax a writer may not use inside a text field: it would change the document's
# structure (headings, rules, tables, fenced divs, reference definitions, images, raw HTML).
# What may stand before block syntax on a line: indentation, quote marks and list markers
# (a heading inside a quote or a list item is still a heading).
_PREFIX = r"^((?:[ \t]|>|(?:[-+*]|\d+[.)])(?=[ \t]))*)"
_HEADING = re.compile(_PREFIX + r"(#)", re.M)
_RULE_OR_SETEXT = re.compile(_PREFIX + r"(?:([-=*_])(?=(?:[ \t]*[-=*_]){2,}[ \t]*$)|([=-])(?=[ \t=-]*$))", re.M)
_FENCE = re.compile(_PREFIX + r"(:{3,}|`{3,}|~{3,})", re.M)
_REFDEF = re.compile(_PREFIX + r"\[(?=[^\]]*\]:)", re.M)
_ATTR = re.compile(r"\{")
_IMAGE = re.compile(r"!(?=\[)")
_TAG_START = re.compile(r"<")


def markdown_block(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for block context: paragraphs, lists, emphasis, links."""
    if not text:
        return MdVeilig("")
    parts: list[str] = []
    pos = 0
    for m in VERWIJZING.finditer(text):  # names from the agreement, escaped as plain text
        parts.append(_neutralize_keep(text[pos : m.start()]))
        parts.append(escape_md(namen(m.group(1), m.group(2)) if namen else m.group(2)))
        pos = m.end()
    parts.append(_neutralize_keep(text[pos:]))
    joined = "".join(parts)
    return MdVeilig(_neutralize_layout(joined))


def _neutralize_keep(text: str) -> str:
    # Escape inline hazards only; layout (dedent, strip) is done once on the whole text.
    text = text.replace("|", "\\|")
    text = _ATTR.sub(r"\\{", text)
    text = _IMAGE.sub(r"\\!", text)
    text = _TAG_START.sub(r"\\<", text)
    return text


def _neutralize_layout(text: str) -> str:
    text = textwrap.dedent(text.replace("\r\n", "\n")).strip("\n")
    text = _HEADING.sub(r"\1\\\2", text)
    text = _RULE_OR_SETEXT.sub(lambda m: m.group(1) + "\\" + (m.group(2) or m.group(3)), text)
    text = _FENCE.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _REFDEF.sub(r"\1\\[", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text


def markdown_inline(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for one line (a table cell, a heading): emphasis and links only."""
    block = markdown_block(text, namen)
    one_line = " ".join(block.split())
    one_line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), one_line)
    return MdVeilig(one_line)


def _finalize(value: Any) -> Any:
    if isinstance(value, MdVeilig):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return escape_md(opmaak.getal(value))
    if isinstance(value, dt.datetime):
        return escape_md(opmaak.datum_tijd(value))
    if isinstance(value, dt.date):
        return escape_md(opmaak.datum(value))
    return escape_md(value)


def tidy(markdown: str) -> str:
    """Stable, tidy Markdown: no trailing spaces, at most one blank line, one final newline."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


_ENVIRONMENTS: dict[tuple[Path, ...], jinja2.Environment] = {}
"""One environment per template search path and process, so each template is compiled once
however many Renderers use it (the check renders every agreement's press release)."""


class Renderer:
    """Renders the Markdown templates of one search path; templates are parsed once per process."""

    def __init__(self, sjablonen: Sjablonen):
        self.sjablonen = sjablonen

    @property
    def env(self) -> jinja2.Environment:
        key = tuple(self.sjablonen.dirs)
        if key not in _ENVIRONMENTS:
            _ENVIRONMENTS[key] = _environment(self.sjablonen.loader)
        return _ENVIRONMENTS[key]

    def markdown(self, template: str, context: dict[str, Any]) -> str:
        """Render one template to tidy Markdown; template errors name file and line in Dutch."""
        try:
            return tidy(self.env.get_template(template).render(context))
        except jinja2.TemplateNotFound as e:
            raise SjabloonFout(
                f"sjabloon '{e.name}' niet gevonden; gezocht in: "
                + ", ".join(display_path(d) for d in self.sjablonen.dirs)
            ) from None
        except jinja2.TemplateSyntaxError as e:
            where = f"{display_path(e.filename or e.name or template)}:{e.lineno}"
            raise SjabloonFout(f"{where}: fout in sjabloon: {e.message}") from None
        except jinja2.UndefinedError as e:
            raise SjabloonFout(f"{_template_line(template)}: onbekende naam in sjabloon: {_undefined(e)}") from None
        except SjabloonFout:
            raise
        except Exception as e:  # an error raised while rendering is a template problem
            raise SjabloonFout(f"{_template_line(template)}: fout bij het vullen van het sjabloon: {e}") from None


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # shared by every build in this process: a changed template is read again
    )
    env.filters.update(
        {
            "datum": opmaak.datum,
            "dag_datum": opmaak.dag_datum,
            "datum_tijd": opmaak.datum_tijd,
            "tijd": opmaak.tijd,
            "getal": opmaak.getal,
            "bedrag": opmaak.bedrag,
            "procent": opmaak.procent,
            "termijn": opmaak.termijn,
            "waarde": opmaak.waarde,
            "opsomming": lambda items, voegwoord="en": opmaak.opsomming(
                [escape_md(i) if not isinstance(i, MdVeilig) else i for i in items], voegwoord
            ),
            "esc": escape_md,
            "md": _md_filter(markdown_block),
            "md_inline": _md_filter(markdown_inline),
            "veilig": MdVeilig,
            "opzoeken": lambda ids, tabel: [tabel[i] for i in ids],
        }
    )
    return env


def _md_filter(fn: Callable[..., MdVeilig]) -> Callable[..., MdVeilig]:
    @jinja2.pass_context
    def apply(context: jinja2.runtime.Context, value: str | None) -> MdVeilig:
        namen = context.get("naam_van")
        return fn(value, namen)

    return apply


def _undefined(e: jinja2.UndefinedError) -> str:
    m = re.search(r"'([^']+)' is undefined", str(e))
    if m:
        return f"'{m.group(1)}' bestaat niet"
    m = re.search(r"has no attribute '([^']+)'", str(e))
    if m:
        return f"veld '{m.group(1)}' bestaat niet"
    return str(e)


def _template_line(template: str) -> str:
    """The innermost template file and line of the exception being handled."""
    tb = sys.exc_info()[2]
    where = template
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") or "/sjablonen/" in name:
            where = f"{display_path(name)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
