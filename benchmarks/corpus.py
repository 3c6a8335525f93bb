"""A synthetic corpus of agreements for the benchmark, shaped like the example.

Every agreement is the example (``bron/beverwijk-heemskerk-2022-2025``) with other names
(municipalities, corporations, region), other figures (targets, base values, realisations)
and, on request, more or fewer afspraken and progress years. Everything follows from the
seed: the same options give the same bytes. The result passes ``prestatie check``.

    python benchmarks/corpus.py /tmp/corpus --overeenkomsten 30 --afspraken 44 --jaren 3 --zaad 1
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOORBEELD = ROOT / "bron" / "beverwijk-heemskerk-2022-2025"

# Names in the example that each agreement replaces (longest first, so that 'Stichting
# Woonopmaat' and 'Huurdersplatform WOONopMAAT' follow the corporation's new name).
_GEMEENTE_A, _GEMEENTE_B = "Beverwijk", "Heemskerk"
_CORPORATIE_A, _CORPORATIE_B = "Woonopmaat", "Pré Wonen"
_REGIO = "IJmond"

_VOOR = ["Noord", "Zuid", "Oost", "West", "Groot", "Klein", "Nieuw", "Oud", "Hoog", "Laag",
         "Sint-", "Ter ", "Wester", "Ooster", "Midden-", "Hoogeveen-"]
_STAM = ["broek", "dijk", "veen", "wijk", "hoven", "dam", "horst", "kerk", "zand", "meer",
         "berg", "lo", "mond", "recht", "woude", "zijl", "hem", "gouw", "haven", "donk"]
_CORPORATIE = ["{} Wonen", "Woonstichting {}", "Woongoed {}", "{} Woondiensten", "Thuis in {}",
               "Wooncompagnie {}", "{}wonen"]
_REGIO_NAMEN = ["Kennemerland", "de Kop", "het Groene Hart", "de Vallei", "de Liemers", "het Gooi",
                "de Betuwe", "Twente", "de Peel", "de Achterhoek", "het Westland", "de Bollenstreek"]


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _plaatsnaam(rng: random.Random) -> str:
    voor = rng.choice(_VOOR)
    stam = rng.choice(_STAM)
    return voor + (stam.capitalize() if voor.endswith(("-", " ")) else stam)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when present
    """Readable YAML: block text for multi-line strings, never anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any, schema: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"# yaml-language-server: $schema={schema}\n# Synthetisch: gemaakt door benchmarks/corpus.py.\n\n{body}"


def _load(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


class Sjabloon:
    """The example, read once: overeenkomst, persbericht and the progress per year."""

    def __init__(self, folder: Path = VOORBEELD):
        self.overeenkomst = _load(folder / "overeenkomst.yaml")
        self.persbericht = _load(folder / "persbericht.yaml") if (folder / "persbericht.yaml").is_file() else None
        self.voortgang = {int(p.stem): _load(p) for p in sorted((folder / "voortgang").glob("*.yaml"))}


def _replace_all(value: Any, pairs: list[tuple[str, str]]) -> Any:
    """Every string (and key) with the names of the example replaced."""
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace_all(v, pairs) for v in value]
    if isinstance(value, dict):
        return {_replace_all(k, pairs): _replace_all(v, pairs) for k, v in value.items()}
    return value


