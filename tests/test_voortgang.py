"""The yearly progress report: derived views with exact numbers, and how they read in every format.

The fixture ``fixtures/voortgang`` is a small hand-made agreement (7 afspraken in 4 themes, 3
indicators: one cumulatief, one 'lager is beter', one percentage) with progress for 2023 and
2024. Every expected number below was worked out by hand from those YAML files.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from conftest import VOORTGANG_ALT, build_at
from prestatie import pipeline
from prestatie.cli import main
from prestatie.core.errors import BronFout, Rapport
from prestatie.load import load_folder
from prestatie.model import Dossier
from prestatie.plan.voortgang import (
    afspraakstanden,
    indicatorstand,
    indicatorstanden,
    kerncijfers,
    statustelling,
    te_laat,
    themastanden,
    verst_achter,
)
from prestatie.plan.rapportage import voortgang_context
from prestatie.plan.veranderingen import veranderingen

FIXTURE = Path(__file__).parent / "fixtures" / "voortgang"
NAAM = "dorp-2023-2026"
AFSPRAKEN = ["a01", "a02", "a03", "a04", "a05", "a06", "a07"]
KORT = {  # how each afspraak is named in the report (titel, else the first sentence, as a title: no full stop)
    "a01": "Thuis levert de nieuwbouw aan de Dorpsplein op",
    "a02": "De gemeente wijst een locatie aan voor 40 sociale huurwoningen",
    "a03": "Thuis verbetert alle woningen met label E, F of G",
    "a04": "Partijen geven huurders met een laag inkomen energieadvies",
    "a05": "De partijen maken een plan voor woningen voor ouderen",
    "a06": "Huur | passend *toewijzen*",
    "a07": "De gemeente onderzoekt een huurtoeslagloket",
}
ALT = VOORTGANG_ALT


def load(folder: Path) -> Dossier:
    rapport = Rapport()
    bron = load_folder(folder, rapport)
    assert bron is not None and not rapport.fouten, rapport.fouten
    return bron


@pytest.fixture(scope="module")
def bron() -> Dossier:
    return load(FIXTURE / "bron" / NAAM)


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    """A writable copy of the fixture project, for variants."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built once in every format."""
    return build_at(FIXTURE / "bron", tmp_path_factory.mktemp("uit")) / NAAM


