"""The render chain for one document (template → Markdown → tree → bytes per format), run for
every document that must be made, in this process or in a pool of worker processes."""

from __future__ import annotations

import ctypes
import gc
import os
import threading
import signal
from collections import deque
from typing import Any, Callable

from ..core.manifest import sha256
from ..model import Dossier
from ..parse import parse
from ..parse.woorden import lengte_melding, woorden
from ..plan import PER_OVEREENKOMST, Document, alle_documenten
from ..plan.uittreksel import Partners
from ..plan.vingerafdruk import Opdracht, inhoud_digest
from ..render.document import document_info
from ..render.grafieken import teken_grafieken
from ..write.formats import bestandsnaam, formaat
from ..write.output import Uitvoer
from ..write.pdf.grens import te_groot as pdf_te_groot
from .bouw import Bouw


def render_document(
    doc: Document, dossier: Dossier, formaten: tuple[str, ...], bouw: Bouw, vorige: str | None = None
) -> tuple[dict[str, bytes] | None, list[str], str]:
    """Template → Markdown → one tree → bytes per format; nothing is written here.

    Also returns the digest of what the writers would read (the Markdown, the charts'
    descriptions, the document's properties, the formats and templates). When it equals
    ``vorige``, that of the files the last build left, the document is not parsed or written
    again (files None): an edit elsewhere in the sources leaves it, and its charts, alone.
    """
    if doc.soort in PER_OVEREENKOMST:  # open data and calendar: from the model, no template
        dinfo = document_info(doc, dossier, bouw.info_voor(dossier), bouw.generator, {})
        files: dict[str, bytes] = {}
        for f in formaten:
            writer: Any = bouw.writer(f)  # a format from the model: bestanden(), not write()
            files.update(writer.bestanden(dossier, dinfo, **doc.context))
        digest = inhoud_digest(bouw.generator, ",".join(formaten), repr(dinfo),
                               *(f"{n}:{sha256(d)}" for n, d in sorted(files.items())))
        return files, [], digest
    text = bouw.markdown(dossier, doc)
    # Charts are described only for the formats that show them (Markdown names them only).
    drawn = doc.grafieken is not None and any(formaat(f).toont_afbeeldingen for f in formaten)
    dinfo = document_info(doc, dossier, bouw.info_voor(dossier), bouw.generator, teken_grafieken(doc.grafieken()) if drawn and doc.grafieken else {})
    inhoud = inhoud_digest(bouw.generator, bouw.sjablonen_digest, ",".join(formaten), repr(dinfo), text)
    if inhoud == vorige:
        return None, [], inhoud
    tree = parse(text)
    notes = []
    if "pdf" in formaten and (te_lang := pdf_te_groot(doc.naam, text)):
        formaten = tuple(f for f in formaten if f != "pdf")  # memory stays bounded; the build says so
        notes.append(f"{dossier.map}/{te_lang}")
    out = {bestandsnaam(doc.naam, f): bouw.writer(f).write(tree, dinfo, text) for f in formaten}
    notes += [f"{dossier.map}/{doc.naam}: {m}" for f in formaten
              for m in getattr(bouw.writer(f), "meldingen", list)()]
    if doc.soort == "persbericht":
        n = bouw.woorden.get(dossier.map)
        notes.append(lengte_melding(dossier.map, doc.naam, n if n is not None else woorden(tree)))
    return out, notes, inhoud


def render_all(
    taken: list[Opdracht],
    bouw: Bouw,
    jobs: int | None,
    staging: Uitvoer,
    melding: Callable[[str], None] | None = None,
) -> None:
    """Render every document that must be made, in ``jobs`` processes, into ``staging``."""
    work = [(i, naam) for i, t in enumerate(taken) for naam in t.te_maken]
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(work) <= 1:
        for n, (i, naam) in enumerate(work, 1):
            taak = taken[i]
            doc = next(d for d in taak.documenten if d.naam == naam)
            _collect(taak, naam, *render_document(doc, taak.dossier, taak.formaten[naam], bouw,
                                                  taak.vorige_inhoud.get(naam)), staging)
            if melding:
                melding(f"[{n}/{len(work)}] {taak.dossier.map}/{naam}")
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork only a process with one thread: a forked worker of a process with other threads (a
    # preview server, a library's thread pool) can hang on a lock one of them held.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and _one_thread() else "spawn"
    # The agreements and the build go to each worker once, when it starts (a forked worker
    # inherits them, with the press releases the check already rendered); a task names an
    # agreement by its index.
    start = ([t.dossier for t in taken], bouw, os.getpid())
    # A forked worker shares the parent's memory until it writes to it, and the garbage
    # collector of a worker would write to every inherited object; frozen, they stay shared.
    gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(work)),
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=start,
    )
    try:
        pending = deque(
            (i, naam, pool.submit(_render_one, i, naam, taken[i].formaten[naam],
                                  taken[i].vorige_inhoud.get(naam))) for i, naam in work
        )
        n = 0
        while pending:
            i, naam, future = pending.popleft()  # a collected future is let go: its bytes are staged
            _collect(taken[i], naam, *future.result(), staging)
            n += 1
            if melding:
                melding(f"[{n}/{len(work)}] {taken[i].dossier.map}/{naam}")
        pool.shutdown()
    except BaseException:  # an error, Ctrl-C or SIGTERM: no worker outlives the build
        _stop(pool)
        raise
    finally:
        gc.unfreeze()


def _one_thread() -> bool:
    """True when this process runs one thread (threads of native libraries counted too, on Linux)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _stop(pool: Any) -> None:
    """End a pool now: queued work is cancelled and running workers are killed."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)


def _collect(taak: Opdracht, naam: str, files: dict[str, bytes] | None, notes: list[str], inhoud: str,
             staging: Uitvoer) -> None:
    taak.inhoud[naam] = inhoud
    if files is None:  # the same content as the files the last build left: they stay
        taak.te_maken.remove(naam)
        taak.meldingen[naam] = list(taak.oud.get("documenten", {}).get(naam, {}).get("meldingen", []))
        return
    for name, data in files.items():
        taak.bestanden[name] = staging.put(data)
    taak.meldingen[naam] = notes


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies, however it dies (PR_SET_PDEATHSIG);
    a parent that died before that is noticed at once."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent ends its pool on every way out
        pass
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1

_WORKER: dict[str, Any] = {}
"""What a worker process of the current build renders from: the agreements, the build, the
latest plan. Set when the worker starts; the worker ends with the build."""


def _start_worker(dossiers: list[Dossier], bouw: Bouw, parent: int) -> None:
    _die_with(parent)
    # Ctrl-C reaches every process of the terminal's group: the parent handles it (and ends
    # the workers); a worker ignores it, so it prints no traceback. SIGTERM ends a worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER.update(dossiers=dossiers, partners=Partners(dossiers), bouw=bouw, plan=(None, {}))


def _render_one(index: int, naam: str, formaten: tuple[str, ...],
                vorige: str | None) -> tuple[dict[str, bytes] | None, list[str], str]:
    """Render one document of agreement ``index`` in a worker; each agreement is planned once
    per worker (tasks come in order, so only the latest plan is kept)."""
    w = _WORKER
    dossier = w["dossiers"][index]
    bouw: Bouw = w["bouw"]
    if w["plan"][0] != index:
        w["plan"] = (index, {d.naam: d for d in alle_documenten(dossier, bouw.info_voor(dossier), w["partners"])})
    doc = w["plan"][1][naam]
    return render_document(doc, dossier, formaten, bouw, vorige)