def _scale(value: Any, factor: float, procent: bool) -> Any:
    """A figure of the example, moved deterministically: percentages a little, counts by ``factor``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if procent:
        return round(min(100.0, max(0.0, value + (factor - 1.0) * 4)), 1)
    scaled = value * factor
    return int(round(scaled)) if isinstance(value, int) else round(scaled, 1)


def overeenkomst_map(sjabloon: Sjabloon, nummer: int, afspraken: int | None, jaren: int | None,
                     zaad: int) -> tuple[str, dict[str, Any]]:
    """One synthetic agreement: its folder name and its files (name → YAML data)."""
    rng = random.Random(f"prestatie-corpus-{zaad}-{nummer}")
    o = copy.deepcopy(sjabloon.overeenkomst)
    pb = copy.deepcopy(sjabloon.persbericht)
    voortgang = copy.deepcopy(sjabloon.voortgang)

    # --- names ---------------------------------------------------------------------------
    gemeente_a = _plaatsnaam(rng)
    gemeente_b = _plaatsnaam(rng)
    while gemeente_b == gemeente_a:
        gemeente_b = _plaatsnaam(rng)
    corporatie_a = rng.choice(_CORPORATIE).format(_plaatsnaam(rng))
    corporatie_b = rng.choice(_CORPORATIE).format(_plaatsnaam(rng))
    while corporatie_b == corporatie_a:
        corporatie_b = rng.choice(_CORPORATIE).format(_plaatsnaam(rng))
    regio = rng.choice(_REGIO_NAMEN)

    # --- years ---------------------------------------------------------------------------
    van = int(o["looptijd"]["van"])
    template_years = sorted(voortgang)
    n_years = len(template_years) if jaren is None else jaren
    tot = max(int(o["looptijd"]["tot"]), van + n_years - 1)
    old_span = f"{o['looptijd']['van']}–{o['looptijd']['tot']}"
    o["looptijd"]["tot"] = tot

    pairs = sorted(
        [
            (_GEMEENTE_A, gemeente_a), (_GEMEENTE_B, gemeente_b),
            (_CORPORATIE_A, corporatie_a), (_CORPORATIE_A.upper(), corporatie_a),
            ("WOONopMAAT", corporatie_a), (_CORPORATIE_B, corporatie_b), (_REGIO, regio),
            (_GEMEENTE_A.lower() + ".nl", slug(gemeente_a) + ".nl"),
            (_CORPORATIE_A.lower() + ".nl", slug(corporatie_a) + ".nl"),
            (old_span, f"{van}–{tot}"),
        ],
        key=lambda p: -len(p[0]),
    )

    # --- afspraken -----------------------------------------------------------------------
    originals = o["afspraken"]
    wanted = len(originals) if afspraken is None else afspraken
    kept = originals[:wanted]
    for n in range(len(originals) + 1, wanted + 1):
        bron = originals[(n - 1) % len(originals)]
        clone = copy.deepcopy(bron)
        clone["id"] = f"a{n:02d}"
        clone["titel"] = f"{bron['titel']} (deel {(n - 1) // len(originals) + 1})"
        kept.append(clone)
    o["afspraken"] = kept
    ids = {a["id"] for a in kept}
    clone_of = {a["id"]: originals[(int(a["id"][1:]) - 1) % len(originals)]["id"] for a in kept}
    if pb is not None:
        for sectie in pb.get("secties", []):
            sectie["afspraken"] = [a for a in sectie.get("afspraken", []) if a in ids]

    # --- figures -------------------------------------------------------------------------
    factors: dict[str, tuple[float, bool]] = {}
    for ind in o["indicatoren"]:
        procent = str(ind.get("eenheid", "")).strip().lower() in ("procent", "%")
        factor = rng.uniform(0.6, 1.6)
        factors[ind["id"]] = (factor, procent)
        if "basiswaarde" in ind:
            ind["basiswaarde"] = _scale(ind["basiswaarde"], factor, procent)
        targets = {int(j): _scale(w, factor, procent) for j, w in ind.get("streefwaarden", {}).items()}
        last = targets[max(targets)] if targets else None
        for j in range(van, tot + 1):
            if j not in targets and last is not None:
                targets[j] = last
        ind["streefwaarden"] = dict(sorted(targets.items()))

    files: dict[str, Any] = {}
    for index in range(n_years):
        jaar = van + index
        template = voortgang[template_years[min(index, len(template_years) - 1)]]
        v = copy.deepcopy(template)
        v["jaar"] = jaar
        v["peildatum"] = dt.date(jaar + 1, 3, 31)
        v["afspraken"] = {
            a: copy.deepcopy(template["afspraken"][clone_of[a]])
            for a in sorted(ids, key=lambda x: int(x[1:]))
            if clone_of[a] in template.get("afspraken", {})
        }
        v["indicatoren"] = {
            k: _scale(w, factors[k][0] * rng.uniform(0.85, 1.1), factors[k][1]) if k in factors else w
            for k, w in template.get("indicatoren", {}).items()
        }
        files[f"voortgang/{jaar}.yaml"] = _replace_all(v, pairs)

    files["overeenkomst.yaml"] = _replace_all(o, pairs)
    if pb is not None:
        files["persbericht.yaml"] = _replace_all(pb, pairs)
    naam = f"{nummer:04d}-{slug(gemeente_a)}-{slug(gemeente_b)}-{van}-{tot}"
    return naam, files


_SCHEMAS = {
    "overeenkomst.yaml": "../../schema/overeenkomst.schema.json",
    "persbericht.yaml": "../../schema/persbericht.schema.json",
}


def maak_corpus(doel: Path, overeenkomsten: int, afspraken: int | None = None, jaren: int | None = None,
                zaad: int = 1, sjabloon: Sjabloon | None = None) -> list[Path]:
    """Write ``overeenkomsten`` agreements into ``doel`` (a bron/ folder, emptied first)."""
    sjabloon = sjabloon or Sjabloon()
    if doel.exists():
        shutil.rmtree(doel)
    doel.mkdir(parents=True)
    folders = []
    for nummer in range(1, overeenkomsten + 1):
        naam, files = overeenkomst_map(sjabloon, nummer, afspraken, jaren, zaad)
        folder = doel / naam
        for rel, data in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            schema = _SCHEMAS.get(rel, "../../../schema/voortgang.schema.json")
            path.write_text(_dump(data, schema), encoding="utf-8")
        folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak een synthetisch corpus van prestatieafspraken.")
    parser.add_argument("doel", type=Path, help="bronmap die wordt gemaakt (wordt eerst geleegd)")
    parser.add_argument("--overeenkomsten", "-n", type=int, default=30, help="aantal overeenkomsten (standaard 30)")
    parser.add_argument("--afspraken", type=int, default=None, help="afspraken per overeenkomst (standaard: als het voorbeeld)")
    parser.add_argument("--jaren", type=int, default=None, help="voortgangsjaren per overeenkomst (standaard: als het voorbeeld)")
    parser.add_argument("--zaad", type=int, default=1, help="zaad voor de toevalsgenerator (standaard 1)")
    args = parser.parse_args(argv)
    if args.overeenkomsten < 1 or (args.afspraken is not None and args.afspraken < 1) or (args.jaren is not None and args.jaren < 0):
        parser.error("aantallen moeten positief zijn")
    folders = maak_corpus(args.doel, args.overeenkomsten, args.afspraken, args.jaren, args.zaad)
    print(f"{len(folders)} overeenkomsten geschreven in {args.doel}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
