"""The pages of the publication site, its search index and its publication metadata.

A page is ``sjablonen/site.html.j2`` (autoescaped: every text from the sources is text; the
addresses are the site's own, made here, so they may point into the version folders, which
the link policy of a document never allows) inside the page shell and house style of every
HTML document (``pagina.html``, ``stijl.css``). The front page gets the search script: a
small plain JavaScript (``sjablonen/zoeken.js``) that adds a search field over the afspraken
from ``zoekindex.js``, a script file rather than JSON because a browser does not let a page
opened from disk (file://) fetch a file; without JavaScript the page lists every agreement.

The metadata of every published document is schema.org JSON-LD (``publicatie.jsonld``): each
document a ``DigitalDocument`` with name, version, type, parties (creator), publisher, dates,
format, licence, and ``isPartOf`` its agreement.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from ...core.errors import SjabloonFout
from ...load.sjablonen import Sjablonen
from ...render.document import Documentinfo
from ...render.jinjataal import syntax_fout
from .html import HtmlWriter

SJABLOON = "site.html.j2"
SCRIPT = "zoeken.js"
ZOEKINDEX_JS = "zoekindex.js"
ZOEKINDEX_JSON = "zoeken.json"
METADATA = "publicatie.jsonld"

LICENTIES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}
FORMATEN = {"html": "text/html", "pdf": "application/pdf", "md": "text/markdown", "txt": "text/plain",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "csv": "text/csv", "json": "application/json", "ics": "text/calendar"}


@dataclass
class Sitepagina:
    """Writes the site's pages for one run."""

    sjablonen: Sjablonen
    generator: str
    datum: dt.datetime

    def __post_init__(self) -> None:
        env = self.sjablonen.html_env
        try:
            self._sjabloon = env.get_template(SJABLOON)
        except jinja2.TemplateSyntaxError as exc:
            raise syntax_fout(exc, SJABLOON, env) from None
        self._html = HtmlWriter(self.sjablonen)

    def pagina(self, context: dict[str, Any], titel: str, zoeken: str | None = None) -> bytes:
        """One page; ``zoeken`` is the address prefix of the search scripts (front page only)."""
        try:
            body = self._sjabloon.render(context)
        except jinja2.TemplateError as exc:
            raise SjabloonFout(f"{SJABLOON}: fout bij het opmaken van de pagina: {exc}") from exc
        info = Documentinfo(titel=titel, onderwerp=titel, soort="site", datum=self.datum, generator=self.generator)
        page = self._html.pagina(Markup(body), info)
        if zoeken is None:
            return page
        scripts = (f'<script src="{zoeken}{ZOEKINDEX_JS}" defer></script>\n'
                   f'<script src="{zoeken}{SCRIPT}" defer></script>\n</body>').encode()
        return page.replace(b"</body>", scripts, 1)

    def script(self) -> bytes:
        return self.sjablonen.lees(SCRIPT)


def zoekindex(afspraken: list[dict[str, str]]) -> dict[str, bytes]:
    """The afspraken to search in: as JSON for programs, and as a script for the page."""
    data = json.dumps(afspraken, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # In a script, '</' could end it early: escaped, the same JSON.
    script = "window.prestatieZoekindex = " + data.replace("</", "<\\/") + ";\n"
    return {ZOEKINDEX_JSON: (data + "\n").encode(), ZOEKINDEX_JS: script.encode()}


def licentie(code: str | None) -> str:
    """The licence as an address: a known SPDX code, or the URL the agreement names."""
    code = code or "CC0-1.0"
    return LICENTIES.get(code, code)


def document_metadata(*, url: str, titel: str, soort: str, versie: str, overeenkomst: str,
                      overeenkomst_url: str, partijen: list[dict[str, str]], uitgever: str | None,
                      datum: dt.date | None, gewijzigd: dt.datetime, van: int, tot: int,
                      licentie_url: str, extensie: str) -> dict[str, Any]:
    """One document as a schema.org ``DigitalDocument``."""
    record: dict[str, Any] = {
        "@type": "DigitalDocument",
        "@id": url,
        "url": url,
        "name": titel,
        "genre": soort,
        "version": versie,
        "inLanguage": "nl",
        "encodingFormat": FORMATEN.get(extensie, "application/octet-stream"),
        "creator": [{"@type": "Organization", "name": p["naam"], "description": p["soort"]} for p in partijen],
        "dateModified": gewijzigd.date().isoformat(),
        "temporalCoverage": f"{van}/{tot}",
        "license": licentie_url,
        "isPartOf": {"@type": "CreativeWork", "@id": overeenkomst_url, "name": overeenkomst},
    }
    if uitgever:
        record["publisher"] = {"@type": "Organization", "name": uitgever}
    if datum is not None:
        record["datePublished"] = datum.isoformat()
    return record


def metadata(records: list[dict[str, Any]]) -> bytes:
    """Every published document's record in one JSON-LD graph."""
    data = {"@context": "https://schema.org/", "@graph": records}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
