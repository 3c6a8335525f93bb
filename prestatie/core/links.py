"""The one link and image policy, and where it is applied to Markdown text.

Only http(s), mailto and internal links are links; only images the build supplies (charts)
are images. A link a CommonMark reader (pandoc, a forge, a CMS) would resolve to anything else
is shown as typed: its brackets are escaped in the Markdown itself, so the ``.md`` output and
the tree every other writer reads say the same. The parse stage applies the same policy to
the tree once more, for whatever reaches it another way.
"""

from __future__ import annotations

import html
import re

_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# An internal link: a fragment, or a document of the publication beside this one (one file
# name with a document's extension: no folder, no '..', no backslash, no scheme), with a
# fragment. Any other relative target would point at a file the publication does not hold.
DOCUMENT_EXTENSIONS = ("html", "docx", "pdf", "md", "txt", "csv", "json", "ics", "zip")
_INTERNAL = re.compile(
    r"(?:[\w-]+(?:\.[\w-]+)*\.(?:" + "|".join(DOCUMENT_EXTENSIONS) + r"))?(?:#[\w.:-]*)?", re.ASCII)
_IMAGE_SRC = re.compile(r"[\w-]+(?:\.[\w-]+)?", re.ASCII)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def decoded_href(href: str) -> str:
    """A link target as a browser or CommonMark reader resolves it: character references
    decoded (repeatedly, so ``&amp;#106;`` cannot hide a scheme), outer white space gone."""
    for _ in range(4):
        decoded = html.unescape(href)
        if decoded == href:
            break
        href = decoded
    return href.strip()


def link_is_safe(href: str) -> bool:
    """The link policy: http(s) and mailto links, and internal links (``#a01``,
    ``overeenkomst.html#a01``, ``termijnen.ics``). Everything else is refused: a bare relative
    name (``xqab``, ``kaart``, ``bijlagen/kaart.pdf``), other
    schemes (javascript:, data:, file:), network paths (``//host``, ``\\\\server\\share``,
    ``/\\host``), and any target that only becomes one of those after decoding character
    references or dropping invisible characters, as browsers do."""
    target = _INVISIBLE.sub("", decoded_href(href))
    m = _SCHEME.match(target)
    if m:
        rest = target[m.end() :]
        scheme = m.group(1).lower()
        if scheme == "mailto":
            return bool(rest) and "\\" not in rest
        return scheme in _SAFE_SCHEMES and rest.startswith("//") and len(rest) > 2
    return bool(target) and _INTERNAL.fullmatch(target) is not None


def image_is_allowed(src: str) -> bool:
    """Only images the build itself supplies (charts, named like ``grafiek-a01``) are images;
    nothing is ever fetched from elsewhere."""
    return _IMAGE_SRC.fullmatch(src) is not None


def _destination(inside: str) -> str:
    """The target of ``[text](inside)`` as CommonMark reads it: ``<…>`` or up to white space,
    backslash escapes removed."""
    inside = inside.strip()
    if inside.startswith("<"):
        end = inside.find(">")
        target = inside[1:end] if end > 0 else inside
    else:
        target = inside.split(None, 1)[0] if inside else ""
    return _MD_ESCAPE.sub(r"\1", target)


_BACKTICKS = re.compile(r"`+")
_ESCAPE_OR_CODE = re.compile(r"[\\`]")
_BRACKET = re.compile(r"[\[\]()]")


def _literal_map(text: str) -> bytearray:
    """1 for every character a backslash escapes or a code span holds (only backslashes and
    backticks are looked at: a document is mostly neither)."""
    n = len(text)
    literal = bytearray(n)
    failed: set[int] = set()
    found = _ESCAPE_OR_CODE.search(text)
    while found is not None:
        i = found.start()
        ch = text[i]
        if ch == "\\":
            if i + 1 < n:
                literal[i + 1] = 1
            i += 2
        else:
            run = _BACKTICKS.match(text, i).end() - i  # type: ignore[union-attr]
            close = -1
            if run not in failed:
                for m in _BACKTICKS.finditer(text, i + run):
                    if m.end() - m.start() == run:
                        close = m.start()
                        break
                if close < 0:
                    failed.add(run)
            if close < 0:
                i += run
            else:
                literal[i:close + run] = b"\x01" * (close + run - i)
                i = close + run
        found = _ESCAPE_OR_CODE.search(text, i)
    return literal


