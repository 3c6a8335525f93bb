"""Where templates and house-style files come from: the project's sjablonen/, then the defaults.

A project's ``sjablonen/`` overrides any default file by name; a template that overrides a
default can still extend it as ``standaard/<naam>``. A file that is missing names every
folder that was searched.
"""

from __future__ import annotations

import io
import os
import types
import zipfile
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..core.errors import HuisstijlFout, SjabloonFout, display_path, os_melding

MAX_BYTES = 20 * 1024 * 1024
"""A house-style file (reference .docx, stylesheet) larger than this is refused."""
MAX_ONDERDELEN = 300
"""A reference .docx with more parts than this is refused (an empty Word document has about 12)."""
MAX_UITGEPAKT = 64 * 1024 * 1024
"""A reference .docx larger than this when unpacked is refused."""
MAX_VERHOUDING = 100
"""A part compressed more than this many times (and over 1 MB unpacked) is refused."""


def default_dir() -> Path:
    """The default templates shipped with prestatie (inside the wheel, or the source checkout)."""
    packaged = Path(str(resources.files("prestatie"))) / "sjablonen"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "sjablonen"


class Sandbox(ImmutableSandboxedEnvironment):
    """The only kind of Jinja environment prestatie makes: a template (ours or a user's) reads
    its context and uses Jinja's and prestatie's filters, nothing else. No Python internals,
    no changing lists or dicts, no paths or modules (so no files and no processes), and
    Jinja's invented-text global ``lipsum`` is gone."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self._veilig: dict[tuple[type, str], bool] = {}
        """Per kind of object and attribute name the verdict: every rule below (and Jinja's)
        asks only what kind of object it is, so one verdict holds for every object of it."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._veilig.get(key)
        if verdict is None:
            verdict = self._veilig[key] = self._beoordeel(obj, attr, value)
        return verdict

    def _beoordeel(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (os.PathLike, types.ModuleType, type)) or attr.startswith("model_"):
            return False
        return super().is_safe_attribute(obj, attr, value)


class Sjablonen:
    """The search path for templates and house-style files of one build."""

    def __init__(self, project_dir: Path | None = None):
        dirs: list[Path] = []
        if project_dir is not None and project_dir.is_dir():
            dirs.append(project_dir.resolve())
        default = default_dir().resolve()
        if default not in dirs:
            dirs.append(default)
        self.dirs = dirs
        self.default = default

    def bestand(self, naam: str) -> Path:
        """The first file called ``naam`` on the search path."""
        for d in self.dirs:
            p = d / naam
            if p.is_file():
                return p
        raise SjabloonFout(
            f"bestand '{naam}' niet gevonden; gezocht in: "
            + ", ".join(display_path(d) for d in self.dirs)
        )

    def lees(self, naam: str, max_bytes: int = MAX_BYTES) -> bytes:
        """The bytes of a house-style file; a file that cannot be read or is too large is a
        Dutch error naming it (never more than the limit is read)."""
        path = self.bestand(naam)
        try:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except OSError as e:
            raise SjabloonFout(f"{display_path(path)}: kan het bestand niet lezen: {os_melding(e)}") from None
        if len(data) > max_bytes:
            raise SjabloonFout(f"{display_path(path)}: bestand is te groot (meer dan {max_bytes // 1024 // 1024} MB)")
        return data

    def huisstijl(self, naam: str = "huisstijl.docx") -> bytes:
        """The reference .docx, checked before python-docx opens it: a Word file (a zip) of
        bounded size, number of parts and compression ratio, so no zip bomb reaches a writer."""
        data = self.lees(naam)
        waar = display_path(self.bestand(naam))
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                parts = z.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise HuisstijlFout(f"{waar}: geen geldig Word-document (geen .docx); sla het op als Word-document") from None
        if len(parts) > MAX_ONDERDELEN:
            raise HuisstijlFout(f"{waar}: bevat {len(parts)} onderdelen (hoogstens {MAX_ONDERDELEN}); "
                                "sla een leeg document met alleen de stijlen op als huisstijl")
        for p in parts:
            if p.file_size > 1024 * 1024 and p.file_size > MAX_VERHOUDING * max(p.compress_size, 1):
                raise HuisstijlFout(f"{waar}: onderdeel '{p.filename}' is meer dan {MAX_VERHOUDING} keer "
                                    "samengeperst (een zip-bom?); gebruik een gewoon Word-document")
        total = sum(p.file_size for p in parts)
        if total > MAX_UITGEPAKT:
            raise HuisstijlFout(f"{waar}: is uitgepakt {total // 1024 // 1024} MB (hoogstens "
                                f"{MAX_UITGEPAKT // 1024 // 1024} MB); verwijder afbeeldingen en ingesloten bestanden")
        return data

    def lees_tekst(self, naam: str) -> str:
        """A house-style text file (stijl.css) as UTF-8; another encoding is an error at its line."""
        data = self.lees(naam)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
            raise SjabloonFout(
                f"{display_path(self.bestand(naam))}:{line}:{col}: bestand is geen UTF-8; sla het op als "
                "UTF-8 (in de meeste editors: Opslaan als… > Codering: UTF-8)"
            ) from None

    @cached_property
    def loader(self) -> jinja2.BaseLoader:
        return jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader([str(d) for d in self.dirs]),
                jinja2.PrefixLoader({"standaard": jinja2.FileSystemLoader(str(self.default))}),
            ]
        )

    @cached_property
    def html_env(self) -> jinja2.Environment:
        """Environment for HTML page templates: autoescaped, strict."""
        return Sandbox(
            loader=self.loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
