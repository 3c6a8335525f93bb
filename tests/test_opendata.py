"""Open data (CSV, JSON, CSVW, licence) and the deadline calendar, read back as a user's tool would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from prestatie import pipeline

from conftest import EXAMPLE

FIXTURE = Path(__file__).parent / "fixtures" / "klein"


@pytest.fixture(scope="module")
def uit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        pipeline.build(EXAMPLE.parent, out, formaten=("data", "ics"), jobs=1)
    finally:
        mp.undo()
    return out / EXAMPLE.name


@pytest.fixture(scope="module")
def bron() -> dict:
    return yaml.safe_load((EXAMPLE / "overeenkomst.yaml").read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_one_row_per_commitment_in_the_sources_order(uit: Path, bron: dict) -> None:
    table = rows(uit / "afspraken.csv")
    assert [r["id"] for r in table] == [a["id"] for a in bron["afspraken"]]
    a02 = next(r for r in table if r["id"] == "a02")
    src = next(a for a in bron["afspraken"] if a["id"] == "a02")
    assert a02["label"] == "A02"
    assert a02["titel"] == src["titel"]
    assert a02["thema"] == src["thema"]
    assert a02["trekker"] == src["trekker"]
    assert a02["betrokken"].split("; ") == src["betrokken"]
    assert a02["gemeente"] == src["gemeente"]
    assert a02["termijn"] == a02["termijn_einde"] == src["termijn"].isoformat()
    assert a02["indicator"] == src["indicator"]


def test_status_per_reported_year(uit: Path) -> None:
    jaren = sorted(int(p.stem) for p in (EXAMPLE / "voortgang").glob("*.yaml"))
    table = rows(uit / "afspraken.csv")
    assert [k for k in table[0] if k.startswith("status_")] == [f"status_{j}" for j in jaren]
    for jaar in jaren:
        v = yaml.safe_load((EXAMPLE / "voortgang" / f"{jaar}.yaml").read_text(encoding="utf-8"))
        for r in table:
            regel = v.get("afspraken", {}).get(r["id"])
            assert r[f"status_{jaar}"] == (regel["status"] if regel else ""), (jaar, r["id"])


def test_json_holds_the_same_as_the_csv(uit: Path) -> None:
    table = rows(uit / "afspraken.csv")
    data = json.loads((uit / "afspraken.json").read_text(encoding="utf-8"))
    assert data["licentie"]["code"] == "CC0-1.0"
    assert len(data["afspraken"]) == len(table)
    for r, j in zip(table, data["afspraken"]):
        assert j["id"] == r["id"] and j["label"] == r["label"]
        assert "; ".join(j["betrokken"]) == r["betrokken"]
        assert (j["gemeente"] or "") == r["gemeente"]
        for key, value in j["status"].items():
            assert (value or "") == r[f"status_{key}"]


def test_indicators_targets_and_realisation_per_year(uit: Path, bron: dict) -> None:
    table = rows(uit / "indicatoren.csv")
    for ind in bron["indicatoren"]:
        mine = {int(r["jaar"]): r for r in table if r["indicator"] == ind["id"]}
        for jaar, waarde in ind.get("streefwaarden", {}).items():
            assert float(mine[int(jaar)]["streefwaarde"]) == float(waarde)
    v2023 = yaml.safe_load((EXAMPLE / "voortgang" / "2023.yaml").read_text(encoding="utf-8"))
    for ident, waarde in v2023["indicatoren"].items():
        r = next(r for r in table if r["indicator"] == ident and r["jaar"] == "2023")
        assert float(r["realisatie"]) == float(waarde)


def test_csvw_metadata_describes_every_column_in_order(uit: Path) -> None:
    meta = json.loads((uit / "csv-metadata.json").read_text(encoding="utf-8"))
    assert "http://www.w3.org/ns/csvw" in meta["@context"]
    assert "creativecommons.org/publicdomain/zero" in meta["dc:license"]["@id"]
    for table in meta["tables"]:
        header = next(csv.reader(io.StringIO((uit / table["url"]).read_text(encoding="utf-8"))))
        columns = table["tableSchema"]["columns"]
        assert [c["name"] for c in columns] == header
        assert all(c["dc:description"] for c in columns)
        for r in rows(uit / table["url"]):  # every value fits its datatype
            for c in columns:
                value = r[c["name"]]
                if c.get("required"):
                    assert value
                if value and c["datatype"] == "integer":
                    int(value)
                elif value and c["datatype"] == "decimal":
                    float(value)
                elif value and c["datatype"] == "date":
                    dt.date.fromisoformat(value)


def test_licence_is_cc0_by_default_and_configurable(uit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "CC0 1.0" in (uit / "licentie.txt").read_text(encoding="utf-8")
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    folder = next((root / "bron").iterdir())
    text = (folder / "overeenkomst.yaml").read_text(encoding="utf-8")
    (folder / "overeenkomst.yaml").write_text(text + "licentie: CC-BY-4.0\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(root / "bron", root / "build", formaten=("data",), jobs=1)
    out = root / "build" / folder.name
    assert "Naamsvermelding 4.0" in (out / "licentie.txt").read_text(encoding="utf-8")
    assert json.loads((out / "afspraken.json").read_text(encoding="utf-8"))["licentie"]["code"] == "CC-BY-4.0"


def test_same_sources_same_bytes(uit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(EXAMPLE.parent, tmp_path, formaten=("data", "ics"), jobs=1)
    for path in sorted(uit.iterdir()):
        if path.name != "manifest.json":
            assert (tmp_path / EXAMPLE.name / path.name).read_bytes() == path.read_bytes(), path.name


def test_calendar_has_each_deadline_with_a_stable_uid(uit: Path, bron: dict) -> None:
    cal = Calendar.from_ical((uit / "termijnen.ics").read_bytes())
    assert cal["version"] == "2.0" and cal["prodid"]
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(bron["afspraken"])
    for a in bron["afspraken"]:
        event = events[f"{EXAMPLE.name}-{a['id']}-termijn@prestatie"]
        termijn = a["termijn"]
        day = termijn if isinstance(termijn, dt.date) else dt.date(int(termijn), 12, 31)
        assert event.decoded("dtstart") == day
        assert event.decoded("dtend") == day + dt.timedelta(days=1)
        assert a["id"].upper() in str(event["summary"])
        assert event.decoded("dtstamp") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_calendar_lines_are_crlf_and_folded(uit: Path) -> None:
    data = (uit / "termijnen.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_recurring_duty_becomes_a_recurrence() -> None:
    from prestatie.write.data.ics import herhaalregel

    assert herhaalregel(12) == {"FREQ": "MONTHLY", "INTERVAL": 1}
    assert herhaalregel(4) == {"FREQ": "MONTHLY", "INTERVAL": 3}
    assert herhaalregel(3) == {"FREQ": "MONTHLY", "INTERVAL": 4}
    assert herhaalregel(1) == {"FREQ": "YEARLY", "INTERVAL": 1}
    assert herhaalregel(0.5) == {"FREQ": "YEARLY", "INTERVAL": 2}
    assert herhaalregel(52) == {"FREQ": "WEEKLY", "INTERVAL": 1}


def test_recurring_duty_is_a_repeating_event_until_the_end_of_the_looptijd() -> None:
    """A model with recurring duties (herhaling, vanaf) and a deadline as a quarter."""
    from types import SimpleNamespace as NS

    from prestatie.model.waarden import herhaling, planning, startmoment
    from prestatie.write.data.ics import kalender

    afspraken = [
        NS(id="r2a", label="R2a", titel="Lijst woningzoekenden", tekst="De corporatie stuurt *elke maand* een lijst.",
           trekker=["wonen"], termijn=None, herhaling=herhaling("maandelijks"), vanaf=startmoment("2024-07-01")),
        NS(id="b3", label=None, titel=None, tekst="Overleg over de [huren](https://example.org).", trekker="wonen",
           termijn=planning("Q1 2026"), herhaling=herhaling("elke vier maanden"), vanaf=None),
    ]
    o = NS(titel="Afspraken Dorp", looptijd=NS(van=2024, tot=2027), partijen=[NS(id="wonen", korte_naam="Wonen")],
           afspraken=afspraken)
    data = kalender(NS(map="dorp-2024-2027", overeenkomst=o), "1.0", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    cal = Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"dorp-2024-2027-r2a-herhaling@prestatie", "dorp-2024-2027-b3-termijn@prestatie",
                           "dorp-2024-2027-b3-herhaling@prestatie"}
    monthly = events["dorp-2024-2027-r2a-herhaling@prestatie"]
    assert monthly.decoded("dtstart") == dt.date(2024, 7, 1)
    rule = monthly["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [1] and rule["UNTIL"] == [dt.date(2027, 12, 31)]
    assert str(monthly["summary"]) == "R2a · Lijst woningzoekenden (maandelijks)"
    quarter = events["dorp-2024-2027-b3-termijn@prestatie"]
    assert quarter.decoded("dtstart") == dt.date(2026, 3, 31)
    assert "Termijn: Q1 2026." in str(quarter["description"])
    every4 = events["dorp-2024-2027-b3-herhaling@prestatie"]
    assert every4["rrule"]["INTERVAL"] == [4] and every4["rrule"]["UNTIL"] == [dt.date(2026, 3, 31)]
    assert "Overleg over de huren." in str(every4["description"])  # Markdown shown as plain text
