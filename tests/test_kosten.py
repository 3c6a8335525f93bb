"""Bounded cost on any input: pathological text parses in linear time (every bracket the
parser sees has its partner), and a reference .docx is checked for size, number of parts and
compression before use; only the parts a document uses are copied into it."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prestatie import parse as markup
from prestatie import pipeline
from prestatie.core.errors import HuisstijlFout
from prestatie.load.yaml import MAX_TEKST
from prestatie.core.markdown import markdown_block, markdown_inline
from prestatie.load.sjablonen import Sjablonen, default_dir

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
ROOT = Path(__file__).resolve().parent.parent


def _unescaped(text: str, ch: str) -> list[int]:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            out.append(i)
        i += 1
    return out


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans as CommonMark reads them: a run of backticks (not escaped) up to the next
    run of the same length."""
    spans, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "`":
            run = re.match(r"`+", text[i:]).end()  # type: ignore[union-attr]
            close = next((m.start() for m in re.finditer(r"`+", text[i + run :]) if len(m.group()) == run), None)
            if close is not None:
                spans.append((i, i + run + close + run))
                i += run + close + run
                continue
            i += run
            continue
        i += 1
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("[]()!ab `\\*\n"), max_size=60))
def test_every_bracket_the_parser_sees_has_a_partner(value: str) -> None:
    md = markdown_block(value)
    spans = _code_spans(md)
    inside = lambda i: any(a <= i < b for a, b in spans)
    opening = [i for i in _unescaped(md, "[") if not inside(i)]
    closing = [i for i in _unescaped(md, "]") if not inside(i)]
    assert len(opening) == len(closing), md
    for i in closing:
        assert md[i + 1 : i + 2] == "(", md


