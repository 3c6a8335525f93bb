"""Findings in machine-readable form, for editors and CI: plain JSON and GitLab Code Quality."""

from __future__ import annotations

import hashlib
from typing import Any

from .errors import Bevinding, Rapport


def _ernst(b: Bevinding, streng: bool) -> str:
    """The severity shown: --streng makes a warning an error, never information."""
    if b.is_informatie:
        return "informatie"
    return "fout" if (b.is_fout or streng) else "waarschuwing"


def findings_json(rapport: Rapport, streng: bool = False) -> dict[str, Any]:
    """``prestatie check --formaat json``: every finding with file, line, column, severity, message."""
    items = [
        {
            "bestand": b.plaats.bestand,
            "regel": b.plaats.regel or None,
            "kolom": (b.plaats.kolom or 1) if b.plaats.regel else None,
            "ernst": _ernst(b, streng),
            "bericht": b.bericht,
            **({"cijfers": b.cijfers} if b.cijfers is not None else {}),
        }
        for b in rapport.gesorteerd()
    ]
    fouten = sum(1 for i in items if i["ernst"] == "fout")
    informatie = sum(1 for i in items if i["ernst"] == "informatie")
    return {
        "in_orde": rapport.geslaagd(streng),
        "exitcode": int(rapport.exitcode(streng)),
        "fouten": fouten,
        "waarschuwingen": len(items) - fouten - informatie,
        "informatie": informatie,
        "bevindingen": items,
    }


def codequality(rapport: Rapport, streng: bool = False) -> list[dict[str, Any]]:
    """``prestatie check --formaat gitlab``: a GitLab Code Quality report (artifacts:reports:codequality)."""
    out = []
    for b in rapport.gesorteerd():
        ernst = _ernst(b, streng)
        key = f"{b.plaats.bestand}\0{b.plaats.regel}\0{b.plaats.kolom}\0{b.bericht}".encode()
        out.append(
            {
                "description": b.bericht,
                "check_name": f"prestatie-{ernst}",
                "fingerprint": hashlib.sha256(key).hexdigest(),
                "severity": {"fout": "major", "waarschuwing": "minor"}.get(ernst, "info"),
                "location": {"path": b.plaats.bestand, "lines": {"begin": b.plaats.regel or 1}},
            }
        )
    return out


def github_annotatie(b: Bevinding, ernst: str) -> str:
    """A GitHub Actions workflow annotation that marks the finding's line; file name and
    message escaped, so neither can end the annotation or forge another."""
    where = f"file={_github_eigenschap(b.plaats.bestand)}"
    if b.plaats.regel:
        where += f",line={b.plaats.regel},col={b.plaats.kolom or 1}"
    kind = {"fout": "error", "waarschuwing": "warning"}.get(ernst, "notice")
    return f"::{kind} {where}::{github_tekst(b.bericht)}"


def github_tekst(text: str) -> str:
    """Text of a workflow command: '%', CR and LF escaped, so it stays one annotation."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_eigenschap(text: str) -> str:
    """A property value of a workflow command (the file name): also ':' and ',' escaped."""
    return github_tekst(text).replace(":", "%3A").replace(",", "%2C")
