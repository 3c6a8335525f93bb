"""The command line: parse options, call one library function, print the outcome in Dutch."""

from __future__ import annotations

import json
import os
import sys
import webbrowser
from pathlib import Path
from typing import cast

import click

from . import __version__, clitaal, pipeline
from .clibericht import build_klaar, opruimen, pakketten
from .clitaal import CONTEXT, meld, onderbroken, stop_bij_signaal
from .pipeline import instellingen
from .pipeline import nieuw as scaffold
from .pipeline import voorbeeld as preview
from .core.errors import (BronFout, Exitcode, GebruiksFout, Onderbroken, PrestatieFout, SchrijfFout, display_path,
                          is_koppelingslus, os_melding, pad_melding)
from .core.rapportvormen import codequality, findings_json, github_tekst
from .pipeline.verschil import verschil as vergelijk
from .write.formats import NAMEN as FORMAATNAMEN
from .write.output import Resultaat
from .write.tekst.redline import samenvatting
from .clischema import schema
from .clisite import site

clitaal.install()


BRON_HELP = "Map met de bronnen (standaard: bron/ in de huidige map), of één overeenkomstmap."


@click.group(cls=clitaal.Groep, context_settings=CONTEXT, options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(
    __version__, "--versie", "--version", "-V", prog_name="prestatie", message="%(prog)s %(version)s"
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """prestatie: prestatieafspraken van YAML naar overeenkomst, persbericht en
    voortgangsrapportages, elk als Word, PDF/A, HTML en Markdown (het persbericht ook
    als tekst), met per overeenkomst open data (CSV, JSON) en een termijnenkalender (.ics).

    \b
    Beginnen: prestatie nieuw, dan prestatie serve voor een voorbeeld in de browser.
    Instellingen van het project (bron, uit, formaten, streng, publicatie) staan in
    prestatie.toml of onder [tool.prestatie] in pyproject.toml; een optie gaat voor.
    \b
    Exitcodes: 0 in orde; 1 fouten in de bronnen of sjablonen (of waarschuwingen
    met --streng), of de uitvoer kon niet worden geschreven; 2 verkeerd gebruik;
    130 onderbroken (Ctrl-C); 143 gestopt (SIGTERM).
    """
    try:
        ctx.obj = instellingen.lees()
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    i = ctx.obj
    bron = {"bron": i.bron} if i.bron else {}
    streng = {"streng": True} if i.streng else {}
    ctx.default_map = {
        "check": {**bron, **streng}, "serve": bron, "opruimen": {**({"uit": i.uit} if i.uit else {})},
        "verschil": {**bron, **({"uit": i.uit / "verschil"} if i.uit else {})},
        "build": {**bron, **streng, **({"uit": i.uit} if i.uit else {}),
                  **({"formaat": ",".join(i.formaten)} if i.formaten else {})},
    }


def _niveau(f):
    """--stil and --uitgebreid, for every command that reports."""
    f = click.option("--uitgebreid", "-v", is_flag=True, help="Meld ook elk bestand en elke stap.")(f)
    return click.option("--stil", "-q", is_flag=True, help="Meld alleen fouten.")(f)


def _level(stil: bool, uitgebreid: bool) -> int:
    if stil and uitgebreid:
        raise click.UsageError("kies --stil of --uitgebreid, niet allebei")
    return 0 if stil else 2 if uitgebreid else 1


@main.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("bron", required=False, type=click.Path(path_type=Path))
@click.option("--streng", is_flag=True, help="Behandel waarschuwingen als fouten.")
@click.option("--formaat", "-f", type=click.Choice(["tekst", "json", "gitlab"]), default="tekst", show_default=True,
              help="tekst voor mensen; json (bevindingen, voor editors en CI) of gitlab (Code Quality-rapport) op stdout.")
@click.option("--jobs", "-j", metavar="N", type=click.IntRange(min=1), default=None,
              help="Aantal overeenkomsten dat tegelijk wordt gecontroleerd (standaard: aantal processorkernen).")
@_niveau
def check(bron: Path | None, streng: bool, formaat: str, jobs: int | None, stil: bool, uitgebreid: bool) -> None:
    """Controleer de bronnen van alle overeenkomsten, zonder iets te schrijven.

    Meldt alle fouten en waarschuwingen tegelijk, met bestand, regel en kolom.
    """
    niveau = _level(stil, uitgebreid)
    try:
        with stop_bij_signaal():
            rapport = pipeline.check(bron, jobs=jobs)
    except (KeyboardInterrupt, Onderbroken) as e:
        sys.exit(onderbroken(e, "Controle onderbroken{hoe}; er is niets geschreven."))
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    code = rapport.exitcode(streng)
    if formaat != "tekst":
        data = findings_json(rapport, streng) if formaat == "json" else codequality(rapport, streng)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        sys.exit(int(code))
    clitaal.print_findings(rapport, streng, warnings=niveau > 0)
    if niveau > 0 or code != Exitcode.OK:
        click.echo(f"{'In orde' if code == Exitcode.OK else 'Niet in orde'}: {clitaal.summary(rapport, streng)}.", err=True)
    sys.exit(int(code))


@main.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("bron", required=False, type=click.Path(path_type=Path))
@click.option(
    "--uit", "-o", metavar="MAP", type=click.Path(path_type=Path), help="Uitvoermap (standaard: build/ naast bron/)."
)
@click.option(
    "--formaat",
    "-f",
    metavar="LIJST",
    help=f"Formaten, gescheiden door komma's: {','.join(FORMAATNAMEN)} (standaard: alle; txt alleen "
    "voor het persbericht; data = open data en ics = termijnenkalender, per overeenkomst).",
)
@click.option("--streng", is_flag=True,
              help="Behandel waarschuwingen als fouten, en bouw niets zolang er één fout is (voor CI).")
@click.option("--zip", "zippen", is_flag=True,
              help="Maak daarna per overeenkomst één zip om te versturen, in pakketten/ naast de uitvoermap.")
@click.option(
    "--forceer",
    is_flag=True,
    help="Schrijf ook in een --uit-map die prestatie anders weigert: niet leeg en geen eerdere build, "
    "uw thuismap of de projectmap (nooit de hoofdmap /).",
)
@click.option(
    "--jobs",
    "-j",
    metavar="N",
    type=click.IntRange(min=1),
    default=None,
    help="Aantal documenten dat tegelijk wordt gemaakt (standaard: aantal processorkernen).",
)
@_niveau
def build(
    bron: Path | None, uit: Path | None, formaat: str | None, streng: bool, zippen: bool, forceer: bool,
    jobs: int | None, stil: bool, uitgebreid: bool
) -> None:
    """Controleer de bronnen en maak alle documenten in build/.

    Per overeenkomst een gewone map build/<overeenkomst>/ met overeenkomst, persbericht en
    voortgang-<jaar>, elk als .docx, .pdf, .html en .md (het persbericht ook als .txt), open
    data (afspraken.csv en .json, indicatoren.csv, csv-metadata.json, licentie.txt), de
    termijnenkalender termijnen.ics en manifest.json. Een overeenkomst met een fout in haar
    bronnen wordt niet gebouwd (haar vorige build blijft staan); de andere wel, en de exitcode
    is dan 1. Met --streng wordt bij één fout niets gebouwd.
    """
    niveau = _level(stil, uitgebreid)
    try:
        with stop_bij_signaal():
            formaten = pipeline.kies_formaten(formaat)
            resultaat = pipeline.build(
                bron, uit, formaten, streng=streng, jobs=jobs, melding=clitaal.progress() if niveau else None,
                publicatie=click.get_current_context().find_root().obj.publicatie,
                forceer=forceer,
            )
    except (KeyboardInterrupt, Onderbroken) as e:
        sys.exit(onderbroken(e, ("\r\033[K" if clitaal.progress() else "") + "Build onderbroken{hoe}; {toestand}."))
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except BronFout as e:
        if clitaal.progress() is not None:
            meld("\r\033[K", nl=False)
        clitaal.print_findings(e.rapport, streng, warnings=niveau > 0)
        if e.resultaat is None:
            meld(f"Build afgebroken: {clitaal.summary(e.rapport, streng)}; er is niets geschreven.")
            sys.exit(int(Exitcode.FOUT))
        build_klaar(e.resultaat, max(niveau, 1))
        if zippen:
            pakketten(cast(Resultaat, e.resultaat).uit)  # build's own result, see BronFout
        sys.exit(int(Exitcode.FOUT))
    except PrestatieFout as e:
        click.echo(f"fout: {e}", err=True)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            click.echo(f"::error::{github_tekst(str(e))}")
        # A write error says itself what state build/ is in; any other came before publication.
        click.echo("Build afgebroken." if isinstance(e, SchrijfFout) else
                   "Build afgebroken; de vorige build is onaangetast.", err=True)
        sys.exit(int(Exitcode.FOUT))
    if niveau and clitaal.progress() is not None:
        click.echo("\r\033[K", err=True, nl=False)
    if niveau == 0:
        return
    clitaal.print_findings(resultaat.rapport)
    build_klaar(resultaat, niveau)
    if zippen:
        pakketten(resultaat.uit)


@main.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("bron", required=False, type=click.Path(path_type=Path))
@click.option(
    "--poort",
    "-p",
    metavar="NUMMER",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Poort op 127.0.0.1 (0: een vrije poort).",
)
@click.option("--open", "openen", is_flag=True, help="Open het voorbeeld meteen in de browser.")
def serve(bron: Path | None, poort: int, openen: bool) -> None:
    """Toon de documenten in de browser en werk ze bij terwijl u schrijft.

    Bouwt de HTML-documenten, toont ze op http://127.0.0.1:<poort> (alleen op deze
    computer bereikbaar) en bouwt opnieuw zodra u een bestand in bron/ of sjablonen/
    opslaat; een open pagina laadt dan vanzelf opnieuw. Fouten staan bovenaan de pagina,
    met bestand en regel; tot ze zijn opgelost blijven de vorige documenten staan.
    Stoppen: Ctrl+C.
    """
    try:
        voorbeeld = preview.Voorbeeld(bron, log=lambda text: click.echo(text, err=True))
        httpd, threads = preview.start(voorbeeld, poort)
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except OSError as e:
        raise click.UsageError(f"kan poort {poort} op 127.0.0.1 niet gebruiken ({os_melding(e)}); kies een andere met --poort") from None
    adres = f"http://127.0.0.1:{httpd.server_address[1]}/"
    click.echo(f"Voorbeeld op {adres} (stoppen: Ctrl+C)", err=True)
    if openen:
        webbrowser.open(adres)
    try:
        while all(t.is_alive() for t in threads):
            threads[0].join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop(voorbeeld, httpd, threads)
    click.echo("Gestopt.", err=True)


def _namen(values: tuple[str, ...]) -> list[str]:
    """'--gemeente A --gemeente B' and '--gemeente "A, B"' both give ['A', 'B']."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _vraag(tekst: str, standaard: str) -> str:
    return click.prompt(tekst, default=standaard, show_default=True).strip() or standaard


@main.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("map_", metavar="[MAP]", required=False, type=click.Path(path_type=Path))
@click.option("--titel", metavar="TEKST", help="Titel van de overeenkomst (standaard: Prestatieafspraken <gemeenten> <looptijd>).")
@click.option("--gemeente", metavar="NAAM", multiple=True, help="Gemeente; herhaal de optie of scheid met komma's.")
@click.option("--corporatie", metavar="NAAM", multiple=True, help="Woningcorporatie; herhaal de optie of scheid met komma's.")
@click.option(
    "--huurdersorganisatie", metavar="NAAM", multiple=True, help="Huurdersorganisatie; herhaal de optie of scheid met komma's."
)
@click.option("--van", metavar="JAAR", type=click.IntRange(1900, 2200), help="Eerste jaar (standaard: volgend jaar).")
@click.option("--tot", metavar="JAAR", type=click.IntRange(1900, 2200), help="Laatste jaar, inclusief (standaard: vier jaar looptijd).")
@click.option(
    "--voortgang",
    metavar="JAAR",
    type=click.IntRange(1900, 2200),
    help="Maak ook voortgang/JAAR.yaml met elke afspraak en een lege status; bij een bestaande overeenkomst alleen dat bestand.",
)
@click.option(
    "--vragen/--geen-vragen",
    default=None,
    help="Stel de vragen wel of niet (standaard: alleen als er iemand aan het toetsenbord zit).",
)
def nieuw(
    map_: Path | None,
    titel: str | None,
    gemeente: tuple[str, ...],
    corporatie: tuple[str, ...],
    huurdersorganisatie: tuple[str, ...],
    van: int | None,
    tot: int | None,
    voortgang: int | None,
    vragen: bool | None,
) -> None:
    """Begin een nieuwe overeenkomst: maakt MAP met een kort, toegelicht overeenkomst.yaml.

    Vraagt naar gemeenten, corporaties, huurdersorganisaties, looptijd en titel; een leeg
    antwoord neemt de standaardwaarde. Alles kan ook met opties, zonder vragen. Zonder MAP
    komt de overeenkomst in bron/<naam-uit-de-titel> (of in de bronmap uit prestatie.toml).
    Het resultaat is meteen in orde voor prestatie check en prestatie build. prestatie nieuw
    overschrijft nooit iets.

    \b
    Een voortgangsbestand voor een bestaande overeenkomst:
      prestatie nieuw bron/mijn-afspraken --voortgang 2026
    """
    try:
        if map_ is not None and (map_ / "overeenkomst.yaml").is_file():
            if voortgang is None:
                raise GebruiksFout(
                    f"'{map_}' bevat al een overeenkomst; prestatie nieuw overschrijft niets. "
                    "Een voortgangsbestand maakt u met --voortgang JAAR"
                )
            result = scaffold.nieuwe_voortgang(map_, voortgang)
        else:
            a = scaffold.Antwoorden(_namen(gemeente), _namen(corporatie), _namen(huurdersorganisatie), van, tot, titel)
            if vragen if vragen is not None else sys.stdin.isatty():
                _ask(a)
            if map_ is None:
                v = a.van or scaffold.standaard_van()
                t = a.tot or v + scaffold.STANDAARD_DUUR - 1
                map_ = _bronmap() / scaffold.mapnaam(a.titel or scaffold.standaard_titel(a.gemeenten, v, t))
            result = scaffold.nieuwe_overeenkomst(map_, a, voortgang, _projectmap())
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except (OSError, RuntimeError) as e:  # a name longer than the file system allows, a link loop
        if not isinstance(e, OSError) and not is_koppelingslus(e):
            raise
        raise click.UsageError(f"kan '{display_path(map_ or 'bron')}' niet gebruiken ({pad_melding(e)})") from None
    for path in result.bestanden:
        click.echo(f"gemaakt: {display_path(path)}", err=True)
    bron = map_.parent if map_.parent.resolve() != _bronmap().resolve() else None
    click.echo(f"Verder: pas de bestanden aan, dan prestatie check {display_path(map_)} en prestatie serve"
               + (f" {display_path(bron)}" if bron else "") + ".", err=True)


def _bronmap() -> Path:
    """The project's source folder: from its settings, else bron/."""
    return click.get_current_context().find_root().obj.bron or Path("bron")


def _projectmap() -> Path | None:
    """The folder of the project's settings file, if it has one."""
    bestand = click.get_current_context().find_root().obj.bestand
    return bestand.parent if bestand else None


def _ask(a) -> None:
    """Ask for every answer not given as an option; an empty answer takes the default."""
    if not a.gemeenten:
        a.gemeenten = _namen((_vraag("Gemeente(n), gescheiden door komma's", scaffold.STANDAARD_GEMEENTE),))
    if not a.corporaties:
        a.corporaties = _namen((_vraag("Corporatie(s)", scaffold.STANDAARD_CORPORATIE),))
    if not a.huurdersorganisaties:
        a.huurdersorganisaties = _namen((_vraag("Huurdersorganisatie(s)", scaffold.STANDAARD_HUURDERS),))
    if a.van is None:
        a.van = _jaar("Eerste jaar", scaffold.standaard_van())
    if a.tot is None:
        a.tot = _jaar("Laatste jaar", a.van + scaffold.STANDAARD_DUUR - 1)
    if not a.titel:
        a.titel = _vraag("Titel", scaffold.standaard_titel(a.gemeenten, a.van, a.tot))


def _jaar(tekst: str, standaard: int) -> int:
    return click.prompt(tekst, default=standaard, type=click.IntRange(1900, 2200))


@main.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument("oud")
@click.argument("nieuw")
@click.option("--bron", "bron", type=click.Path(path_type=Path), help=BRON_HELP)
@click.option("--uit", "-o", type=click.Path(path_type=Path),
              help="Map voor de vergelijking (standaard: build/verschil/).")
def verschil(oud: str, nieuw: str, bron: Path | None, uit: Path | None) -> None:
    """Vergelijk twee versies van de afspraken: twee git-versies (HEAD~1, v1.0) of twee mappen.

    Per afspraak: nieuw, vervallen of gewijzigd, met de gewijzigde velden en de tekst woord
    voor woord; ook partijen, thema's, streefwaarden en projecten. Schrijft
    verschil-<OUD>-<NIEUW>.md, .html en .docx (met bijgehouden wijzigingen).

    \b
    Exitcodes: 0 geen verschil, 1 verschil gevonden, 2 fout of verkeerd gebruik.
    """
    try:
        uitkomst = vergelijk(oud, nieuw, bron, uit)
    except GebruiksFout as e:
        raise click.UsageError(str(e)) from None
    except OSError as e:  # a version named by a path too long for the file system, a link loop
        raise click.UsageError(f"kan de versies niet lezen ({os_melding(e)})") from None
    except BronFout as e:
        clitaal.print_findings(e.rapport)
        click.echo(f"Vergelijken afgebroken: {clitaal.summary(e.rapport, False)}.", err=True)
        sys.exit(2)
    except PrestatieFout as e:
        click.echo(f"fout: {e}", err=True)
        sys.exit(2)
    for v in uitkomst.verschillen:
        click.echo(samenvatting(v))
    click.echo("Geschreven: " + ", ".join(str(p) for p in uitkomst.bestanden), err=True)
    sys.exit(1 if uitkomst.gewijzigd else 0)


for _opdracht in (opruimen, site, schema):
    main.add_command(_opdracht)

if __name__ == "__main__":  # pragma: no cover
    main()
