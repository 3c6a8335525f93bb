"""What the command line prints after a build, in colour on a terminal (see ``clitaal.meld``);
and ``prestatie opruimen``, which undoes what builds wrote."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .clitaal import KLEUR, meld
from .core.errors import Exitcode, GebruiksFout, PrestatieFout, display_path

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


def pakketten(uit: Path | None) -> None:
    """build --zip: one zip per agreement, beside the output folder."""
    assert uit is not None, "a build's result always names its output folder"
    try:
        for path in pipeline.pakketten(uit):
            meld(f"pakket: {display_path(path)}")
    except PrestatieFout as e:
        meld(f"fout: {e}")
        sys.exit(int(Exitcode.FOUT))


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
