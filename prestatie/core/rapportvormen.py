"""Findings in machine-readable form, for editors and CI: plain JSON and GitLab Code Quality."""

from __future__ import annotations

import hashlib
from typing import Any

from .errors import Rapport


def _ernst(is_fout: bool, streng: bool) -> str:
    return "fout" if (is_fout or streng) else "waarschuwing"


def findings_json(rapport: Rapport, streng: bool = False) -> dict[str, Any]:
    """``prestatie check --formaat json``: every finding with file, line, column, severity, message."""
    items = [
        {
            "bestand": b.plaats.bestand,
            "regel": b.plaats.regel or None,
            "kolom": (b.plaats.kolom or 1) if b.plaats.regel else None,
            "ernst": _ernst(b.is_fout, streng),
            "bericht": b.bericht,
        }
        for b in rapport.gesorteerd()
    ]
    fouten = sum(1 for i in items if i["ernst"] == "fout")
    return {
        "in_orde": rapport.geslaagd(streng),
        "exitcode": int(rapport.exitcode(streng)),
        "fouten": fouten,
        "waarschuwingen": len(items) - fouten,
        "bevindingen": items,
    }


def codequality(rapport: Rapport, streng: bool = False) -> list[dict[str, Any]]:
    """``prestatie check --formaat gitlab``: a GitLab Code Quality report (artifacts:reports:codequality)."""
    out = []
    for b in rapport.gesorteerd():
        ernst = _ernst(b.is_fout, streng)
        key = f"{b.plaats.bestand}\0{b.plaats.regel}\0{b.plaats.kolom}\0{b.bericht}".encode()
        out.append(
            {
                "description": b.bericht,
                "check_name": f"prestatie-{ernst}",
                "fingerprint": hashlib.sha256(key).hexdigest(),
                "severity": "major" if ernst == "fout" else "minor",
                "location": {"path": b.plaats.bestand, "lines": {"begin": b.plaats.regel or 1}},
            }
        )
    return out
