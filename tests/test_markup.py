"""Text from YAML can never change a document's structure or inject HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from prestatie.parse.klassen import INLINE

from hypothesis import example, given, settings
from hypothesis import strategies as st

from prestatie import parse as markup
from prestatie.core.markdown import escape_md, markdown_block, markdown_inline

# Any text a writer can type (the loader refuses control and invisible characters).
tekst = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")) | st.sampled_from("\n\t "),
    max_size=80,
)
SPECIAL = st.text(alphabet=list("*#|<>[]_`\\!{}-+=.:1)&; ab\n"), max_size=40)


def _flat(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=400, deadline=None)
@given(st.one_of(tekst, SPECIAL))
@example("■")  # a shape: marked as a symbol, which is meaning, not structure
def test_plain_values_show_exactly_their_text(value: str) -> None:
    for template in ("{}", "Voor {} na", "| kop |\n|---|\n| {} |\n", "## {}"):
        md = template.format(escape_md(value))
        tree = markup.parse(md)
        # An inline class (a symbol, a date, an amount) marks text the value holds; nothing
        # else of the value may become markup.
        tags = {el.tag for el in tree.iter()
                if not (el.tag == "span" and el.get("class", "").split()[:1] and el.get("class", "").split()[0] in INLINE)}
        tags -= {"div"}
        expected = {"{}": {"p"}, "Voor {} na": {"p"}, "## {}": {"h2"}}.get(template, {"table", "thead", "tbody", "tr", "th", "td"})
        if _flat(value):
            assert tags <= expected | {"p"} and tags & expected, (md, tags)
        assert _flat(value) in _flat(markup.plain_text(tree)), (value, md)


@settings(max_examples=300, deadline=None)
@given(st.one_of(tekst, SPECIAL))
@example("0\n=")  # a one-character setext underline
@example("a\n-")
@example(">#")  # a heading inside a quote
@example("- # kop")
@example("■")  # a symbol: marked as a span of the vocabulary, which is meaning, not structure
def test_markdown_fields_never_add_structure(value: str) -> None:
    allowed_block = {"p", "ul", "ol", "li", "em", "strong", "a", "code", "blockquote", "br", "pre", "span"}
    tree = markup.parse(markdown_block(value))
    assert {el.tag for el in tree.iter()} - {"div"} <= allowed_block
    assert all(el.get("class", "").split()[0] in INLINE for el in tree.iter("span"))
    cell = markup.parse(f"| kop |\n|---|\n| {markdown_inline(value)} |\n")
    rows = cell.findall(".//tr")
    assert len(rows) == 2 and all(len(r) == 1 for r in rows), ET.tostring(cell, encoding="unicode")


def test_deliberate_markdown_renders_and_html_stays_text() -> None:
    tree = markup.parse(markdown_block(
        "Een *nadruk*, **vet** en [site](https://example.nl).\n\n- een\n- twee\n\n"
        "<script>alert(1)</script> [klik](javascript:alert(1)) ![x](http://x/y.png)\n\n# geen kop"
    ))
    tags = [el.tag for el in tree.iter()]
    assert "em" in tags and "strong" in tags and "ul" in tags
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs == ["https://example.nl", "http://x/y.png"]  # an image is only linked, never shown
    text = markup.plain_text(tree)
    assert "<script>alert(1)</script>" in text
    assert "klik" in text and "img" not in tags and "h1" not in tags
    assert "# geen kop" in text


def test_code_spans_hold_plain_text() -> None:
    tree = markup.parse("Zie `a<b & c`.")
    assert next(tree.iter("code")).text == "a<b & c"


def test_references_become_names_as_text() -> None:
    names = {"project": {"velst": "de *Velst* | 2"}}
    out = markdown_block("Bouwen in {project:velst}.", lambda soort, i: names[soort][i])
    tree = markup.parse(out)
    assert _flat(markup.plain_text(tree)) == "Bouwen in de *Velst* | 2."
    assert not list(tree.iter("em"))
