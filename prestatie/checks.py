"""Checks that need a rendered document, not only the sources (length of the press release)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Rapport
from .model import Bron

if TYPE_CHECKING:
    from .pipeline import Project


def document_checks(bron: Bron, project: "Project", rapport: Rapport) -> None:
    """Warnings about rendered documents of one agreement (added with the press release)."""
    return None
