"""What the command line prints: findings and a build's outcome, in colour on a terminal; and
``prestatie opruimen``, which undoes what builds wrote.

Colour only where a person reads it: click leaves it out when the output goes to a file or a
pipe, and ``NO_COLOR`` (https://no-color.org) turns it off everywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import pipeline
from .core.errors import Bevinding, Exitcode, GebruiksFout, PrestatieFout, Rapport, display_path
from .core.rapportvormen import github_annotatie

KLEUR = {"fout": "red", "waarschuwing": "yellow", "klaar": "green"}


def kleur() -> bool | None:
    """False under NO_COLOR; otherwise None: click colours a terminal and nothing else."""
    return False if os.environ.get("NO_COLOR") else None


def meld(text: str, err: bool = True, nl: bool = True) -> None:
    click.echo(text, err=err, nl=nl, color=kleur())


def print_findings(rapport: Rapport, streng: bool = False, warnings: bool = True) -> None:
    for b in rapport.gesorteerd():
        ernst = "fout" if (b.is_fout or streng) else "waarschuwing"
        if ernst == "waarschuwing" and not warnings:
            continue
        meld(f"{b.plaats}: {click.style(ernst, fg=KLEUR[ernst], bold=True)}: {b.bericht}")
        _annotation(b, ernst)


def _annotation(b: Bevinding, ernst: str) -> None:
    """On GitHub Actions, also print a workflow annotation that marks the YAML line."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        click.echo(github_annotatie(b, ernst))


def telling(rapport: Rapport, streng: bool) -> str:
    f = len(rapport.fouten) + (len(rapport.waarschuwingen) if streng else 0)
    w = 0 if streng else len(rapport.waarschuwingen)
    return f"{f} {'fout' if f == 1 else 'fouten'}, {w} {'waarschuwing' if w == 1 else 'waarschuwingen'}"


def _aantal(n: int) -> str:
    return f"{n} {'bestand' if n == 1 else 'bestanden'}"


def build_klaar(resultaat, niveau: int) -> None:
    """What a build did: notes on documents made again, every file at -v, the counts, what
    was removed because its source is gone, what an earlier build left in other formats,
    and which agreements were not built because of their errors."""
    for note in resultaat.meldingen:
        meld(note)
    if niveau == 2:
        for label, paths in (("geschreven", resultaat.geschreven), ("ongewijzigd", resultaat.ongewijzigd),
                             ("verwijderd", resultaat.verwijderd), ("niet bijgewerkt", resultaat.behouden)):
            for path in paths:
                meld(f"{label}: {display_path(path)}")
    n, same = len(resultaat.geschreven), len(resultaat.ongewijzigd)
    klaar = click.style("Klaar:", fg=KLEUR["klaar"], bold=True) if not resultaat.fouten_in else "Klaar:"
    meld(f"{klaar} {_aantal(n)} geschreven, {same} ongewijzigd"
         + (f", {len(resultaat.verwijderd)} verwijderd" if resultaat.verwijderd else "") + ".")
    if resultaat.verwijderd:
        meld("Verwijderd, want hun bron is weg: " + ", ".join(display_path(p) for p in resultaat.verwijderd) + ".")
    if resultaat.behouden:
        soorten = ", ".join(sorted({p.suffix.lstrip(".") for p in resultaat.behouden}))
        meld(f"Niet bijgewerkt: {_aantal(len(resultaat.behouden))} in andere formaten ({soorten}) "
             "uit een eerdere build; bouw zonder --formaat om ook die bij te werken.")
    if resultaat.fouten_in:
        meld(click.style("Niet gebouwd", fg=KLEUR["fout"], bold=True) + " wegens fouten in de bronnen: "
             + ", ".join(resultaat.fouten_in) + "; daarvan blijft de vorige build staan.")


@click.command(options_metavar="[OPTIES]")
@click.argument("bron", required=False, type=click.Path(path_type=Path))
@click.option("--uit", "-o", metavar="MAP", type=click.Path(path_type=Path),
              help="Uitvoermap (standaard: build/ naast bron/).")
def opruimen(bron: Path | None, uit: Path | None) -> None:
    """Verwijder wat prestatie in build/ schreef: de documenten, de manifesten en het voorbeeld.

    Bestanden die u zelf in build/ zette, blijven staan; een map die leeg raakt, verdwijnt.
    """
    try:
        verwijderd, gebleven = pipeline.opruimen(bron, uit)
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except PrestatieFout as e:
        meld(f"fout: {e}")
        sys.exit(int(Exitcode.FOUT))
    meld(f"Opgeruimd: {_aantal(len(verwijderd))} verwijderd.")
    if gebleven:
        meld("Blijft staan (niet van prestatie): " + ", ".join(display_path(p) for p in gebleven) + ".")
