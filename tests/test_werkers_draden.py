"""A build in a process with other threads (the preview server) starts its workers fresh
(spawn) instead of forking, and still makes every document."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from prestatie import pipeline
from prestatie.pipeline import werkers

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"


def test_one_thread_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert werkers._one_thread() is False
    finally:
        stop.set()
        thread.join()


def test_build_beside_another_thread_spawns_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    methods: list[str] = []
    import multiprocessing

    original = multiprocessing.get_context

    def spy(method=None):
        methods.append(method)
        return original(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        resultaat = pipeline.build(formaten=("md",), jobs=2)
    finally:
        stop.set()
        thread.join()
    assert methods == ["spawn"]
    names = sorted(p.name for p in resultaat.geschreven if not p.name.startswith("uittreksel-"))
    assert names == ["overeenkomst.md", "voortgang-2023.md", "voortgang-2024.md"]
    text = (root / "build" / NAAM / "overeenkomst.md").read_text(encoding="utf-8")
    assert "# Prestatieafspraken Dorp 2023–2026" in text
