"""Scaffold: a new agreement folder (and a progress file for a year) that checks clean at once.

The files are short, commented YAML with the schema line, so that an editor with the YAML
language server completes and checks them from the first keystroke. Nothing is ever
overwritten: every file is created exclusively.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GebruiksFout, Rapport, display_path, os_melding, veilige_naam
from ..core.opmaak import opsomming
from ..core.tekst import slug
from ..load import load_folder
from ..load.dossier import overgeslagen
from ..model.schema import schemas
from .invoer import Antwoorden, alleen_tekst, een_regel, niet_draagbaar
from ..model.voortgang import STATUSSEN

_PLAIN = re.compile(r"^[^\W\d_][\w .,'’()&/–-]*$")
_PREFIXES = ("gemeente ", "stichting ", "woningstichting ", "woningbouwvereniging ", "vereniging ")


STANDAARD_GEMEENTE = "Voorbeeldstad"
STANDAARD_CORPORATIE = "Woningstichting Voorbeeld"
STANDAARD_HUURDERS = "Huurdersvereniging Voorbeeld"
STANDAARD_DUUR = 4
"""Years an agreement runs when no end year is given (most run four or five years)."""


def standaard_van(today: dt.date | None = None) -> int:
    """The first year of a new agreement: next year."""
    return (today or dt.date.today()).year + 1


def standaard_titel(gemeenten: list[str], van: int, tot: int) -> str:
    plaatsen = [plaatsnaam(g) for g in gemeenten] or [STANDAARD_GEMEENTE]
    namen = plaatsen[0] if len(plaatsen) == 1 else ", ".join(plaatsen[:-1]) + " en " + plaatsen[-1]
    return f"Prestatieafspraken {namen} {van}–{tot}"


def plaatsnaam(gemeente: str) -> str:
    """'Gemeente Zandvoort' → 'Zandvoort'."""
    text = gemeente.strip()
    return text[len("gemeente ") :].strip() if text.lower().startswith("gemeente ") else text


def maak_id(naam: str, bezet: set[str]) -> str:
    """A lowercase id from a name, unique among ``bezet``: 'Stichting Pré Wonen' → 'pre-wonen'."""
    text = naam.strip()
    for prefix in _PREFIXES:
        if text.lower().startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    base = slug(text, "partij", 40)
    ident, n = base, 2
    while ident in bezet:
        ident, n = f"{base}-{n}", n + 1
    bezet.add(ident)
    return ident


def mapnaam(titel: str) -> str:
    """The folder name for a title: 'Prestatieafspraken Zandvoort 2026–2029' → 'zandvoort-2026-2029'."""
    text = re.sub(r"^prestatieafspraken\s+", "", titel.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[–—]", "-", text)
    return slug(text, "overeenkomst", 60)


def _q(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is unambiguous, else double-quoted."""
    text = " ".join(text.split())
    if _PLAIN.match(text) and text.lower() not in ("ja", "nee", "yes", "no", "on", "off", "true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _schema_line(bestand: Path, schema_dir: Path, soort: str) -> str:
    rel = os.path.relpath(schema_dir / f"{soort}.schema.json", bestand.parent.resolve())
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


_FUNCTIE = {"gemeente": "wethouder Wonen", "corporatie": "directeur-bestuurder", "huurdersorganisatie": "voorzitter"}


def _partij(ident: str, naam: str, soort: str, plaats: str, extra: str = "") -> str:
    return (
        f"  - id: {ident}\n"
        f"    naam: {_q(naam)}\n"
        f"    soort: {soort}\n"
        f"    vestigingsplaats: {_q(plaats)}\n"
        f"{extra}"
        f"    vertegenwoordigers: []  # wie tekent: - naam: …, functie: {_FUNCTIE[soort]}\n"
    )


def overeenkomst_yaml(a: Antwoorden, bestand: Path, schema_dir: Path) -> tuple[str, list[str]]:
    """The text of a minimal overeenkomst.yaml, and the ids of its afspraken."""
    van = a.van or standaard_van()
    tot = a.tot or van + STANDAARD_DUUR - 1
    gemeenten = a.gemeenten or [STANDAARD_GEMEENTE]
    corporaties = a.corporaties or [STANDAARD_CORPORATIE]
    huurders = a.huurdersorganisaties or [STANDAARD_HUURDERS]
    titel = a.titel or standaard_titel(gemeenten, van, tot)
    bezet: set[str] = set()
    eerste_plaats = plaatsnaam(gemeenten[0])
    parts = [
        _schema_line(bestand, schema_dir, "overeenkomst"),
        "#\n",
        f"# {titel}: de overeenkomst.\n",  # one comment line: the title is on one line (_een_regel)
        "# Gemaakt met 'prestatie nieuw'. Vul aan en controleer met 'prestatie check';\n",
        "# 'prestatie serve' toont de documenten terwijl u schrijft.\n",
        "# Getallen zonder duizendtalpunt (1000), decimalen met een punt (96.9), datums als JJJJ-MM-DD.\n\n",
        f"titel: {_q(titel)}\n",
        'versie: "0.1"  # tussen aanhalingstekens, zodat 1.10 niet 1.1 wordt\n',
        "status: concept  # CONCEPT op elke pagina; 'ter_ondertekening' voor de tekentafel, daarna 'ondertekend'\n",
        "looptijd:\n",
        f"  van: {van}\n",
        f"  tot: {tot}\n",
        "ondertekening:\n",
        f"  plaats: {_q(eerste_plaats)}\n",
        "  # datum: JJJJ-MM-DD, zodra getekend is\n\n",
        "# De partijen. Een id is kort en vast (kleine letters, cijfers, streepjes): daarmee\n",
        "# verwijzen afspraken naar een partij, bijvoorbeeld 'trekker: " + "…'.\n",
        "partijen:\n",
    ]
    gemeente_ids = []
    for g in gemeenten:
        plaats = plaatsnaam(g)
        ident = maak_id(plaats, bezet)
        gemeente_ids.append(ident)
        naam = g.strip() if g.strip().lower().startswith("gemeente ") else f"Gemeente {plaats}"
        parts.append(_partij(ident, naam, "gemeente", plaats))
    corporatie_ids = []
    for c in corporaties:
        ident = maak_id(c, bezet)
        corporatie_ids.append(ident)
        parts.append(_partij(ident, c.strip(), "corporatie", eerste_plaats))
    for i, h in enumerate(huurders):
        ident = maak_id(h, bezet)
        # As many tenants' organisations as corporations: each its own; otherwise each of all.
        eigen = [corporatie_ids[i]] if len(huurders) == len(corporatie_ids) else corporatie_ids
        wier = eigen[0] if len(eigen) == 1 else f"[{', '.join(eigen)}]"
        extra = (f"    huurders_van: {wier}  # de corporatie(s) wier huurders zij vertegenwoordigt;"
                 " laat weg wie niet\n")
        parts.append(_partij(ident, h.strip(), "huurdersorganisatie", eerste_plaats, extra))
    parts += [
        "\n# De thema's, in de volgorde van de overeenkomst.\n",
        "themas:\n",
        "  - id: beschikbaarheid\n",
        "    titel: Beschikbaarheid\n",
        "    ambitie: Beschrijf hier wat de partijen op dit thema willen bereiken.\n",
        "    landelijk_thema: beschikbaarheid\n\n",
        "# De afspraken, elk met een vaste id (wordt ook het anker #a01 in HTML), een thema,\n",
        "# een trekker en een termijn: een jaar (2026) of een datum (2026-06-30).\n",
        "afspraken:\n",
        "# 'titel' is de kop van de afspraak in elk document (zonder titel toont de kop alleen\n",
        "# het nummer); 'nummer' is het nummer zoals de overeenkomst het schrijft (zonder: de id).\n",
        "  - id: a01\n",
        "    # nummer: \"1.1\"\n",
        "    titel: Korte titel van de eerste afspraak\n",
        "    thema: beschikbaarheid\n",
        "    tekst: Beschrijf hier de eerste afspraak.\n",
        f"    trekker: {corporatie_ids[0]}\n",
        f"    betrokken: [{', '.join(gemeente_ids)}]\n",
        f"    termijn: {tot}\n",
        "\n# Verder mogelijk: ondertitel, grondslag, inleiding, overwegingen, indicatoren met\n",
        "# streefwaarden per jaar, projecten, monitoring, bepalingen en begrippen. Het schema\n",
        "# (zie de eerste regel) vult ze aan in een editor met de YAML-taalserver.\n",
    ]
    return "".join(parts), ["a01"]


def persbericht_yaml(titel: str, bestand: Path, schema_dir: Path) -> str:
    """A minimal persbericht.yaml: a heading and one section about the first afspraak."""
    return "".join([
        _schema_line(bestand, schema_dir, "persbericht"),
        "#\n",
        f"# Het persbericht bij {titel}. De lead (wie, wat, wanneer) maakt prestatie uit\n",
        "# overeenkomst.yaml; hier staan de kop, de secties en eventueel citaten en een noot.\n\n",
        f"kop: {_q('Nieuwe ' + titel)}\n",
        "secties:\n",
        "  - thema: beschikbaarheid\n",
        "    afspraken: [a01]\n",
        "# citaten: [{wie: …, functie: …, partij: …, tekst: …}]\n",
    ])


PRESTATIE_TOML = """\
# Instellingen van dit project voor prestatie; een optie op de opdrachtregel gaat voor.
# bron = "bron"                 # de map met de overeenkomsten
# uit = "build"                 # de uitvoermap
# formaten = ["docx", "pdf", "html", "md", "txt", "data", "ics"]
# streng = false                # true: waarschuwingen zijn fouten, en bij één fout wordt niets gebouwd
# publicatie = "https://www.gemeente.nl/prestatieafspraken/"   # waar de documenten online staan
"""


def _project(root: Path, made: list[Path]) -> None:
    """A project started from an empty folder gets its settings file and a .gitignore for
    what builds make; an existing project keeps its own."""
    if not (root / "prestatie.toml").exists() and not (root / "pyproject.toml").exists():
        _write_new(root / "prestatie.toml", PRESTATIE_TOML, made)
    if not (root / ".gitignore").exists():
        _write_new(root / ".gitignore", "build/\n.build.bouwgeheugen.json\npakketten/\n", made)


def _statusuitleg(jaar: int) -> list[str]:
    """The comment lines that name every status a progress file accepts (from ``STATUSSEN``)."""
    aandacht = [n for n, s in STATUSSEN.items() if s.aandacht]
    tekst = (f"Voortgang in {jaar}. Vul per afspraak de status in: {opsomming(list(STATUSSEN), 'of')}. "
             f"Bij {opsomming(aandacht)} ook toelichting, oorzaak, gevolg en bijsturing.")
    return [f"# {regel}\n" for regel in textwrap.wrap(tekst, 92)]


def voortgang_yaml(jaar: int, afspraken: list[str], indicatoren: list[str], bestand: Path, schema_dir: Path) -> str:
    """A progress file for ``jaar`` listing every afspraak with an empty status."""
    lines = [
        _schema_line(bestand, schema_dir, "voortgang"),
        "#\n",
        *_statusuitleg(jaar),
        "# Een lege status is nog niet gerapporteerd: dat mag, en de rapportage zegt het zo.\n\n",
        f"jaar: {jaar}\n",
        f"peildatum: {jaar}-12-31  # JJJJ-MM-DD: de datum waarop de stand is opgemaakt\n",
        "samenvatting:\n\n",
        "afspraken:\n",
    ]
    for ident in afspraken:
        lines.append(f"  {ident}:\n    status:\n    realisatie:\n")
    if indicatoren:
        lines.append("\n# De gerealiseerde waarde per indicator in dit jaar.\nindicatoren:\n")
        lines.extend(f"  # {ident}: \n" for ident in indicatoren)
    return "".join(lines)


@dataclass
class Nieuw:
    """What the scaffold made."""

    map: Path
    bestanden: list[Path] = field(default_factory=list)


def _write_new(path: Path, text: str, made: list[Path]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except FileExistsError:
        raise GebruiksFout(f"'{display_path(path)}' bestaat al; prestatie nieuw overschrijft niets") from None
    except OSError as e:
        raise GebruiksFout(f"kan '{display_path(path)}' niet schrijven ({os_melding(e)})") from None
    made.append(path)


def _project_root(folder: Path) -> Path:
    """The folder that holds bron/ (and schema/, sjablonen/, build/)."""
    parent = folder.resolve().parent
    return parent.parent if parent.name == "bron" else parent


def _schemas(root: Path, made: list[Path]) -> Path:
    """schema/ beside bron/; missing schema files are written, existing ones left alone."""
    schema_dir = root / "schema"
    for name, content in schemas().items():
        path = schema_dir / f"{name}.schema.json"
        if not path.exists():
            _write_new(path, json.dumps(content, ensure_ascii=False, indent=2) + "\n", made)
    return schema_dir


def nieuwe_overeenkomst(folder: Path, antwoorden: Antwoorden, voortgang_jaar: int | None = None,
                        project: Path | None = None) -> Nieuw:
    """Create ``folder`` with overeenkomst.yaml (and voortgang/<jaar>.yaml); refuses to overwrite.
    ``project``: the folder of the project's settings file, where schema/ goes (default: beside bron/)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GebruiksFout(
            f"'{display_path(folder)}' bestaat al en is niet leeg; prestatie nieuw overschrijft niets. "
            "Kies een andere map, of maak een voortgangsbestand met --voortgang JAAR"
        )
    if reden := niet_draagbaar(folder.name):
        raise GebruiksFout(
            f"'{veilige_naam(display_path(folder))}': {reden}, zodat een collega op Windows de bronnen niet kan "
            "openen of uit git halen; kies een andere naam, bijvoorbeeld zandvoort-2026-2029"
        )
    if overgeslagen(folder.name):
        raise GebruiksFout(
            f"'{display_path(folder)}': een map die met een punt of liggend streepje begint, slaan "
            "prestatie check en build over; kies een naam die met een letter of cijfer begint"
        )
    alleen_tekst(antwoorden)
    antwoorden = een_regel(antwoorden)
    if antwoorden.van and antwoorden.tot and antwoorden.tot < antwoorden.van:
        raise GebruiksFout(f"looptijd eindigt ({antwoorden.tot}) vóór zij begint ({antwoorden.van})")
    van = antwoorden.van or standaard_van()
    tot = antwoorden.tot or van + STANDAARD_DUUR - 1
    if voortgang_jaar is not None and not van <= voortgang_jaar <= tot:
        raise GebruiksFout(f"voortgangsjaar {voortgang_jaar} valt buiten de looptijd {van}–{tot}")
    result = Nieuw(folder)
    root = project.resolve() if project is not None else _project_root(folder)
    _project(root, result.bestanden)
    schema_dir = _schemas(root, result.bestanden)
    bestand = folder / "overeenkomst.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    text, afspraken = overeenkomst_yaml(antwoorden, bestand, schema_dir)
    _write_new(bestand, text, result.bestanden)
    titel = antwoorden.titel or standaard_titel(antwoorden.gemeenten or [STANDAARD_GEMEENTE], van, tot)
    _write_new(folder / "persbericht.yaml", persbericht_yaml(titel, folder / "persbericht.yaml", schema_dir),
               result.bestanden)
    if voortgang_jaar is not None:
        path = folder / "voortgang" / f"{voortgang_jaar}.yaml"
        _write_new(path, voortgang_yaml(voortgang_jaar, afspraken, [], path, schema_dir), result.bestanden)
    return result


def nieuwe_voortgang(folder: Path, jaar: int) -> Nieuw:
    """voortgang/<jaar>.yaml for an existing agreement, listing all its afspraken and indicatoren."""
    rapport = Rapport()
    bron = load_folder(folder, rapport)
    if bron is None:
        raise GebruiksFout(
            f"'{display_path(folder / 'overeenkomst.yaml')}' bevat fouten; los die eerst op (prestatie check)"
        )
    lt = bron.overeenkomst.looptijd
    if not lt.van <= jaar <= lt.tot:
        raise GebruiksFout(f"voortgangsjaar {jaar} valt buiten de looptijd {lt.van}–{lt.tot}")
    result = Nieuw(folder)
    schema_dir = _schemas(_project_root(folder), result.bestanden)
    path = folder / "voortgang" / f"{jaar}.yaml"
    text = voortgang_yaml(
        jaar,
        [a.ident for a in bron.overeenkomst.afspraken],
        [i.id for i in bron.overeenkomst.indicatoren],
        path,
        schema_dir,
    )
    _write_new(path, text, result.bestanden)
    return result
