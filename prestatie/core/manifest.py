"""The manifest of a build: what it wrote, with digests; read by the next build, written last."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    """The hexadecimal SHA-256 digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def inhoud_digest(*parts: str) -> str:
    """One digest over texts; a path's undecodable bytes (a non-UTF-8 folder name) count as
    the bytes they were, never as an error."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest in ``folder``, or an empty one when there is none or it cannot be read."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as the stable UTF-8 JSON a build writes."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
