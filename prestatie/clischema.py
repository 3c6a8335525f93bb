"""``prestatie schema``: the JSON Schemas an editor uses, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .clitaal import CONTEXT
from .model.schema import schemas


@click.command(context_settings=CONTEXT, options_metavar="[OPTIES]")
@click.argument(
    "soort",
    required=False,
    default="overeenkomst",
    type=click.Choice(["overeenkomst", "persbericht", "voortgang"]),
)
@click.option(
    "--map",
    "map_",
    metavar="MAP",
    type=click.Path(path_type=Path, file_okay=False),
    help="Schrijf de schema's van alle drie de bestanden als <soort>.schema.json in deze map.",
)
def schema(soort: str, map_: Path | None) -> None:
    """Toon het JSON Schema van overeenkomst.yaml, persbericht.yaml of voortgang/<jaar>.yaml.

    Een editor met de YAML-taalserver vult daarmee sleutels aan en controleert tijdens
    het typen; zie README.
    """
    all_schemas = schemas()
    if map_ is None:
        click.echo(json.dumps(all_schemas[soort], ensure_ascii=False, indent=2))
        return
    map_.mkdir(parents=True, exist_ok=True)
    for name, content in all_schemas.items():
        path = map_ / f"{name}.schema.json"
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(f"geschreven: {path}", err=True)