def md(gebouwd: Path, jaar: int) -> str:
    return (gebouwd / f"voortgang-{jaar}.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next heading of the same or a higher level,
    or up to the colophon below the last rule."""
    level = heading.split(" ", 1)[0]
    m = re.search(re.escape(heading) + r"(?: \([^)\n]*\))?\n", text)  # a theme names its afspraak numbers
    assert m, heading
    rest = text[m.end() :]
    m = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[: m.start()] if m else rest[: rest.rfind("\n---\n")]


def table_rows(text: str) -> list[str]:
    """Body rows of the first table in ``text``."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return rows[2:]


def names(items) -> list[str]:
    return [i.afspraak.id for i in items]


# --- counts per status ----------------------------------------------------------------------


def telling(bron: Dossier, jaar: int) -> list[tuple[str, int, float]]:
    return [(t.status.naam, t.aantal, t.aandeel) for t in statustelling(afspraakstanden(bron, jaar))]


def test_counts_per_status(bron: Dossier) -> None:
    assert telling(bron, 2023) == [
        ("gerealiseerd", 1, 14.3),
        ("op schema", 3, 42.9),
        ("niet gestart", 1, 14.3),
        ("aandacht", 1, 14.3),
        ("vervallen", 1, 14.3),
    ]
    assert telling(bron, 2024) == [
        ("gerealiseerd", 2, 28.6),
        ("op schema", 2, 28.6),
        ("vertraagd", 1, 14.3),
        ("vervallen", 1, 14.3),
        ("geen voortgang gemeld", 1, 14.3),
    ]


def test_counts_per_theme(bron: Dossier) -> None:
    per_thema = {
        t.thema.id: [(s.status.naam, s.aantal) for s in t.telling] for t in themastanden(bron, 2024)
    }
    assert per_thema == {
        "bouwen": [("gerealiseerd", 1), ("op schema", 1), ("vertraagd", 1)],
        "duurzaam": [("gerealiseerd", 1), ("op schema", 1)],
        "betaalbaar": [("vervallen", 1), ("geen voortgang gemeld", 1)],
        "leeg": [],
    }


def test_headline_counts(bron: Dossier) -> None:
    k = kerncijfers(afspraakstanden(bron, 2024))
    assert (k.totaal, k.gerealiseerd, k.vervallen, k.lopend, k.aandacht, k.te_laat, k.geen_melding) == (
        7, 2, 1, 2, 1, 2, 1,
    )


def test_counts_in_markdown(gebouwd: Path) -> None:
    rows = table_rows(section(md(gebouwd, 2024), "### Stand van de afspraken"))
    assert rows == [
        "| ✓ Gerealiseerd | 2 | 28,6% |",
        "| → Op schema | 2 | 28,6% |",
        "| ↓ Vertraagd | 1 | 14,3% |",
        "| – Vervallen | 1 | 14,3% |",
        "| ? Geen voortgang gemeld | 1 | 14,3% |",
        "| **Totaal** | **7** | **100%** |",
    ]
    assert table_rows(section(md(gebouwd, 2023), "### Stand van de afspraken"))[3] == (
        "| \\! Vraagt aandacht | 1 | 14,3% |"
    )
    samenvatting = section(md(gebouwd, 2024), "## Samenvatting")
    assert "Een jaar met *vertraging* bij de bouw." in samenvatting
    assert (
        "Stand op 31 maart 2025, 7 afspraken die in 2024 gelden: 2 gerealiseerd, 2 op schema, 1 vertraagd, "
        "1 vervallen, 1 geen voortgang gemeld.\n2 afspraken zijn over de termijn."
    ) in samenvatting


# --- overdue --------------------------------------------------------------------------------


def test_overdue(bron: Dossier) -> None:
    assert [(o.afspraak.id, o.einddatum, o.status.naam, o.dagen) for o in te_laat(bron, 2024)] == [
        ("a02", dt.date(2024, 6, 30), "vertraagd", 274),
        ("a06", dt.date(2024, 12, 31), "geen voortgang gemeld", 90),
    ]
    # a04 (termijn 2023) needed attention at the peildatum 31 March 2024; a01 and a07 were done.
    assert [(o.afspraak.id, o.dagen) for o in te_laat(bron, 2023)] == [("a04", 91)]


def test_overdue_in_markdown(gebouwd: Path) -> None:
    assert table_rows(section(md(gebouwd, 2024), "## Over de termijn")) == [
        f"| A02 | {KORT['a02']} "
        "| Dorp | 30 juni 2024 | ↓ Vertraagd |",
        "| A06 | Huur \\| passend \\*toewijzen\\* | Thuis | 2024 "
        "| ? Geen voortgang gemeld |",
    ]
    thema = section(md(gebouwd, 2024), "### Nieuwe woningen")
    assert table_rows(thema)[1] == (
        f"| A02 | {KORT['a02']} | Dorp | 30 juni 2024 (over de termijn) "
        "| ↓ Vertraagd | *Toelichting:* De locatie is nog niet aangewezen. |"
    )


def test_done_earlier_and_silent_now_is_not_overdue(kopie: Path) -> None:
    # a01 (termijn 2023) was realised in 2023; a report that no longer mentions it keeps it done.
    edit(kopie / "bron" / NAAM / "voortgang" / "2024.yaml", "  a01:\n    status: gerealiseerd\n", "")
    bron = load(kopie / "bron" / NAAM)
    a01 = afspraakstanden(bron, 2024)[0]
    assert (a01.gemeld, a01.status.naam, a01.te_laat) == (False, "geen voortgang gemeld", False)
    assert a01.laatst_gemeld is not None and a01.laatst_gemeld[0] == 2023
    assert a01.laatst_gemeld[1].naam == "gerealiseerd"
    assert names(te_laat(bron, 2024)) == ["a02", "a06"]


def test_overdue_at_the_peildatum_not_before(kopie: Path) -> None:
    # a termijn that ends on the peildatum itself is not yet overdue
    edit(kopie / "bron" / NAAM / "overeenkomst.yaml", "termijn: 2024-06-30", "termijn: 2025-03-31")
    assert names(te_laat(load(kopie / "bron" / NAAM), 2024)) == ["a06"]


# --- indicators -----------------------------------------------------------------------------


def rows(stand) -> list[tuple]:
    return [
        (j.jaar, j.streefwaarde, j.gerealiseerd, j.streef_cumulatief, j.gerealiseerd_cumulatief, j.toekomst)
        for j in stand.jaren
    ]


def test_cumulative_realisation(bron: Dossier) -> None:
    nieuwbouw = indicatorstand(bron, bron.overeenkomst.indicatoren[0], 2024)
    assert rows(nieuwbouw) == [
        (2023, 20, 24, 20, 24, False),
        (2024, 30, 12, 50, 36, False),
        (2025, 30, None, 80, None, True),
        (2026, 20, None, 100, None, True),
    ]
    assert (nieuwbouw.vanaf, nieuwbouw.streefwaarde, nieuwbouw.gerealiseerd) == (2023, 50, 36)
    assert (nieuwbouw.verschil, nieuwbouw.gehaald) == (-14, False)
    assert [nieuwbouw.gehaald_in(j) for j in nieuwbouw.tot_nu] == [True, False]
    assert nieuwbouw.alt == ALT["nieuwbouw"]


def test_level_indicators_judged_in_their_direction(bron: Dossier) -> None:
    label, passend = indicatorstanden(bron, 2024)[1:]
    assert rows(label)[:2] == [(2023, 75, 80, None, None, False), (2024, 50, 48, None, None, False)]
    assert (label.vanaf, label.streefwaarde, label.gerealiseerd, label.verschil) == (2024, 50, 48, -2)
    assert [label.gehaald_in(j) for j in label.tot_nu] == [False, True]  # lager is beter
    assert (passend.streefwaarde, passend.gerealiseerd, passend.gehaald) == (95, 93.5, False)
    assert [s.indicator.id for s in verst_achter(indicatorstanden(bron, 2024))] == ["nieuwbouw", "passend"]
    assert [s.indicator.id for s in verst_achter(indicatorstanden(bron, 2023))] == ["label-efg"]


def test_cumulative_stops_at_a_missing_year(kopie: Path) -> None:
    edit(kopie / "bron" / NAAM / "voortgang" / "2023.yaml", "  nieuwbouw: 24\n", "")
    bron = load(kopie / "bron" / NAAM)
    nieuwbouw = indicatorstand(bron, bron.overeenkomst.indicatoren[0], 2024)
    assert rows(nieuwbouw)[:2] == [(2023, 20, None, 20, None, False), (2024, 30, 12, 50, None, False)]
    assert nieuwbouw.gehaald is None


def test_indicators_in_markdown(gebouwd: Path) -> None:
    text = md(gebouwd, 2024)
    assert table_rows(section(text, "### Indicatoren in 2024")) == [
        "| Nieuwe sociale huurwoningen | 2023 t/m 2024 | 50 | 36 | −14 | ! achter (opgeteld); 2024 zelf: ! achter |",
        "| Woningen met label E, F of G (lager is beter) | 2024 | 50 | 48 | −2 | ✓ gehaald |",
        "| Passend toegewezen | 2024 | 95% | 93,5% | −1,5 procentpunt | ! achter |",
    ]
    assert table_rows(section(text, "### Nieuwe sociale huurwoningen")) == [
        "| 2023 | 20 | 24 | 20 | 24 | ✓ gehaald |",
        "| 2024 | 30 | 12 | 50 | 36 | ! achter |",
    ]
    assert table_rows(section(text, "### Woningen met label E, F of G")) == [
        "| 2023 | 75 | 80 | \\+5 | ! achter |",
        "| 2024 | 50 | 48 | −2 | ✓ gehaald |",
    ]
    for ident, alt in ALT.items():
        assert f"\n![{alt}](grafiek-{ident})\n" in text


# --- changes since the previous year --------------------------------------------------------


def test_changes_since_previous_year(bron: Dossier) -> None:
    w = veranderingen(bron, 2024)
    assert w is not None and w.vorig_jaar == 2023
    assert [(c.afspraak.id, c.van.naam, c.naar.naam) for c in w.gewijzigd] == [
        ("a02", "op schema", "vertraagd"),
        ("a04", "aandacht", "gerealiseerd"),
        ("a05", "niet gestart", "op schema"),
        ("a06", "op schema", "geen voortgang gemeld"),
    ]
    assert [a.id for a in w.nieuw_gerealiseerd] == ["a04"]
    assert [c.afspraak.id for c in w.nieuw_aandacht] == ["a02"]
    assert names(w.nieuw_te_laat) == ["a02", "a06"]
    assert [(n.afspraak.id, n.wijziging is not None, n.overschrijding is not None) for n in w.nieuw_achter] == [
        ("a02", True, True),
        ("a06", False, True),
    ]


def test_changes_in_markdown(gebouwd: Path) -> None:
    text = section(md(gebouwd, 2024), "## Veranderingen sinds vorig jaar")
    assert table_rows(section(text, "### Status gewijzigd")) == [
        f"| A02 | {KORT['a02']} | → Op schema | ↓ Vertraagd |",
        f"| A04 | {KORT['a04']} | \\! Vraagt aandacht | ✓ Gerealiseerd |",
        f"| A05 | {KORT['a05']} | ○ Nog niet gestart | → Op schema |",
        "| A06 | Huur \\| passend \\*toewijzen\\* | → Op schema | ? Geen voortgang gemeld |",
    ]
    assert section(text, "### Nieuw gerealiseerd").strip() == f"- A04 {KORT['a04']}"
    assert section(text, "### Nieuw achter op schema").strip().splitlines() == [
        f"- A02 {KORT['a02']} (van → op schema naar ↓ vertraagd; "
        "over de termijn van 30 juni 2024)",
        "- A06 Huur \\| passend \\*toewijzen\\* (over de termijn van 2024)",
    ]


def test_first_year_has_no_previous_year(bron: Dossier, gebouwd: Path) -> None:
    assert veranderingen(bron, 2023) is None
    assert voortgang_context(bron, 2023)["vorig_jaar"] is None
    assert section(md(gebouwd, 2023), "## Veranderingen sinds vorig jaar").strip() == (
        "Dit is de eerste voortgangsrapportage van deze afspraken. "
        "Er is geen vorig jaar om mee te vergelijken."
    )


# --- the afspraken in the report ------------------------------------------------------------


def test_afspraak_without_entry_shows_no_progress_reported(bron: Dossier, gebouwd: Path) -> None:
    a06 = afspraakstanden(bron, 2024)[5]
    assert (a06.afspraak.id, a06.gemeld, a06.status.label) == ("a06", False, "Geen voortgang gemeld")
    row = table_rows(section(md(gebouwd, 2024), "### Betaalbaar wonen"))[0]
    assert row == (
        "| A06 | Huur \\| passend \\*toewijzen\\* | Thuis | 2024 (over de termijn) "
        "| ? Geen voortgang gemeld | Laatst gemeld over 2023: → Op schema |"
    )


def test_realisation_and_explanation_share_a_cell(gebouwd: Path) -> None:
    assert table_rows(section(md(gebouwd, 2024), "### Duurzame woningen")) == [
        f"| A03 | {KORT['a03']} | Thuis | 2026 | → Op schema "
        "| 20 woningen verbeterd. *Toelichting:* Vooral in de *oude* wijk. |",
        f"| A04 | {KORT['a04']} | Dorp | 2023 | ✓ Gerealiseerd "
        "| 120 huishoudens kregen advies. |",
    ]


def test_attention_shows_cause_consequence_correction(gebouwd: Path) -> None:
    thema = section(md(gebouwd, 2024), "### Nieuwe woningen")
    assert (
        f"**A02 {KORT['a02']}** (↓ Vertraagd)\n\n"
        "**Oorzaak:** Bezwaren van omwonenden.\n\n"
        "**Gevolg:** De bouw begint later.\n\n"
        "**Bijsturing:** Besluit in de raad in 2025.\n"
    ) in thema


def test_markdown_headings_have_no_gaps(gebouwd: Path) -> None:
    for jaar in (2023, 2024):
        levels = [len(m.group(1)) for m in re.finditer(r"^(#+) ", md(gebouwd, jaar), re.M)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
        assert max(levels) == 3
    # The fixture's agreement is a concept: its report says so first, as in every other format.
    assert md(gebouwd, 2024).startswith(
        "**CONCEPT – nog niet definitief, niet publiceren**\n\n# Voortgangsrapportage 2024\n\n**Prestatieafspraken Dorp 2023–2026**\n\n"
        "Peildatum 31 maart 2025 · bij de afspraken versie 1.10"
    )


@pytest.mark.parametrize("jaar", [2023, 2024])
def test_every_afspraak_in_markdown_named_by_its_number(gebouwd: Path, jaar: int) -> None:
    """Without a publication address the number is text (a link would break once the report
    travels alone), and the report names the agreement and its version in words."""
    text = md(gebouwd, jaar)
    per_thema = section(text, "## Voortgang per thema")
    numbers = re.findall(r"^\| (A\d+) \|", per_thema, re.M)
    assert numbers == ["A01", "A02", "A05", "A03", "A04", "A06", "A07"]
    assert "](overeenkomst." not in text
    assert "Het nummer verwijst naar de afspraak in Prestatieafspraken Dorp 2023–2026 (versie 1.10" in text


@pytest.mark.parametrize("jaar", [2023, 2024])
def test_every_afspraak_in_html_by_number_and_in_the_agreement(gebouwd: Path, jaar: int) -> None:
    page = html.fromstring((gebouwd / f"voortgang-{jaar}.html").read_bytes())
    agreement = html.fromstring((gebouwd / "overeenkomst.html").read_bytes())
    cells = [" ".join(td.text_content().split()) for td in page.iter("td")]
    assert not [a for a in page.iter("a") if "overeenkomst" in (a.get("href") or "")]
    for ident in AFSPRAKEN:
        assert ident.upper() in cells and KORT[ident] in cells
        assert agreement.get_element_by_id(ident) is not None  # the number names a real afspraak


@pytest.mark.parametrize("jaar", [2023, 2024])
def test_every_afspraak_in_docx(gebouwd: Path, jaar: int) -> None:
    import docx

    doc = docx.Document(str(gebouwd / f"voortgang-{jaar}.docx"))
    cells = [" ".join(c.text.split()) for t in doc.tables for r in t.rows for c in r.cells]
    for ident in AFSPRAKEN:
        assert ident.upper() in cells
        assert KORT[ident] in cells
    body = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == f"Voortgangsrapportage {jaar}"
    assert "Veranderingen sinds vorig jaar" in body


# --- errors ---------------------------------------------------------------------------------


def test_attention_without_explanation_stops_the_build(kopie: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = kopie / "bron" / NAAM / "voortgang" / "2024.yaml"
    edit(src, "  a05:\n    status: op schema", "  a05:\n    status: niet gerealiseerd")
    line = src.read_text(encoding="utf-8").splitlines().index("    status: niet gerealiseerd") + 1
    monkeypatch.chdir(kopie)
    with pytest.raises(BronFout) as e:
        pipeline.build(formaten=("md",), jobs=1)
    [fout] = e.value.rapport.fouten
    assert (fout.plaats.bestand, fout.plaats.regel) == (f"bron/{NAAM}/voortgang/2024.yaml", line)
    assert fout.bericht == (
        "status 'niet gerealiseerd' van afspraak 'a05' vraagt een toelichting "
        "(oorzaak, gevolg en bijsturing); voeg 'toelichting:' toe"
    )
    assert not (kopie / "build").exists()
    result = CliRunner().invoke(main, ["build", "--formaat", "md"])
    assert result.exit_code == 1
    assert f"bron/{NAAM}/voortgang/2024.yaml:{line}:" in result.output
    assert "vraagt een toelichting" in result.output
    assert "Traceback" not in result.output


def test_html_passes_the_nu_checker_and_axe(gebouwd: Path) -> None:
    from a11y.checks import check_axe, check_nu

    pages = [gebouwd / "voortgang-2023.html", gebouwd / "voortgang-2024.html"]
    assert check_nu(*pages) == []
    assert check_axe(*pages) == []


def test_a_theme_whose_afspraken_stand_under_its_subthemes_says_so(kopie: Path) -> None:
    """A theme without afspraken of its own, whose subtheme has them, does not say it has none:
    the report names the subthemes that hold them."""
    agreement = kopie / "bron" / NAAM / "overeenkomst.yaml"
    edit(agreement, "  - id: duurzaam\n", "  - id: duurzaam\n    onder: leeg\n")
    standen = {t.thema.id: t for t in themastanden(load(kopie / "bron" / NAAM), 2024)}
    assert standen["leeg"].onderdelen == ("Duurzame woningen",) and not standen["leeg"].standen
    assert standen["betaalbaar"].onderdelen == () and standen["betaalbaar"].standen
    uit = build_at(kopie / "bron", kopie / "uit", formaten=("md",)) / NAAM
    text = " ".join((uit / "voortgang-2024.md").read_text(encoding="utf-8").split())
    after = text.split("Thema zonder afspraken", 2)[-1]
    assert "De afspraken van dit thema staan in 2024 bij Duurzame woningen." in after.split("###")[0]
    assert "geen afspraken" not in after.split("###")[0]
