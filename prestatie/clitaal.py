"""Dutch for the command line: click's own messages (usage, errors, help) translated, and how
a command prints its findings, its progress and its summary.

click asks ``gettext`` for every message it shows; this module answers in Dutch, so a policy
writer never meets an English "Usage:" or "No such option".
"""

from __future__ import annotations

import os
import signal
import sys

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from .core.errors import Bevinding, Exitcode, Onderbroken, Rapport, is_koppelingslus, pad_melding
from .core.rapportvormen import github_annotatie

NL = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Missing command.": "Geef een opdracht.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} valt buiten het bereik: {range}.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "integer": "geheel getal",
    "float": "getal",
    "integer range": "geheel getal",
    "Missing argument {param_hint}.": "Argument {param_hint} ontbreekt.",
    "Missing option {param_hint}.": "Optie {param_hint} ontbreekt.",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The value you entered was invalid.": "Fout: de ingevoerde waarde is ongeldig.",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "{value!r} is not a valid integer.": "{value!r} is geen geheel getal.",
    "{value!r} is not a valid float.": "{value!r} is geen getal.",
    "{value!r} is not a valid boolean.": "{value!r} is geen ja/nee-waarde.",
    "directory": "map",
    "file": "bestand",
    "path": "pad",
    "Aborted!": "Afgebroken.",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Positional arguments": "Argumenten",
    "deprecated": "verouderd",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""The click settings every command shares: -h as well as --help, wide help text."""


def _gettext(message: str) -> str:
    return NL.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _describe_range(self: click.types._NumberRangeBase) -> str:  # type: ignore[name-defined]
    """'x>=1' → 'minstens 1', '1<=x<=10' → 'van 1 tot en met 10', in help and errors alike."""
    def bound(value: object, open_: bool, lower: bool) -> str:
        if lower:
            return f"meer dan {value}" if open_ else f"minstens {value}"
        return f"minder dan {value}" if open_ else f"hoogstens {value}"

    if self.min is None:
        return bound(self.max, self.max_open, False)
    if self.max is None:
        return bound(self.min, self.min_open, True)
    if not self.min_open and not self.max_open:
        return f"van {self.min} tot en met {self.max}"
    return f"{bound(self.min, self.min_open, True)} en {bound(self.max, self.max_open, False)}"


def install() -> None:
    """Make click speak Dutch (idempotent)."""
    click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[attr-defined,method-assign]
    # Type names appear in messages ("'veel' is geen geldig geheel getal"); metavars are set per option.
    for kind, name in ((click.types.IntParamType, "geheel getal"), (click.types.IntRange, "geheel getal"),
                       (click.types.FloatParamType, "getal"), (click.types.FloatRange, "getal")):
        kind.name = name
    for module in (
        click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui, click.types
    ):
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


class stop_bij_signaal:
    """While a command runs, Ctrl-C and SIGTERM end it the same way (workers stopped, staging
    removed), reported by ``onderbroken``."""

    def __enter__(self) -> None:
        self._old = signal.signal(signal.SIGTERM, _raise_onderbroken)
        self._old_int = signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGTERM, self._old)
        signal.signal(signal.SIGINT, self._old_int)


def onderbroken(e: BaseException, bericht: str) -> int:
    """One Dutch line about an interruption; the exit code 130 (Ctrl-C) or 143 (SIGTERM)."""
    stop = e if isinstance(e, Onderbroken) else Onderbroken(signal.SIGINT)
    hoe = " met Ctrl-C" if stop.signum == signal.SIGINT else f" door signaal {signal.Signals(stop.signum).name}"
    click.echo(bericht.format(hoe=hoe, toestand=stop.toestand), err=True)
    return int(Exitcode.ONDERBROKEN if stop.signum == signal.SIGINT else Exitcode.GESTOPT)


class Groep(click.Group):
    """The command group: whatever a command does not handle itself, a Ctrl-C or SIGTERM
    anywhere in it ends with one Dutch line and 130 or 143 (never click's "Aborted!" and 1),
    and an OS error with one Dutch line and 1."""

    def invoke(self, ctx: click.Context) -> object:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _raise_onderbroken)
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, Onderbroken) as e:
            ctx.exit(onderbroken(e, "prestatie onderbroken{hoe}."))
        except (OSError, RuntimeError) as e:
            # The last net under every command: a file or folder that cannot be used is one
            # Dutch line and exit 1, never a traceback (each command names its own cases first).
            if not isinstance(e, OSError) and not is_koppelingslus(e):
                raise
            click.echo(f"fout: {pad_melding(e)}", err=True)
            ctx.exit(int(Exitcode.FOUT))


def _raise_onderbroken(signum: int, _frame: object) -> None:
    raise Onderbroken(signum)


# --- what a command prints about findings and progress -----------------------------------


KLEUR = {"fout": "red", "waarschuwing": "yellow", "informatie": "blue", "klaar": "green"}


def kleur() -> bool | None:
    """Colour only where a person reads it: None lets click colour a terminal and nothing else
    (a file, a pipe); ``NO_COLOR`` (https://no-color.org) turns it off everywhere."""
    return False if os.environ.get("NO_COLOR") else None


def meld(text: str, nl: bool = True) -> None:
    """One message on stderr, in colour only on a terminal."""
    click.echo(text, err=True, nl=nl, color=kleur())


def print_findings(rapport: Rapport, streng: bool = False, warnings: bool = True) -> None:
    """Every finding on stderr as 'plaats: fout|waarschuwing|informatie: bericht', sorted; the
    word fout or waarschuwing in red or yellow on a terminal."""
    for b in rapport.gesorteerd():
        ernst = "informatie" if b.is_informatie else "fout" if (b.is_fout or streng) else "waarschuwing"
        if ernst != "fout" and not warnings:
            continue
        meld(f"{b.plaats}: {click.style(ernst, fg=KLEUR[ernst], bold=True)}: {b.bericht}")
        _annotation(b, ernst)


def _annotation(b: Bevinding, ernst: str) -> None:
    """On GitHub Actions, also print a workflow annotation that marks the YAML line."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        click.echo(github_annotatie(b, ernst))


def progress():
    """On a terminal, one line that counts the documents; in CI and pipes, nothing."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return None

    def show(text: str) -> None:
        meld(f"\r\033[K{text}", nl=False)

    return show


def summary(rapport: Rapport, streng: bool) -> str:
    """'2 fouten, 1 waarschuwing' (with --streng every warning counts as an error)."""
    f = len(rapport.fouten) + (len(rapport.waarschuwingen) if streng else 0)
    w = 0 if streng else len(rapport.waarschuwingen)
    parts = [f"{f} {'fout' if f == 1 else 'fouten'}"]
    parts.append(f"{w} {'waarschuwing' if w == 1 else 'waarschuwingen'}")
    return ", ".join(parts)
