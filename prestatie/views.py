"""Derived views for the yearly progress report: counts, overdue, realisation, changes."""

from __future__ import annotations

from typing import Any

from .model import Bron


def voortgang_context(bron: Bron, jaar: int) -> dict[str, Any]:
    """Extra template variables for voortgang.md.j2 (pure: derived from the model only)."""
    return {}


def voortgang_afbeeldingen(bron: Bron, jaar: int) -> dict[str, Any]:
    """The charts of the progress report for ``jaar``, drawn once for every format."""
    return {}
