"""``prestatie site``: the publication site, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .clitaal import CONTEXT, onderbroken, stop_bij_signaal
from .core.errors import BronFout, Exitcode, GebruiksFout, Onderbroken, PrestatieFout
from .pipeline.site import site as maak_site

@click.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("bron", required=False, type=click.Path(path_type=Path))
@click.option("--uit", "-o", metavar="MAP", type=click.Path(path_type=Path),
              help="Map van de site (standaard: site/ naast bron/).")
@click.option("--adres", metavar="URL", help="Webadres waar de site komt te staan; dan zijn alle links volledige adressen.")
@click.option("--formaat", "-f", metavar="LIJST",
              help="Formaten van de documenten, zoals bij build (standaard: alle).")
@click.option("--jobs", "-j", metavar="N", type=click.IntRange(min=1), default=None,
              help="Aantal documenten dat tegelijk wordt gemaakt (standaard: aantal processorkernen).")
def site(bron: Path | None, uit: Path | None, adres: str | None, formaat: str | None, jobs: int | None) -> None:
    """Maak een publicatiesite met elke overeenkomst en al haar versies in git.

    Per overeenkomst elke versie (een commit waarin 'versie:' verandert, en de bronnen van nu)
    met al haar documenten, open data, kalender en uittreksels, en wat er veranderde tussen
    opeenvolgende versies; een overzicht per gemeente en per corporatie, zoeken in de
    afspraken zonder server, en de gegevens van elk document in publicatie.jsonld.
    De site werkt vanaf schijf, op een webserver en in een submap.
    """
    try:
        with stop_bij_signaal():
            formaten = pipeline.kies_formaten(formaat) if formaat else None
            r = maak_site(bron, uit, adres, formaten, jobs)
    except (KeyboardInterrupt, Onderbroken) as e:
        sys.exit(onderbroken(e, "Site onderbroken{hoe}; de vorige site staat er nog."))
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except BronFout as e:
        for b in e.rapport.fouten:
            click.echo(f"{b.plaats}: fout: {b.bericht}", err=True)
        click.echo("Site afgebroken; er is niets geschreven.", err=True)
        sys.exit(int(Exitcode.FOUT))
    except PrestatieFout as e:
        click.echo(f"fout: {e}", err=True)
        click.echo("Site afgebroken; de vorige site staat er nog.", err=True)
        sys.exit(int(Exitcode.FOUT))
    click.echo(f"Site: {r.overeenkomsten} overeenkomsten, {r.versies} versies, {r.verschillen} vergelijkingen, "
               f"{r.bestanden} bestanden in {r.uit}.", err=True)
