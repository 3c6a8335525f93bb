"""SVG pictures a template supplies, made safe to inline in an HTML page: local tag names,
no scripts, styles, event handlers or external resources, ids renamed to be unique."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ...core.errors import SjabloonFout
from .htmltekst import clean, is_blank

_SVG_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
# SVG content that is never copied: scripts and foreign HTML could act, a style element would
# style the whole page once inlined, metadata only carries the drawing tool's RDF.
_SVG_DROP = {"script", "style", "foreignObject", "metadata"}
_XLINK = "{http://www.w3.org/1999/xlink}"
_XML = "{http://www.w3.org/XML/1998/namespace}"


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def copy_svg(src: ET.Element, renamed: dict[str, str]) -> ET.Element | None:
    """A clean copy of an SVG element: local tag names, no event handlers, ids renamed."""
    tag = local(src.tag) if isinstance(src.tag, str) else ""
    if not tag or tag in _SVG_DROP:
        return None
    attrs: dict[str, str] = {}
    for name, value in src.attrib.items():
        if name.startswith(_XLINK):
            name = "xlink:" + local(name)
        elif name.startswith(_XML):
            name = "xml:" + local(name)
        elif name.startswith("{") or name.lower().startswith("on"):
            continue
        if name in ("href", "xlink:href"):
            if value.startswith("#"):
                value = "#" + renamed.get(value[1:], value[1:])
            elif not value.startswith("data:image/png;"):
                continue  # no external resources: the page must work on its own
        elif name == "id":
            value = renamed.get(value, value)
        elif "url(" in value:
            value = _SVG_URL_REF.sub(
                lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value
            )
        attrs[name] = value
    new = ET.Element(tag, attrs)
    keep_space = tag in ("text", "tspan", "title", "desc")
    if src.text and (keep_space or not is_blank(src.text)):
        new.text = clean(src.text)
    for child in src:
        copy = copy_svg(child, renamed)
        if copy is not None:
            if child.tail and (keep_space or not is_blank(child.tail)):
                copy.tail = clean(child.tail)
            new.append(copy)
    return new


def inline_svg(naam: str, data: bytes, alt: str, prefix: Callable[[], str],
               used: set[str]) -> ET.Element:
    """An SVG a template supplies, inlined: described by its alt text, its ids made unique with
    ``prefix()`` (and added to ``used``), nothing active or external."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SjabloonFout(f"afbeelding '{naam}': de SVG is onleesbaar ({exc})") from exc
    if local(root.tag) != "svg":
        raise SjabloonFout(f"afbeelding '{naam}': geen SVG (het hoofdelement is geen <svg>)")
    start = prefix()
    ids = {el.get("id", "") for el in root.iter() if el.get("id")}
    renamed = {old: f"{start}-{old}" for old in sorted(ids)}
    for new in renamed.values():
        if new in used:
            raise SjabloonFout(f"afbeelding '{naam}': id '{new}' bestaat al in het document")
        used.add(new)
    svg = copy_svg(root, renamed)
    assert svg is not None
    if alt:
        head = {"class": "grafiek", "role": "img", "aria-label": alt}
    else:  # no alt text: decorative, hidden from assistive technology
        head = {"class": "grafiek", "aria-hidden": "true"}
    svg.attrib = {**head, **{k: v for k, v in svg.attrib.items() if k not in head}}
    for old_title in svg.findall("title"):
        svg.remove(old_title)
    if alt:
        title = ET.Element("title")
        title.text = alt
        svg.insert(0, title)
    return svg
