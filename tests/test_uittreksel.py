"""Extracts per party: read back from the built HTML, Word and calendar files of the three
examples, and compared with the afspraken lists of the YAML sources themselves."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import icalendar
import lxml.html
import pytest
import yaml

from conftest import ROOT, build_at, build_copy, edit

BOUWDATUM = dt.date(2023, 11, 14)  # SOURCE_DATE_EPOCH 1700000000
FORMATEN = ("md", "html", "docx", "ics")


def _build(bron: Path, uit: Path) -> Path:
    return build_at(bron, uit, formaten=FORMATEN)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("uittreksel"), formaten=FORMATEN)


def _bron(map_: str) -> dict:
    return yaml.safe_load((ROOT / "bron" / map_ / "overeenkomst.yaml").read_text(encoding="utf-8"))


def _lijst(x) -> list[str]:
    return [] if x is None else [str(i) for i in (x if isinstance(x, list) else [x])]


def _verwacht(o: dict, partij: dict) -> list[str]:
    """The ids of the party's afspraken, straight from the YAML: trekker, betrokken, its own
    gemeente, or an afspraak of all parties (no trekker, no betrokken, no other gemeente)."""
    ids = []
    for a in o["afspraken"]:
        trekker, betrokken = _lijst(a.get("trekker")), _lijst(a.get("betrokken"))
        gemeente = a.get("gemeente")
        pid = str(partij["id"])
        if (pid in trekker or pid in betrokken or (partij["soort"] == "gemeente" and gemeente == pid)
                or (not trekker and not betrokken and (gemeente is None or partij["soort"] != "gemeente"))):
            ids.append(_sleutel(a))
    return ids


def _sleutel(a: dict) -> str:
    """An afspraak's id; an unnumbered item (a bullet) has none a reader sees: its text stands in."""
    return str(a["id"]) if "id" in a else "tekst:" + str(a.get("tekst") or a.get("titel"))


def _sectie(page: lxml.html.HtmlElement, kop: str) -> list[lxml.html.HtmlElement]:
    """The elements after the h2 ``kop`` up to the next h2."""
    h2 = next(h for h in page.iter("h2") if h.text_content().strip() == kop)
    out = []
    for el in h2.itersiblings():
        if el.tag == "h2":
            break
        out.append(el)
    return out


def _links(elements: list[lxml.html.HtmlElement]) -> list[str]:
    return [a.get("href").split("#")[1] for el in elements for a in el.iter("a")
            if ".html#" in (a.get("href") or "")]


MAPPEN = sorted(p.name for p in (ROOT / "bron").iterdir() if (p / "overeenkomst.yaml").is_file())
PARTIJEN = [(m, str(p["id"])) for m in MAPPEN for p in _bron(m)["partijen"]]


@pytest.mark.parametrize(("map_", "pid"), PARTIJEN)
def test_uittreksel_has_exactly_the_partys_afspraken_in_agreement_order(build: Path, map_: str, pid: str) -> None:
    o = _bron(map_)
    partij = next(p for p in o["partijen"] if str(p["id"]) == pid)
    folder = build / map_
    for ext in FORMATEN:
        assert (folder / f"uittreksel-{pid}.{ext}").is_file()
    page = lxml.html.parse(str(folder / f"uittreksel-{pid}.html")).getroot()
    assert page.findtext(".//h1").strip() == f"Uittreksel voor {partij['naam']}"
    bekend = {str(a["id"]) for a in o["afspraken"] if "id" in a}
    gevonden = [i for i in _links(_sectie(page, "De afspraken")) if i in bekend]
    eigen = set(_verwacht(o, partij))
    # Nothing missing, nothing extra: per theme (the agreement's order), then in the agreement's order.
    assert gevonden == [str(a["id"]) for t in o["themas"] for a in o["afspraken"]
                        if a["thema"] == t["id"] and str(a.get("id")) in eigen]
    # Grouped by theme in the agreement's order, under the agreement's own theme titles.
    themas = [t["titel"] for t in o["themas"]
              if any(a["thema"] == t["id"] and (str(a.get("id")) in gevonden or ("id" not in a and _sleutel(a) in eigen))
                     for a in o["afspraken"])]
    assert [h.text_content().strip() for el in _sectie(page, "De afspraken") for h in el.iter("h3")] == themas
    # The agreement's own numbering is the link text.
    nummers = {str(a["id"]): str(a.get("nummer", a["id"])) for a in o["afspraken"] if "id" in a}
    teksten = [a.text_content() for el in _sectie(page, "De afspraken") for a in el.iter("a")
               if ".html#" in (a.get("href") or "")]
    assert teksten == [nummers[i] for i in gevonden]


