"""The versions of each agreement in git, for the publication site: a version is the last
commit in which the agreement's ``versie:`` had one value (a tag on it names it too); the
sources as they are now are the newest version."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.tekst import slug
from .verschil import _git


@dataclass
class Versiestand:
    """One version of one agreement."""

    versie: str
    """The agreement's ``versie:`` ('1.0')."""
    commit: str | None
    """The commit that holds it; None for the sources as they are now."""
    datum: dt.datetime
    """The commit's time (the build date of that version), or None for now."""
    tags: list[str] = field(default_factory=list)

    @property
    def map(self) -> str:
        """The version's folder on the site: 'versie-1-0'."""
        return "versie-" + slug(self.versie, "onbekend", 40)


def _versie_van(tekst: str | None) -> str | None:
    """``versie:`` of an overeenkomst.yaml, read leniently (an old commit may not load)."""
    if not tekst:
        return None
    try:
        data = yaml.safe_load(tekst)
    except yaml.YAMLError:
        m = re.search(r"^versie:\s*['\"]?([^'\"\n#]+)", tekst, re.MULTILINE)
        return m.group(1).strip() if m else None
    value = data.get("versie") if isinstance(data, dict) else None
    return str(value) if value is not None else None


def git_versies(folder: Path, huidige: str) -> list[Versiestand]:
    """The versions of the agreement in ``folder``, oldest first, the current sources last
    (they replace the last committed version with the same number). Without git: only now."""
    top = _git(["rev-parse", "--show-toplevel"], folder)
    pad = folder / "overeenkomst.yaml"
    nu = Versiestand(huidige, None, _nu())
    if not top:
        return [nu]
    relative = Path(os.path.relpath(pad.resolve(), Path(top).resolve())).as_posix()
    log = _git(["log", "--format=%H%x00%ct%x00%D", "--", relative], Path(top)) or ""
    stappen: list[Versiestand] = []  # newest first, one per run of the same versie
    for line in log.splitlines():
        commit, stamp, refs = (line.split("\x00") + ["", ""])[:3]
        versie = _versie_van(_git(["show", f"{commit}:{relative}"], Path(top)))
        if versie is None:
            continue
        tags = [r.strip()[5:] for r in refs.split(",") if r.strip().startswith("tag: ")]
        if stappen and stappen[-1].versie == versie:
            stappen[-1].tags += tags  # an older commit of the same version: its tags count too
            continue
        when = dt.datetime.fromtimestamp(int(stamp or 0), tz=dt.timezone.utc)
        stappen.append(Versiestand(versie, commit, when, tags))
    oudste_eerst = [s for s in reversed(stappen) if s.versie != huidige]
    # Each version number once: a number that came back later counts as its latest run.
    gezien: dict[str, Versiestand] = {}
    for s in oudste_eerst:
        gezien.pop(s.versie, None)
        gezien[s.versie] = s
    huidig_commit = next((s for s in stappen if s.versie == huidige), None)
    if huidig_commit is not None:
        nu.tags = huidig_commit.tags
    return [*gezien.values(), nu]


def _nu() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)
