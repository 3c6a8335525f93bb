"""Markdown writer: the document's Markdown as the template rendered it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..load.sjablonen import Sjablonen
from ..render.document import Documentinfo


class MdWriter:
    """Writes the rendered Markdown itself: the text every other format was parsed from."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "MdWriter":
        return cls()

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        return markdown.encode("utf-8")