def test_a_gemeente_of_a_joint_agreement_gets_its_own_part_only(build: Path) -> None:
    o = _bron("beverwijk-heemskerk-2022-2025")
    alleen_beverwijk = [str(a["id"]) for a in o["afspraken"] if a.get("gemeente") == "beverwijk"
                        and "heemskerk" not in _lijst(a.get("trekker")) + _lijst(a.get("betrokken"))]
    assert alleen_beverwijk
    heemskerk = lxml.html.parse(str(build / "beverwijk-heemskerk-2022-2025/uittreksel-heemskerk.html")).getroot()
    beverwijk = lxml.html.parse(str(build / "beverwijk-heemskerk-2022-2025/uittreksel-beverwijk.html")).getroot()
    assert not set(alleen_beverwijk) & set(_links(_sectie(heemskerk, "De afspraken")))
    assert set(alleen_beverwijk) <= set(_links(_sectie(beverwijk, "De afspraken")))


@pytest.mark.parametrize(("map_", "pid"), PARTIJEN)
def test_uittreksel_says_what_it_is_and_is_never_a_signed_document(build: Path, map_: str, pid: str) -> None:
    folder = build / map_
    html = (folder / f"uittreksel-{pid}.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    tekst = " ".join(page.text_content().split())
    woord = " ".join(p.text for p in docx.Document(str(folder / f"uittreksel-{pid}.docx")).paragraphs)
    for t in (tekst, woord, (folder / f"uittreksel-{pid}.md").read_text(encoding="utf-8")):
        assert "ondertek" not in t.lower()
        assert "handtekening:" not in t.lower()
    o = _bron(map_)
    assert f"Dit is een uittreksel van versie {o['versie']}" in tekst
    assert "geen overeenkomst" in tekst
    assert any(a.get("href") == "overeenkomst.html" and a.text_content() == o["titel"] for a in page.iter("a"))
    assert "Uittreksel voor" in woord


@pytest.mark.parametrize(("map_", "pid"), PARTIJEN)
def test_deadlines_next_one_first_and_calendar_holds_the_partys_own(build: Path, map_: str, pid: str) -> None:
    folder = build / map_
    page = lxml.html.parse(str(folder / f"uittreksel-{pid}.html")).getroot()
    cal = icalendar.Calendar.from_ical((folder / f"uittreksel-{pid}.ics").read_bytes())
    geheel = icalendar.Calendar.from_ical((folder / "termijnen.ics").read_bytes())
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    o = _bron(map_)
    partij = next(p for p in o["partijen"] if str(p["id"]) == pid)
    eigen = set(_verwacht(o, partij))
    verwacht = {str(e["uid"]) for e in geheel.walk("VEVENT")
                if str(e["uid"]).split("-termijn@")[0].split("-herhaling@")[0].removeprefix(map_ + "-") in eigen}
    assert uids == verwacht
    termijn_dagen = sorted(e.decoded("dtstart") for e in cal.walk("VEVENT") if "-termijn@" in str(e["uid"]))
    # The table of deadlines to come: ascending from the build date, the next one first.
    tabellen = _sectie(page, "Termijnen")
    rijen = [r for el in tabellen for t in el.iter("table") for r in t.iter("tr") if r.find("td") is not None]
    komend = [d for d in termijn_dagen if d >= BOUWDATUM]
    if komend:
        eerste = next(t for el in tabellen for t in el.iter("table"))
        cellen = [r.find("td").text_content().strip() for r in eerste.iter("tr") if r.find("td") is not None]
        from prestatie.core.opmaak import datum
        assert cellen == [datum(d) for d in komend]
    assert len(rijen) == len(termijn_dagen)


def test_progress_shows_the_latest_year_status_of_the_partys_afspraken(build: Path) -> None:
    map_ = "beverwijk-heemskerk-2022-2025"
    o = _bron(map_)
    jaren = sorted(int(p.stem) for p in (ROOT / "bron" / map_ / "voortgang").glob("*.yaml"))
    v = yaml.safe_load((ROOT / "bron" / map_ / "voortgang" / f"{jaren[-1]}.yaml").read_text(encoding="utf-8"))
    page = lxml.html.parse(str(build / map_ / "uittreksel-woonopmaat.html")).getroot()
    assert any(h.text_content().strip() == f"Stand in {jaren[-1]}" for h in page.iter("h3"))
    rijen = {r.findtext("td/a"): r.findall("td")[-1].text_content() for el in _sectie(page, "Voortgang")
             for t in el.iter("table") for r in t.iter("tr") if r.find("td/a") is not None}
    nummers = {str(a["id"]): str(a.get("nummer", a["id"])) for a in o["afspraken"] if "id" in a}
    gemeld = {k: r for k, r in (v.get("afspraken") or {}).items() if isinstance(r, dict) and r.get("status")}
    partij = next(p for p in o["partijen"] if p["id"] == "woonopmaat")
    for ident in _verwacht(o, partij):
        if ident in gemeld and nummers[ident] in rijen:
            assert rijen[nummers[ident]].lower().startswith(
                {"gerealiseerd": "✓", "op schema": "→", "doorlopend": "↻"}.get(gemeld[ident]["status"], "")
            )
    assert rijen


def test_a_party_of_several_agreements_gets_one_extract_across_them(tmp_path: Path) -> None:
    bron = tmp_path / "bron"
    bron.mkdir()
    shutil.copytree(ROOT / "bron/beverwijk-heemskerk-2022-2025", bron / "a-beverwijk")
    shutil.copytree(ROOT / "bron/bergen-2024-2027", bron / "b-bergen")
    # Pré Wonen signs in Bergen too, under another id.
    edit(bron, "b-bergen/overeenkomst.yaml", "naam: Stichting Kennemer Wonen", "naam: Stichting Pré Wonen")
    uit = _build(bron, tmp_path / "build")
    page = lxml.html.parse(str(uit / "a-beverwijk/uittreksel-pre-wonen.html")).getroot()
    titels = [h.text_content().strip() for h in page.iter("h3")]
    bergen = _bron("bergen-2024-2027")["titel"]
    assert [t for t in titels if t.startswith("Prestatieafspraken")] == [
        _bron("beverwijk-heemskerk-2022-2025")["titel"], bergen]
    tekst = " ".join(page.text_content().split())
    assert "Dit is een uittreksel van 2 overeenkomsten" in tekst
    # The other agreement's folder is named (a document never links outside its folder).
    assert "(overeenkomst.html in de map b-bergen)" in tekst
    assert not any("bergen" in (a.get("href") or "") for a in page.iter("a"))
    # Beside the Bergen agreement (the second folder), its extract of Bergen only, which says
    # where the whole one is.
    other = lxml.html.parse(str(uit / "b-bergen/uittreksel-kennemer-wonen.html")).getroot()
    assert not [h for h in other.iter("h3") if h.text_content().startswith("Prestatieafspraken")]
    assert (f"Stichting Pré Wonen is partij bij 2 overeenkomsten. Het uittreksel over alle 2 staat bij "
            f"{_bron('beverwijk-heemskerk-2022-2025')['titel']} (uittreksel-pre-wonen.html in de map a-beverwijk)."
            ) in " ".join(other.text_content().split())
    # Its calendar holds the events of both agreements.
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(
        (uit / "a-beverwijk/uittreksel-pre-wonen.ics").read_bytes()).walk("VEVENT")}
    assert {u.split("-")[0] for u in uids} == {"a", "b"}
    # A change in the other agreement makes this extract again.
    edit(bron, "b-bergen/overeenkomst.yaml", f"titel: {bergen}", "titel: Andere titel Bergen")
    _build(bron, uit)
    assert "Andere titel Bergen" in (uit / "a-beverwijk/uittreksel-pre-wonen.md").read_text(encoding="utf-8")
