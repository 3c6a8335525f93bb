"""What `prestatie nieuw` accepts from its user as names, a title and a folder: text on one line,
no longer than check accepts, no references, and a folder name every system can hold."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core import opmaak
from ..core.errors import GebruiksFout, veilige_naam
from ..core.markdown import VERWIJZING
from ..load.yaml import MAX_TEKST


@dataclass
class Antwoorden:
    """What the policy writer told us; empty lists and None get the defaults."""

    gemeenten: list[str] = field(default_factory=list)
    corporaties: list[str] = field(default_factory=list)
    huurdersorganisaties: list[str] = field(default_factory=list)
    van: int | None = None
    tot: int | None = None
    titel: str | None = None


LANGSTE = MAX_TEKST - len("Gemeente ")
"""The longest name or title: what check accepts in a field, with the words nieuw puts before it
('Gemeente …' in a party's name, 'Nieuwe …' in the press release's heading)."""


def een_regel(a: Antwoorden) -> Antwoorden:
    """Every name and the title on one line with single spaces, as they are written into the YAML
    (also into its comments): a line break typed into a title never starts a line of YAML."""
    def regel(waarde: str) -> str:
        return " ".join(waarde.split())

    return replace(a, gemeenten=[regel(g) for g in a.gemeenten], corporaties=[regel(c) for c in a.corporaties],
                   huurdersorganisaties=[regel(h) for h in a.huurdersorganisaties],
                   titel=regel(a.titel) if a.titel else a.titel)


_WINDOWS_NAMEN = {"con", "prn", "aux", "nul", *(f"{s}{i}" for s in ("com", "lpt") for i in range(1, 10))}
_WINDOWS_TEKENS = '<>:"\\|?*'


def niet_draagbaar(naam: str) -> str | None:
    """Why Windows cannot hold a folder of this name (agreements are shared through git), or None."""
    if naam.split(".")[0].strip().lower() in _WINDOWS_NAMEN:
        return f"'{naam.split('.')[0]}' is op Windows de naam van een apparaat"
    verboden = sorted({c for c in naam if c in _WINDOWS_TEKENS})
    if verboden:
        return f"Windows staat {' en '.join(repr(c) for c in verboden)} niet toe in een mapnaam"
    if naam.endswith((" ", ".")) and naam not in (".", ".."):
        return "Windows staat geen spatie of punt aan het eind van een mapnaam toe"
    return None


def alleen_tekst(a: Antwoorden) -> None:
    """Names and title are text: bytes that are not UTF-8, control characters and text longer
    than check accepts are refused."""
    for waarde in [*a.gemeenten, *a.corporaties, *a.huurdersorganisaties, a.titel or ""]:
        if len(waarde) > LANGSTE:
            raise GebruiksFout(f"'{veilige_naam(waarde[:40])}…' is {opmaak.getal(len(waarde))} tekens lang; een naam "
                               f"of titel heeft hoogstens {opmaak.getal(LANGSTE)} tekens")
        if any(0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0
               for c in waarde):
            raise GebruiksFout(f"'{veilige_naam(waarde)}' bevat tekens die geen tekst zijn (geen UTF-8, of "
                               "stuurtekens); typ de naam of titel opnieuw")
        if VERWIJZING.search(waarde):
            raise GebruiksFout(f"'{veilige_naam(waarde)}' bevat een verwijzing als {{partij:id}}; een naam of "
                               "titel is gewone tekst")
