"""One build's state: where it works, its version, and what it made once and reuses."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..core.errors import GebruiksFout, display_path, is_koppelingslus, pad_melding
from ..core.version import Bouwinfo
from ..load.sjablonen import Sjablonen
from ..model import Dossier
from ..parse import parse
from ..plan import Document
from ..plan.vingerafdruk import templates_digest
from ..render import Renderer
from ..write.formats import Writer, formaat

VOORBEELD_MAP = ".voorbeeld"
"""The preview's own output folder inside build/: the real build/ stays as `prestatie build` left it."""


def echt_pad(path: Path, wat: str) -> Path:
    """``path`` with every link followed; a link loop or an impossible name is a usage error."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as e:
        if not isinstance(e, OSError) and not is_koppelingslus(e):
            raise
        raise GebruiksFout(f"kan de {wat} '{display_path(path)}' niet gebruiken ({pad_melding(e)})") from None


@dataclass
class Werkmap:
    """Where a build reads and writes: bron/, sjablonen/ and build/ of one project."""

    bron: Path
    sjablonen: Path
    uit: Path

    @classmethod
    def find(cls, bron: Path | str | None = None, uit: Path | str | None = None) -> "Werkmap":
        """The project around ``bron`` (default: ./bron); templates and output sit beside it."""
        path = Path(bron) if bron is not None else Path("bron")
        try:
            exists, is_dir = path.exists(), path.is_dir()
            root = path.parent.parent if (path / "overeenkomst.yaml").is_file() else path.parent
            if is_dir:
                path.resolve(strict=True)
        except (OSError, RuntimeError) as e:  # a name too long, a link loop
            raise GebruiksFout(f"kan de bronmap '{display_path(path)}' niet gebruiken ({pad_melding(e)})") from None
        if not exists:
            raise GebruiksFout(
                f"map '{display_path(path)}' bestaat niet; start prestatie in een map met bron/ "
                "of geef de bronmap op, bijvoorbeeld: prestatie build pad/naar/bron"
            )
        if not is_dir:
            raise GebruiksFout(f"'{display_path(path)}' is geen map")
        return cls(
            bron=path,
            sjablonen=root / "sjablonen",
            uit=Path(uit) if uit is not None else root / "build",
        )


@dataclass
class Bouw:
    """Everything one check or build makes once and uses many times. Nothing of it outlives
    the build: the next build makes a new ``Bouw`` and reads templates and house style anew."""

    werkmap: Werkmap | None
    info: Bouwinfo
    generator: str
    project_sjablonen: Path | None = None
    woorden: dict[str, int] = field(default_factory=dict)
    """Per agreement folder the words of its press release before the noot, counted once."""
    _writers: dict[str, Writer] = field(default_factory=dict, repr=False)
    _markdown: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _info: dict[str, Bouwinfo] = field(default_factory=dict, repr=False)
    _bomen: dict[tuple[str, str], ET.Element] = field(default_factory=dict, repr=False)
    eerder_gelezen: set[tuple[str, str]] = field(default_factory=set, repr=False)
    """Documents (agreement folder, name) whose Markdown the last build parsed, unchanged:
    ``opmaken`` need not parse them to know they can be."""
    bomen_bewaren: bool = field(default=False, repr=False)
    """Keep every parsed tree (a worker that checks an agreement and then writes its documents),
    not only the press release's; ``vergeet`` lets an agreement's go."""

    def __post_init__(self) -> None:
        if self.werkmap is not None and self.project_sjablonen is None:
            self.project_sjablonen = self.werkmap.sjablonen

    @cached_property
    def sjablonen(self) -> Sjablonen:
        return Sjablonen(self.project_sjablonen)

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.sjablonen)

    @cached_property
    def sjablonen_digest(self) -> str:
        return templates_digest(self.sjablonen)

    @cached_property
    def huisstijl_digest(self) -> str:
        """What the writers read of the templates: a change in a document template alone
        changes that document's Markdown, and only documents whose Markdown changed are written."""
        return templates_digest(self.sjablonen, huisstijl=True)

    def info_voor(self, dossier: Dossier) -> Bouwinfo:
        """The build as one agreement's documents see it, dated by that agreement's own sources."""
        if dossier.map not in self._info:
            self._info[dossier.map] = self.info.voor_map(dossier.pad)
        return self._info[dossier.map]

    def writer(self, naam: str) -> Writer:
        """The writer of format ``naam`` for this build, made on first use."""
        if naam not in self._writers:
            self._writers[naam] = formaat(naam).maak(self.sjablonen)
        return self._writers[naam]

    def markdown(self, dossier: Dossier, doc: Document) -> str:
        """The document's Markdown, rendered once per build (the check renders the press release,
        the build's workers, forked after it, find it here)."""
        key = (dossier.map, doc.naam)
        if key not in self._markdown:
            self._markdown[key] = self.renderer.markdown(doc.sjabloon, doc.context)
        return self._markdown[key]

    def boom(self, dossier: Dossier, doc: Document) -> tuple[str, ET.Element]:
        """The document's Markdown and its parsed tree. The press release's tree, which three
        checks read (that it renders, its length, its plain language), is parsed once; it is
        short, and only read. With ``bomen_bewaren`` every tree is parsed once."""
        text = self.markdown(dossier, doc)
        if doc.soort != "persbericht" and not self.bomen_bewaren:
            return text, parse(text)
        key = (dossier.map, doc.naam)
        if key not in self._bomen:
            self._bomen[key] = parse(text)
        return text, self._bomen[key]

    def opmaken(self, dossier: Dossier, doc: Document) -> None:
        """Render and parse the document as the build does, to find what stops it; one the last
        build parsed unchanged (``eerder_gelezen``) is only rendered."""
        if (dossier.map, doc.naam) in self.eerder_gelezen:
            self.markdown(dossier, doc)
        else:
            self.boom(dossier, doc)

    def vergeet(self, dossier: Dossier, naam: str | None = None) -> None:
        """Let go of what was rendered and parsed for one agreement (its documents are made),
        or for one of its documents."""
        def weg(k: tuple[str, str]) -> bool:
            return k[0] == dossier.map and naam in (None, k[1])
        self.eerder_gelezen = {k for k in self.eerder_gelezen if not weg(k)}
        for cache in (self._markdown, self._bomen):
            for key in [k for k in cache if weg(k)]:
                del cache[key]

    def __getstate__(self) -> dict[str, Any]:  # pragma: no cover - only spawn pickles a build
        return {"werkmap": None, "info": self.info, "generator": self.generator,
                "project_sjablonen": self.project_sjablonen, "woorden": self.woorden,
                "_writers": {}, "_markdown": {}, "_info": dict(self._info), "_bomen": {},
                "eerder_gelezen": set(), "bomen_bewaren": False}
