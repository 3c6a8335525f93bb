"""Derived views for the press release: dateline, lead and sections drawn from the agreement."""

from __future__ import annotations

from typing import Any

from .model import Bron


def persbericht_context(bron: Bron) -> dict[str, Any]:
    """Extra template variables for persbericht.md.j2 (pure: derived from the model only)."""
    return {}
