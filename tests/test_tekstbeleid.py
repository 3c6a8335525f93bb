"""One text and link policy, applied to the parsed tree: only http(s), mailto and internal
links are links, judged after decoding character references; anything else stays as text in
its place; no image ever comes from a text field; plain fields show what was typed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from prestatie import parse as markup
from prestatie.core.markdown import escape_md, markdown_block, markdown_inline


def _links(tree: ET.Element) -> list[str]:
    return [a.get("href", "") for a in tree.iter("a")]


def _text(tree: ET.Element) -> str:
    return " ".join(markup.plain_text(tree).split())


# (text field as typed, the links the tree may hold, the text a reader sees): a refused link
# is shown as typed, in every output including the Markdown file.
LINKS = [
    ("Zie [de site](https://example.nl/a?b=1) nu.", ["https://example.nl/a?b=1"], "Zie de site nu."),
    ("Mail [ons](mailto:info@example.nl).", ["mailto:info@example.nl"], "Mail ons."),
    ("Zie [A01](#a01) en [B](overeenkomst.html#a02).", ["#a01", "overeenkomst.html#a02"], "Zie A01 en B."),
    ("Klik [hier](javascript:alert(1)) nu.", [], "Klik [hier](javascript:alert(1)) nu."),
    ("Een [a](javascript:x) en [b](data:text/html,x) zin.", [], "Een [a](javascript:x) en [b](data:text/html,x) zin."),
    ("[a](javascript:x) [**b** c](data:y) eind", [], "[a](javascript:x) [b c](data:y) eind"),
    ("Voor [een](vbscript:x) midden [twee](file:///etc/passwd) na", [], "Voor [een](vbscript:x) midden [twee](file:///etc/passwd) na"),
    ("Op [de schijf](\\\\\\\\server\\\\share\\\\doc.docx) staat het.", [], "Op [de schijf](\\\\server\\share\\doc.docx) staat het."),
    ("Op [de schijf](/\\\\server/share) staat het.", [], "Op [de schijf](/\\server/share) staat het."),
    ("Op [de schijf](//server/share) staat het.", [], "Op [de schijf](//server/share) staat het."),
    ("Op [de schijf](\\\\/server/share) staat het.", [], "Op [de schijf](\\/server/share) staat het."),
    ("Zo [x](&#106;avascript:alert(1)) klaar.", [], "Zo [x](&#106;avascript:alert(1)) klaar."),
    ("Zo [x](&#x6A;avascript&colon;alert(1)) klaar.", [], "Zo [x](&#x6A;avascript&colon;alert(1)) klaar."),
    ("Zo [x](&amp;#106;avascript:alert(1)) klaar.", [], "Zo [x](&amp;#106;avascript:alert(1)) klaar."),
    ("Zo [x](java&#9;script:alert(1)) klaar.", [], "Zo [x](java&#9;script:alert(1)) klaar."),
    ("Zo [x](&#104;ttps://example.nl) klaar.", ["https://example.nl"], "Zo x klaar."),
    ("Zo [x](https:evil) klaar.", [], "Zo [x](https:evil) klaar."),
    ("Zo [x](ftp://example.nl) klaar.", [], "Zo [x](ftp://example.nl) klaar."),
    ("Zo <javascript:alert(1)> klaar.", [], "Zo <javascript:alert(1)> klaar."),
    ("Zo [x][r] klaar.\n\n[r]: javascript:alert(1)", [], "Zo [x][r] klaar. [r]: javascript:alert(1)"),
    # a link without words would hide its target: shown as typed
    ("Zie []( bijlage ) hier.", [], "Zie []( bijlage ) hier."),
    ("Zie [ ](#a01) hier.", [], "Zie [ ](#a01) hier."),
]


@pytest.mark.parametrize("typed,links,seen", LINKS)
def test_link_policy(typed: str, links: list[str], seen: str) -> None:
    for md in (markdown_block(typed), markdown_inline(typed)):
        tree = markup.parse(md)
        assert _links(tree) == links, md
        if md is not markdown_inline(typed):
            assert _text(tree) == seen, md
        assert not list(tree.iter("img"))


IMAGES = [
    "![spoor](https://tracker.example/p.gif)",
    "\\![spoor](https://tracker.example/p.gif)",
    "\\\\![spoor](https://tracker.example/p.gif)",
    "!\\[spoor](https://tracker.example/p.gif)",
    "[![spoor](https://tracker.example/p.gif)](https://example.nl)",
    "![spoor][r]\n\n[r]: https://tracker.example/p.gif",
    "&#33;[spoor](https://tracker.example/p.gif)",
    "! [spoor](https://tracker.example/p.gif)",
]


@pytest.mark.parametrize("typed", IMAGES)
def test_no_image_from_a_text_field(typed: str) -> None:
    for md in (markdown_block(typed), markdown_inline(typed), escape_md(typed)):
        tree = markup.parse(md)
        assert not list(tree.iter("img")), (typed, md)
        assert "spoor" in _text(tree)


def test_only_images_the_build_supplies_stay_images() -> None:
    tree = markup.parse("![a](https://x.example/y.png) ![b](grafiek-a01) ![c](../geheim.png) ![d](C:\\x.png)")
    assert [i.get("src") for i in tree.iter("img")] == ["grafiek-a01"]
    assert _text(tree) == "a c d"


PLAIN = [
    "Locatie | 2099",
    "a|b|c",
    "\\| gescheiden",
    "Dorp_plein *x* [y]",
    "Th_u*is",
    "`code` en \\`",
    "# kop",
    "1. lijst",
    "- punt",
    "{: .klasse}",
    "::: noot",
    "<b>vet</b>",
    "&amp; &#106;",
    "a\\b\\\\c",
]


@pytest.mark.parametrize("typed", PLAIN)
def test_plain_field_shows_what_was_typed_in_a_table_cell(typed: str) -> None:
    md = f"| A | B | C |\n|---|---|---|\n| {escape_md(typed)} | 30 juni 2024 | x |\n"
    tree = markup.parse(md)
    cells = [markup.plain_text(td) for td in tree.iter("td")]
    assert cells == [typed, "30 juni 2024", "x"]


@pytest.mark.parametrize("typed", PLAIN)
def test_plain_field_in_a_list_sentence(typed: str) -> None:
    md = f"- **Betrokken:** {escape_md(typed)} en {escape_md('Stichting Thuis')}\n"
    tree = markup.parse(md)
    assert _text(tree) == f"Betrokken: {' '.join(typed.split())} en Stichting Thuis"


@pytest.mark.parametrize("typed", ["a | b", "x \\| y", "a\\|b | c"])
def test_markdown_field_keeps_table_columns(typed: str) -> None:
    md = f"| A | B |\n|---|---|\n| {markdown_inline(typed)} | 30 juni 2024 |\n"
    tree = markup.parse(md)
    cells = [markup.plain_text(td) for td in tree.iter("td")]
    assert len(cells) == 2 and cells[1] == "30 juni 2024", cells


@pytest.mark.parametrize("href,ok", [
    ("afspraken.csv", True), ("overeenkomst.pdf#p2", True), ("termijnen.ics", True), ("../geheim.txt", False),
    ("data/afspraken.csv", False), ("bijlagen/kaart.pdf#p2", False), ("xqab", False), (" xqab ", False),
    ("kaart", False), ("overeenkomst", False),
    ("/etc/passwd", False), ("a/../../b", False), ("a\\b", False), ("C:/x", False), ("#", True),
    ("", False), (" https://example.nl ", True), ("HTTPS://EXAMPLE.NL", True), ("https://", False),
    ("mailto:", False), ("ja&#118;ascript:x", False), ("&Tab;javascript:x", False),
])
def test_link_targets(href: str, ok: bool) -> None:
    assert markup.link_is_safe(href) is ok


# A user's template writes Markdown itself: the rendered document is checked as a whole, so
# the .md file a CommonMark reader opens holds no link, image or HTML the policy refuses.
TEMPLATE_TEXT = [
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("[x](&#106;avascript:alert(1))", "\\[x\\](&#106;avascript:alert(1))"),
    ("![t](https://t.example/p.gif)", "!\\[t\\](https://t.example/p.gif)"),
    ("![grafiek](grafiek-a01)", "![grafiek](grafiek-a01)"),
    ("[ok](https://example.nl)", "[ok](https://example.nl)"),
    ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
    ("<https://example.nl>", "<https://example.nl>"),
    ('<a href="javascript:x">y</a>', '\\<a href="javascript:x">y\\</a>'),
    ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
    ("[r]: javascript:alert(1)", "\\[r]: javascript:alert(1)"),
    ("[r]: https://example.nl", "[r]: https://example.nl"),
    ("`[x](javascript:y)`", "`[x](javascript:y)`"),
    ("```\n<script>\n```", "```\n<script>\n```"),
    ("a < b en c > d", "a < b en c > d"),
]


@pytest.mark.parametrize("written,checked", TEMPLATE_TEXT)
def test_whole_document_policy(written: str, checked: str) -> None:
    from prestatie.core.links import volgens_beleid

    assert volgens_beleid(written) == checked


@pytest.mark.parametrize("written", [w for w, _ in TEMPLATE_TEXT])
def test_whole_document_policy_read_by_pandoc(written: str) -> None:
    import subprocess

    from conftest import needs_tool
    from prestatie.core.links import volgens_beleid

    for reader in ("commonmark", "markdown", "gfm"):
        out = subprocess.run([needs_tool("pandoc"), "-f", reader, "-t", "html"], input=volgens_beleid(written),
                             capture_output=True, text=True, check=True).stdout
        tree = ET.fromstring(f"<div>{out}</div>")
        assert all(markup.link_is_safe(a.get("href", "")) for a in tree.iter("a")), out
        assert all(i.get("src") == "grafiek-a01" for i in tree.iter("img")), out
        assert not list(tree.iter("script")), out


# What reaches the tree another way (a template's own Markdown, before the whole-document
# check): refused links become their text followed by their target, in place.
TREE = [
    ("Een [a](javascript:x) en [b](data:y) zin.", "Een a (javascript:x) en b (data:y) zin."),
    ("[a](javascript:x) [**b** c](data:y) eind", "a (javascript:x) b c (data:y) eind"),
    ("[a](javascript:x)[b](vbscript:y)[c](https://ok.example)", "a (javascript:x)b (vbscript:y)c"),
    ("x ![i](https://t.example/p.gif) y [![j](https://t.example/q.gif)](javascript:z) w", "x i y j (javascript:z) w"),
    ("| k |\n|---|\n| [a](javascript:x) en [b](data:y) |\n", "k a (javascript:x) en b (data:y)"),
    ("Zie [](bijlage) en [ ](#a01) hier.", "Zie (bijlage) en (#a01) hier."),
]


@pytest.mark.parametrize("md,seen", TREE)
def test_tree_policy_keeps_order(md: str, seen: str) -> None:
    tree = markup.parse(md)
    assert _text(tree) == seen
    assert all(markup.link_is_safe(a.get("href", "")) for a in tree.iter("a"))
    assert not list(tree.iter("img"))


@pytest.mark.parametrize("typed,tags", [
    ("\n---\n\n     xqaa ", ["p", "p"]),
    ("x\n\n\tcode", ["p", "p"]),
    (">\n     xqaa ", ["blockquote", "p"]),
    ("> a\n>\n>     code", ["blockquote", "p", "p"]),
    ("- a\n\n    b", ["ul", "li", "p", "p"]),
    ("1. a\n\n    verder\n\nnormaal\n\n    geen code", ["ol", "li", "p", "p", "p", "p"]),
])
def test_indentation_never_makes_a_code_block(typed: str, tags: list[str]) -> None:
    tree = markup.parse(markdown_block(typed))
    assert [el.tag for el in tree.iter()][1:] == tags