def _links(text: str, targets: list[str] | None = None) -> tuple[bytearray, set[int], set[int]]:
    """Find inline links and images in one linear pass. Returns the literal map, the
    positions of brackets that form an allowed link or image, and of those that form a
    refused one (both brackets of each pair); ``targets`` gets each refused target."""
    literal = _literal_map(text)
    match: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"]": [], ")": []}
    brackets = [m.start() for m in _BRACKET.finditer(text) if not literal[m.start()]]
    for i in brackets:
        ch = text[i]
        if ch in "[(":
            stacks["]" if ch == "[" else ")"].append(i)
        elif ch in "])":
            stack = stacks[ch]
            if stack:
                match[stack.pop()] = i
    allowed: set[int] = set()
    refused: set[int] = set()
    n = len(text)
    for i in brackets:
        if text[i] != "[" or i not in match:
            continue
        j = match[i]
        if j + 1 < n and text[j + 1] == "(" and not literal[j + 1] and (j + 1) in match:
            target = _destination(text[j + 2 : match[j + 1]])
            image = i > 0 and text[i - 1] == "!" and not literal[i - 1]
            # a link without words would hide its target from the reader: shown as typed
            ok = image_is_allowed(target) if image else link_is_safe(target) and bool(text[i + 1 : j].strip())
            (allowed if ok else refused).update((i, j))
            if not ok and targets is not None:
                targets.append(target)
    return literal, allowed, refused


def geweigerde_links(text: str) -> list[str]:
    """The targets of the links and images in a text field that the policy refuses (a reader
    sees them as typed): inline ``[tekst](doel)``, autolinks ``<doel>`` and definitions."""
    targets: list[str] = []
    if "[" in text:
        _links(text, targets)
    if "<" in text:
        targets += [m.group(1) for m in _AUTOLINK.finditer(text) if not link_is_safe(m.group(1))]
    if "]:" in text:
        targets += [_destination(m.group(3)) for m in _REFDEF_LINE.finditer(text)
                    if not link_is_safe(_destination(m.group(3)))]
    return targets


def balance_brackets(text: str) -> str:
    """For a text field: escape every ``[`` and ``]`` that is not part of an allowed inline
    link ``[tekst](doel)``. Python-Markdown looks for a closing bracket from every opening
    one (quadratic on runs of brackets); after this every bracket it sees has its partner,
    and a refused link is shown as typed by every reader. Code spans and escapes stay."""
    if "[" not in text and "]" not in text:
        return text
    literal, allowed, _ = _links(text)
    return "".join(
        "\\" + ch if ch in "[]" and not literal[i] and i not in allowed else ch for i, ch in enumerate(text)
    )


_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>")
_TAG = re.compile(r"<(?=[a-zA-Z/!?])")
_REFDEF_LINE = re.compile(r"^( {0,3})\[([^\]\n]+)\]:[ \t]*(\S+)", re.M)


def volgens_beleid(markdown: str) -> str:
    """A whole rendered document (templates included) as the policy allows it: refused links
    and images, autolinks and reference definitions keep their text with escaped marks, and
    raw HTML is text, as it is in the tree. Code blocks are left alone."""
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if chunk:
            out.append(_policy_chunk("\n".join(chunk)))
            chunk.clear()

    for line in markdown.split("\n"):
        m = _FENCE_LINE.match(line)
        if fence is None and m:
            flush()
            fence = m.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def _policy_chunk(text: str) -> str:
    if "[" in text:
        literal, _, refused = _links(text)
        if refused:
            text = "".join("\\" + ch if i in refused else ch for i, ch in enumerate(text))
    if "<" in text:
        literal = _literal_map(text)
        parts = []
        for i, ch in enumerate(text):
            if ch == "<" and not literal[i]:
                auto = _AUTOLINK.match(text, i)
                if auto and link_is_safe(auto.group(1)):
                    parts.append(ch)
                    continue
                if auto or _TAG.match(text, i):
                    ch = "\\<"
            parts.append(ch)
        text = "".join(parts)
    return _REFDEF_LINE.sub(lambda m: m.group(0) if link_is_safe(_destination(m.group(3)))
                            else f"{m.group(1)}\\[{m.group(2)}]:" + m.group(0)[m.group(0).index("]:") + 2:], text)
