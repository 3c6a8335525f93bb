"""Render: a Jinja2 template from sjablonen/ and a context → tidy Markdown, the one intermediate.

Every value printed with ``{{ … }}`` is escaped for Markdown (``core.markdown``) unless a
filter marked it as deliberate Markdown. The environment belongs to one ``Renderer``, and a
``Renderer`` to one build: a second build in the same process reads the templates anew.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any, Callable

import jinja2

from ..core import opmaak
from ..core.errors import SjabloonFout, display_path
from ..core.links import volgens_beleid
from ..core.markdown import MdVeilig, escape_md, markdown_block, markdown_inline
from ..load.sjablonen import Sandbox, Sjablonen
from ..model.bedrag import Bedrag
from .jinjataal import check_blocks, syntax_fout


def _finalize(value: Any) -> Any:
    if isinstance(value, MdVeilig):
        return value
    if isinstance(value, Bedrag):  # digits, '€' and 'miljoen' with their no-break spaces
        return MdVeilig(str(value))
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


class Renderer:
    """Renders the Markdown templates of one search path; each template is compiled once per
    Renderer, and a build (or a worker process of it) has one Renderer."""

    def __init__(self, sjablonen: Sjablonen):
        self.sjablonen = sjablonen
        self.env = _environment(sjablonen.loader)
        self._checked: set[str] = set()
        """Templates whose blocks were checked against the templates they extend."""

    def vooraf(self, template: str) -> jinja2.Template:
        """Compile ``template`` and check its blocks: the errors of the template itself, which
        no data causes (syntax, a missing template, an unknown block)."""
        try:
            compiled = self.env.get_template(template)
            if template not in self._checked:
                check_blocks(self.env, compiled)
                self._checked.add(template)
            return compiled
        except SjabloonFout:
            raise
        except Exception as e:
            raise self._vertaal(e, template) from None

    def markdown(self, template: str, context: dict[str, Any]) -> str:
        """Render one template to tidy Markdown; template errors name file and line in Dutch."""
        compiled = self.vooraf(template)
        try:
            return volgens_beleid(tidy(compiled.render(context)))
        except SjabloonFout:
            raise
        except Exception as e:
            raise self._vertaal(e, template) from None

    def _vertaal(self, e: Exception, template: str) -> SjabloonFout:
        """A Jinja or Python error as a Dutch template error with file and line."""
        if isinstance(e, jinja2.TemplateNotFound):
            return SjabloonFout(
                f"sjabloon '{e.name}' niet gevonden; gezocht in: "
                + ", ".join(display_path(d) for d in self.sjablonen.dirs)
            )
        if isinstance(e, jinja2.TemplateSyntaxError):
            return syntax_fout(e, template, self.env)
        if isinstance(e, jinja2.UndefinedError):
            return SjabloonFout(f"{_template_line(template)}: onbekende naam in sjabloon: {_undefined(e)}")
        if isinstance(e, UnicodeDecodeError):
            return SjabloonFout(
                f"sjabloon '{template}' (of een sjabloon dat het gebruikt) is geen UTF-8; sla het op als "
                "UTF-8 (in de meeste editors: Opslaan als… > Codering: UTF-8)"
            )
        if isinstance(e, jinja2.exceptions.SecurityError):
            return SjabloonFout(
                f"{_template_line(template)}: het sjabloon gebruikt iets wat niet mag: een sjabloon leest "
                "alleen de gegevens van de overeenkomst en gebruikt de filters van prestatie "
                "(geen Python-onderdelen, geen bestanden, geen lijsten of velden wijzigen)"
            )
        # an error raised while rendering is a template problem
        return SjabloonFout(
            f"{_template_line(template)}: een waarde uit de bronnen past niet bij wat het sjabloon "
            f"ermee doet{_reden(e)}"
        )


def _reden(e: Exception) -> str:
    """The part of a library's message a reader can use: its text when it is words, never a
    Python class or representation."""
    text = str(e)
    if not text or "<class" in text or "Error" in text or not any(c.isalpha() for c in text):
        return ""
    return f" ({text})"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by name and source checksum: Jinja compares the checksum, so an
    edited template is always compiled anew, and an unchanged one is not compiled twice."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = Sandbox(
        loader=loader,
        bytecode_cache=_COMPILED,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the environment lives as long as one build
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
            "doel": opmaak.doel,
            "waarde": opmaak.waarde,
            "opsomming": lambda items, voegwoord="en": MdVeilig(opmaak.opsomming(
                [escape_md(i) if not isinstance(i, MdVeilig) else i for i in items], voegwoord
            )),
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
