"""The comparison as a Word document with real tracked changes (``w:ins``/``w:del`` with
author and date): the reader accepts or rejects each one in Word or LibreOffice; accepting all
gives the new values, rejecting all the old ones."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml.ns import qn

from ...plan.verschil import GROEPEN, Overeenkomstverschil, Wijziging, woordverschil
from ...render.document import Documentinfo
from ..gedeeld import utc
from . import ooxml as ox
from .ooxmlkader import set_header_footer, set_properties
from .ooxml import sub
from .package import package_bytes
from ..tekst.redline import TITEL, samenvatting


class _Tracked:
    """Writes paragraphs whose runs are tracked insertions and deletions."""

    def __init__(self, document, auteur: str, datum: dt.datetime):
        self.document = document
        self.body = document.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        self.auteur = auteur
        self.datum = utc(datum).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.count = 0
        self.styles: dict[str, str] = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                self.styles.setdefault(name.get(qn("w:val"), "").lower(), style.get(qn("w:styleId")))

    def paragraph(self, style: str | None = None, mark: str | None = None):
        p = ox.new("w:p")
        ppr = sub(p, "w:pPr")
        if style and style.lower() in self.styles:
            sub(ppr, "w:pStyle", val=self.styles[style.lower()])
        if mark:  # the paragraph itself is new or gone
            sub(sub(ppr, "w:rPr"), f"w:{mark}", id=self._id(), author=self.auteur, date=self.datum)
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p

    def _id(self) -> str:
        self.count += 1
        return str(self.count)

    def text(self, p, text: str, kind: str = "=", bold: bool = False) -> None:
        if not text:
            return
        parent = p
        if kind in ("+", "-"):
            parent = sub(p, "w:ins" if kind == "+" else "w:del", id=self._id(), author=self.auteur, date=self.datum)
        r = sub(parent, "w:r")
        if bold:
            sub(sub(r, "w:rPr"), "w:b")
        t = sub(r, "w:delText" if kind == "-" else "w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def field(self, w: Wijziging, mark: str | None) -> None:
        p = self.paragraph("List Bullet", mark)
        self.text(p, f"{w.veld}: ", "+" if mark == "ins" else "-" if mark == "del" else "=", bold=True)
        for kind, text in woordverschil(w.oud, w.nieuw):
            self.text(p, " ".join(text.split("\n")), kind)


def word(verschillen: list[Overeenkomstverschil], oud: str, nieuw: str, huisstijl: bytes,
         auteur: str, datum: dt.datetime) -> bytes:
    """A .docx whose changes are tracked: accepting all gives the new values, rejecting all the old."""
    document = docx.Document(io.BytesIO(huisstijl))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    w = _Tracked(document, auteur, datum)
    w.text(w.paragraph("Title"), TITEL)
    w.text(w.paragraph(), f"Van {oud} naar {nieuw}. Wijzigingen staan als bijgehouden wijzigingen in dit "
                          "document: u kunt ze per stuk accepteren of weigeren (Controleren > Wijzigingen).")
    for v in verschillen:
        w.text(w.paragraph("Heading 1"), v.titel)
        w.text(w.paragraph(), samenvatting(v))
        if v.soort != "gewijzigd" or v.leeg:
            continue
        if v.algemeen:
            w.text(w.paragraph("Heading 2"), "De overeenkomst")
            for change in v.algemeen:
                w.field(change, None)
        for groep in GROEPEN:
            items = v.groepen.get(groep, [])
            if not items:
                continue
            w.text(w.paragraph("Heading 2"), groep)
            for o in items:
                mark = {"toegevoegd": "ins", "verwijderd": "del"}.get(o.soort)
                kind = {"ins": "+", "del": "-"}.get(mark or "", "=")
                w.text(w.paragraph("Heading 3", mark), o.naam, kind)
                for change in o.wijzigingen:
                    w.field(change, mark)
    info = Documentinfo(titel=TITEL, onderwerp=f"Van {oud} naar {nieuw}", auteurs=(auteur,),
                        trefwoorden=("prestatieafspraken", "wijzigingen"), datum=datum, soort="verschil")
    set_header_footer(document, w.styles.get("header", "Koptekst"), w.styles.get("footer", "Voettekst"),
                         f"{TITEL} · {nieuw}", False, "Liberation Sans")
    set_properties(document, info)
    return package_bytes(document, datum)