@pytest.mark.parametrize("pattern", ["[", "[a](", "![", "[[a]", "[a]" + "(" * 3, "[`a`](", "\\[[", "<", "*a* ", "- ", "> "])
def test_pathological_fields_at_the_limit_finish(tmp_path: Path, pattern: str) -> None:
    """A field of the largest allowed length made of brackets or other Markdown marks (the
    old parser needed 26 s for 32 kB of brackets) builds; the timeout only guards a hang."""
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    path = root / "bron" / NAAM / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    value = (pattern * (MAX_TEKST // len(pattern))).replace("'", "''")
    path.write_text(text.replace("ambitie: Meer sociale huurwoningen erbij dan eraf.", f"ambitie: '{value}'"),
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "prestatie", "build", "-f", "md,html"], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1"},
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    html = (root / "build" / NAAM / "overeenkomst.html").read_text(encoding="utf-8")
    assert html.count("[") >= MAX_TEKST // len(pattern) * pattern.count("[") - 10


def test_a_longer_field_is_refused_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    path = root / "bron" / NAAM / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("ambitie: Meer")].count("\n") + 1
    path.write_text(text.replace("ambitie: Meer sociale huurwoningen erbij dan eraf.", "ambitie: '" + "[" * 1_000_000 + "'"), encoding="utf-8")
    rapport = pipeline.check(root / "bron")
    assert [(b.plaats.regel, b.bericht) for b in rapport.fouten] == [
        (line, "deze tekst is 1.000.000 tekens lang; hoogstens 10.000 per veld — maak hem korter of verdeel hem over meer velden")]


@pytest.mark.parametrize("typed", ["[a](https://x.nl)", "[a [b] c](https://x.nl)", "`[x]`", "[a]", "a]b[c", "![a](b)",
                                   "![a](b.html)"])
def test_balancing_keeps_meaning(typed: str) -> None:
    for md in (markdown_block(typed), markdown_inline(typed)):
        tree = markup.parse(md)
        links = [a.get("href") for a in tree.iter("a")]
        assert links == (["https://x.nl"] if "https" in typed else ["b.html"] if "(b.html)" in typed else []), md
        assert not list(tree.iter("img"))


def _docx_with(extra: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    base = (default_dir() / "huisstijl.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        for name, data in extra.items():
            dst.writestr(name, data)
    return out.getvalue()


def _project_with(tmp_path: Path, huisstijl: bytes) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    (root / "sjablonen").mkdir()
    (root / "sjablonen" / "huisstijl.docx").write_bytes(huisstijl)
    return root


@pytest.mark.parametrize("kind", ["bom", "onderdelen", "geen-zip", "te-groot"])
def test_hostile_reference_docx_is_refused(tmp_path: Path, kind: str) -> None:
    if kind == "bom":
        data = _docx_with({"word/media/bom.bin": b"\0" * (50 * 1024 * 1024)})
        assert len(data) < 1024 * 1024
        expected = "samengeperst"
    elif kind == "onderdelen":
        data = _docx_with({f"customXml/item{i}.xml": b"<a/>" for i in range(2000)})
        expected = "onderdelen"
    elif kind == "geen-zip":
        data = b"PK\x03\x04" + b"\0" * 100
        expected = "geen geldig Word-document"
    else:
        data = _docx_with({"word/media/groot.bin": os.urandom(21 * 1024 * 1024)}, zipfile.ZIP_STORED)
        expected = "te groot"
    root = _project_with(tmp_path, data)
    with pytest.raises(HuisstijlFout if kind != "te-groot" else Exception) as e:
        pipeline.build(root / "bron", formaten=("docx",), jobs=1)
    assert expected in str(e.value) and "huisstijl.docx" in str(e.value), str(e.value)
    assert not (root / "build" / NAAM / "overeenkomst.docx").exists()


def test_only_used_parts_reach_the_output(tmp_path: Path) -> None:
    payload = b"GEHEIM-" * 1000
    data = _docx_with({"word/media/image9.png": payload, "customXml/item1.xml": b"<geheim/>",
                       "docProps/thumbnail.jpeg": payload})
    # make the extra image a part of the reference (a relationship to it), as Word would
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {i.filename: z.read(i.filename) for i in z.infolist()}
    rels = files["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/image" Target="media/image9.png"/></Relationships>')
    files["word/_rels/document.xml.rels"] = rels.encode()
    types = files["[Content_Types].xml"].decode()
    if 'Extension="png"' not in types:
        types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    files["[Content_Types].xml"] = types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    assert Sjablonen().huisstijl() != out.getvalue()
    root = _project_with(tmp_path, out.getvalue())
    pipeline.build(root / "bron", formaten=("docx",), jobs=1)
    with zipfile.ZipFile(root / "build" / NAAM / "overeenkomst.docx") as z:
        names = z.namelist()
        assert not any(payload in z.read(n) for n in names), names
    assert "word/media/image9.png" not in names and not any("thumbnail" in n for n in names)


# Work the inline pass does: the length of the text each pattern application scans (and
# rebuilds when it matches). Python-Markdown rebuilt a paragraph once per escaped mark, so a
# field of n brackets cost n² here; counted, not timed, so the measure is the same on any machine.
def _inline_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from prestatie.parse import inline
    work = [0]
    apply = inline.LinearInlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def counted(self, pattern, data, index, start=0):  # type: ignore[no-untyped-def]
        work[0] += len(data)
        return apply(self, pattern, data, index, start)

    monkeypatch.setattr(inline.LinearInlineProcessor, "_InlineProcessor__applyPattern", counted)
    handle = inline.LinearInlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]

    def scanned(self, data, index=0):  # type: ignore[no-untyped-def]
        work[0] += len(data)  # the look for a mark any pattern needs, before any pattern is tried
        return handle(self, data, index)

    monkeypatch.setattr(inline.LinearInlineProcessor, "_InlineProcessor__handleInline", scanned)
    return work


_HOSTILE = ["[", "![", "](", "<", "*", "_", "`", "\\", "&", "&#", "|", "a|", "[a](", "[a]", "{", "~",
            "\\[", "> ", "- ", "1. ", ">    ", "| a |\n", "a\n\n"]
# Emphasis and code spans written on purpose are still parsed one match at a time (see the
# note in parse/inline.py); in a plain field they are marks shown as typed.
_WRITTEN = ["**a", "*a* ", "`a` ", "*a _b ", "[`a`]("]


@pytest.mark.parametrize(("field", "pattern"), [("plain", p) for p in _HOSTILE + _WRITTEN]
                         + [("markdown", p) for p in _HOSTILE])
def test_parse_work_grows_linearly(monkeypatch: pytest.MonkeyPatch, field: str, pattern: str) -> None:
    """Four times the text costs four times the work (quadratic would be sixteen), for plain
    fields and for Markdown fields made of marks that are shown as typed."""
    from prestatie.core.markdown import escape_md
    work = _inline_work(monkeypatch)
    make = escape_md if field == "plain" else markdown_block
    counts = []
    for n in (2_500, 10_000):
        work[0] = 0
        markup.parse(make((pattern * n)[:n]))
        counts.append(work[0])
    assert counts[0] > 0
    assert counts[1] <= 4.5 * counts[0], counts


def test_deep_nesting_is_shown_as_typed() -> None:
    """A line of hundreds of list or quote marks made the parser recurse past Python's limit
    (a traceback), and nested quote marks before indentation took exponential time; past
    eight levels a mark is shown as typed."""
    for line in ("- " * 3000 + "x", "> " * 3000 + "x", "1. " * 2000 + "x", "> " * 40 + "    x"):
        tree = markup.parse(markdown_block(line))
        depth = max(len([a for a in tree.iter() if a.tag in ("ul", "ol", "blockquote")]), 0)
        assert depth <= 8, line[:20]
        assert markup.plain_text(tree).rstrip().endswith("x")


def test_a_template_nesting_too_deep_is_a_dutch_error() -> None:
    """Text fields are capped at eight levels; Markdown a template writes itself is not, and
    a line of thousands of list marks is a template error, never a traceback."""
    from prestatie.core.errors import SjabloonFout
    for line in ("- " * 3000 + "x", "> " * 41 + "x", "1. " * 41 + "x", "- > " * 21 + "x"):
        with pytest.raises(SjabloonFout, match="te diep genest"):
            markup.parse(line)
    for line in ("- " * 40 + "x", "> " * 40 + "x"):  # at the limit: parsed, every word kept
        assert markup.plain_text(markup.parse(line)).strip() == "x"
