"""The house style's colours, read once per build from ``sjablonen/kleuren.yaml``: the one
place where a municipality changes them, and Word, PDF and HTML all follow."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..core.errors import HuisstijlFout
from ..load.sjablonen import Sjablonen
from ..parse.klassen import STATUSWAARDEN, statusklasse

KLEUREN = "kleuren.yaml"
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Kleuren:
    """Colours of the house style: per status (RRGGBB, upper case)."""

    per_status: dict[str, str]

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "Kleuren":
        """The colours on the template search path; every status needs one, in RRGGBB."""
        waar = KLEUREN
        try:
            waar = str(sjablonen.bestand(KLEUREN))
            data = yaml.safe_load(sjablonen.lees_tekst(KLEUREN)) or {}
        except yaml.YAMLError as e:
            raise HuisstijlFout(f"{waar}: geen geldige YAML ({getattr(e, 'problem', e)})") from None
        status = data.get("status") if isinstance(data, dict) else None
        if not isinstance(status, dict):
            raise HuisstijlFout(f"{waar}: 'status' ontbreekt (per status een kleur RRGGBB)")
        fouten = [f"'{n}' ontbreekt" for n in STATUSWAARDEN if n not in status]
        fouten += [f"'{n}' is geen status" for n in status if n not in STATUSWAARDEN]
        fouten += [f"'{n}': '{k}' is geen kleur RRGGBB" for n, k in status.items()
                   if n in STATUSWAARDEN and not _HEX.match(str(k))]
        if fouten:
            raise HuisstijlFout(f"{waar}: status: " + "; ".join(fouten))
        return cls({n: str(status[n]).upper() for n in STATUSWAARDEN})

    def status(self, waarde: str) -> str | None:
        """The colour of a status (RRGGBB), None for an unknown one."""
        return self.per_status.get(waarde)

    def css(self) -> str:
        """The CSS rules that give each status its colour (added to stijl.css)."""
        return "".join(f".{statusklasse(n)} {{ color: #{k}; }}\n" for n, k in self.per_status.items())

    def typst(self) -> str:
        """The Typst dictionary ``statuskleuren`` that huisstijl.typ's ``status`` reads."""
        items = ", ".join(f'"{n}": rgb("#{k}")' for n, k in self.per_status.items())
        return f"#let statuskleuren = ({items})\n"
