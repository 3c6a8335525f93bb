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
from ..parse.woorden import lengte_melding, woorden
from ..core.errors import PrestatieFout, Rapport
from ..plan import PER_OVEREENKOMST, Document, alle_documenten, per_overeenkomst, plan
from ..plan.uittreksel import Partners
from ..plan.vingerafdruk import Opdracht, inhoud_digest
from ..render.document import document_info
from ..render.grafieken import teken_grafieken
from ..write.formats import bestandsnaam, formaat
from ..write.output import Uitvoer
from ..write.pdf.grens import te_groot as pdf_te_groot
from .bouw import Bouw
from .controles import document_checks, sjablonen_vooraf, uittreksel_checks
from .taalniveau import taalniveau


def inhoud(doc: Document, dossier: Dossier, formaten: tuple[str, ...], bouw: Bouw) -> tuple[str, Any, str]:
    """A template's document as the writers would read it: its Markdown, its properties (with
    its charts described for the formats that show them; Markdown names them only), and one
    digest of those, the formats and the house style."""
    text = bouw.markdown(dossier, doc)
    drawn = doc.grafieken is not None and any(formaat(f).toont_afbeeldingen for f in formaten)
    grafieken = teken_grafieken(doc.grafieken()) if drawn and doc.grafieken else {}
    dinfo = document_info(doc, dossier, bouw.info_voor(dossier), bouw.generator, grafieken)
    return text, dinfo, inhoud_digest(bouw.generator, bouw.huisstijl_digest, ",".join(formaten), repr(dinfo), text)


def render_document(
    doc: Document, dossier: Dossier, formaten: tuple[str, ...], bouw: Bouw, vorige: str | None = None,
    vooraf: tuple[str, Any, str] | None = None,
) -> tuple[dict[str, bytes] | None, list[str], str]:
    """Template → Markdown → one tree → bytes per format; nothing is written here.

    Also returns the digest of what the writers would read (the Markdown, the charts'
    descriptions, the document's properties, the formats and the house style). When it equals
    ``vorige``, that of the files the last build left, the document is not parsed or written
    again (files None): an edit elsewhere in the sources leaves it, and its charts, alone.
    ``vooraf``: what ``inhoud`` gave for it, when that was asked already.
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
    text, dinfo, digest = vooraf or inhoud(doc, dossier, formaten, bouw)
    if digest == vorige:
        return None, [], digest
    tree = bouw.boom(dossier, doc)[1]  # parsed once: the check's tree when it parsed one
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
    return out, notes, digest


Gecontroleerd = tuple[Rapport, Rapport, list[tuple[str, dict[str, bytes] | None, list[str], str]]]
"""What checking one agreement in a worker gives: its findings; its plain-language findings
(when asked, and its findings hold no error); and per document it made (when the findings
hold no error) its files, messages and content digest."""


class Werkers:
    """The processes one build or check renders in: ``jobs`` workers, started when first
    needed and used for every pass (a second pool would be started from a process that
    still runs the first one's threads, and could not fork). With one job, or one task, the
    work is done in this process. Every way out of the ``with`` ends the workers."""

    def __init__(self, dossiers: list[Dossier], bouw: Bouw, jobs: int | None):
        self.dossiers, self.bouw = dossiers, bouw
        self.jobs = jobs or os.cpu_count() or 1
        self.pool: Any = None
        self._index = {id(d): i for i, d in enumerate(dossiers)}
        self._eigen: dict[str, Any] = {}

    def index(self, dossier: Dossier) -> int:
        """How a task names the agreement: its place in the build's list."""
        return self._index[id(dossier)]

    def zonder(self, dossiers: list[Dossier]) -> tuple[int, ...]:
        """The agreements not among ``dossiers``, by index: those the extracts do not span."""
        mee = {self.index(d) for d in dossiers}
        return tuple(i for i in range(len(self.dossiers)) if i not in mee)

    def __enter__(self) -> "Werkers":
        self._eigen = dict(_WORKER)  # this process as a worker, for work done here
        _WORKER.update(_worker_state(self.dossiers, self.bouw))
        return self

    def __exit__(self, soort: Any, *_: Any) -> None:
        _WORKER.clear()
        _WORKER.update(self._eigen)
        if self.pool is None:
            return
        try:
            if soort is None:
                self.pool.shutdown()
            else:  # an error, Ctrl-C or SIGTERM: no worker outlives the build
                _stop(self.pool)
        finally:
            gc.unfreeze()

    def run(self, calls: list[tuple[Callable[..., Any], tuple]], collect: Callable[[int, Any], None]) -> None:
        """Run ``calls``; each result is collected in order, as soon as it and those before it
        are done."""
        if self.pool is None and (self.jobs <= 1 or len(calls) <= 1):
            for n, (fn, args) in enumerate(calls):
                collect(n, fn(*args))
            return
        if self.pool is None:
            self.pool = self._start(len(calls))
        pending = deque((n, self.pool.submit(fn, *args)) for n, (fn, args) in enumerate(calls))
        while pending:
            n, future = pending.popleft()  # a collected future is let go: its bytes are staged
            collect(n, future.result())

    def _start(self, tasks: int) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Fork only a process with one thread: a forked worker of a process with other threads
        # (a preview server, a library's thread pool) can hang on a lock one of them held.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() and _one_thread() else "spawn"
        # The agreements and the build go to each worker once, when it starts (a forked worker
        # inherits them); a task names an agreement by its index. A forked worker shares the
        # parent's memory until it writes to it, and the garbage collector of a worker would
        # write to every inherited object; frozen, they stay shared.
        gc.freeze()
        return ProcessPoolExecutor(
            max_workers=min(self.jobs, tasks),
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(self.dossiers, self.bouw, os.getpid()),
        )


def check_and_render(
    werkers: Werkers,
    taken: list[Opdracht],
    controleren: set[int],
    staging: Uitvoer,
    melding: Callable[[str], None] | None = None,
) -> dict[int, Rapport]:
    """Check every agreement numbered in ``controleren`` on its rendered documents, and make
    each agreement's own documents (all but the extracts, which span agreements) in the same
    pass: each is rendered and parsed once, by one process. An agreement whose check finds an
    error gets no document here. Returns per checked agreement its findings."""
    werk = [(i, w) for i, t in enumerate(taken) if (w := _eigen_werk(t)) or i in controleren]
    bevindingen: dict[int, Rapport] = {}
    voortgang = _Voortgang(sum(len(w) for _, w in werk), melding)

    def collect(n: int, uitkomst: Gecontroleerd) -> None:
        i = werk[n][0]
        eigen, _, gemaakt = uitkomst
        if i in controleren:
            bevindingen[i] = eigen
        for naam, files, notes, inhoud in gemaakt:
            _collect(taken[i], naam, files, notes, inhoud, staging)
            voortgang(taken[i], naam)

    werkers.run([(_check_one, (werkers.index(taken[i].dossier), i in controleren, w)) for i, w in werk], collect)
    return bevindingen


def check_documents(werkers: Werkers) -> list[tuple[Rapport, Rapport]]:
    """``check`` on rendered documents: per agreement of ``werkers`` its findings and its
    plain-language findings (these only when its findings hold no error), as the build's
    check of it finds them, nothing made."""
    gevonden: list[tuple[Rapport, Rapport]] = []
    werkers.run([(_check_one, (i, True, [], True)) for i in range(len(werkers.dossiers))],
                lambda _, uitkomst: gevonden.append(uitkomst[:2]))
    return gevonden


def check_extracts(werkers: Werkers, goed: list[Dossier]) -> list[Rapport]:
    """Render and parse the extracts of every agreement in ``goed`` (a part of the agreements
    of ``werkers``, in their order), spanning those agreements only, as the build makes them."""
    zonder = werkers.zonder(goed)
    gevonden: list[Rapport] = []
    werkers.run([(_check_extracts_one, (werkers.index(d), zonder)) for d in goed],
                lambda _, uitkomst: gevonden.append(uitkomst))
    return gevonden


def render_all(
    werkers: Werkers,
    taken: list[Opdracht],
    staging: Uitvoer,
    melding: Callable[[str], None] | None = None,
) -> None:
    """Render every document that must be made and is not made yet into ``staging``. The
    extracts span the agreements of ``taken`` only (those the check found sound)."""
    work = [(i, naam) for i, t in enumerate(taken) for naam in list(t.te_maken) if naam not in t.inhoud]
    voortgang = _Voortgang(len(work), melding)
    zonder = werkers.zonder([t.dossier for t in taken])

    def collect(n: int, uitkomst: tuple[dict[str, bytes] | None, list[str], str]) -> None:
        i, naam = work[n]
        _collect(taken[i], naam, *uitkomst, staging)
        voortgang(taken[i], naam)

    werkers.run([(_render_one, (werkers.index(taken[i].dossier), naam, taken[i].formaten[naam],
                                taken[i].vorige_inhoud.get(naam), zonder)) for i, naam in work], collect)


class _Voortgang:
    """'[3/40] map/document' for each document made, when the caller asked for it."""

    def __init__(self, totaal: int, melding: Callable[[str], None] | None):
        self.totaal, self.melding, self.n = totaal, melding, 0

    def __call__(self, taak: Opdracht, naam: str) -> None:
        self.n += 1
        if self.melding:
            self.melding(f"[{self.n}/{self.totaal}] {taak.dossier.map}/{naam}")


def _eigen_werk(taak: Opdracht) -> list[tuple[str, tuple[str, ...], str | None]]:
    """The agreement's own documents to make (not its extracts), with formats and last digest."""
    return [(d.naam, taak.formaten[d.naam], taak.vorige_inhoud.get(d.naam)) for d in taak.documenten
            if d.naam in taak.te_maken and d.naam not in taak.inhoud and d.partij is None]


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
    _WORKER.update(_worker_state(dossiers, bouw))


def _worker_state(dossiers: list[Dossier], bouw: Bouw) -> dict[str, Any]:
    return {"dossiers": dossiers, "bouw": bouw, "partners": ((), Partners(dossiers)), "plan": (None, {})}


def _check_one(index: int, controleren: bool, werk: list[tuple[str, tuple[str, ...], str | None]],
               taal: bool = False) -> Gecontroleerd:
    """Check one agreement on its rendered documents (``taal``: its plain language too) and
    make its own documents, in a worker; what was rendered for it is let go afterwards."""
    w = _WORKER
    dossier = w["dossiers"][index]
    bouw: Bouw = w["bouw"]
    eigen, eenvoudig = Rapport(), Rapport()
    gemaakt = []
    bouw.bomen_bewaren = True
    try:
        docs = {d.naam: d for d in plan(dossier, bouw.info_voor(dossier)) + per_overeenkomst(dossier)} if werk else {}
        vooraf = {}
        sjablonen_vooraf(list(docs.values()), bouw)  # before any Markdown is rendered, as in check
        for naam, formaten, vorige in werk:
            if vorige and docs[naam].soort not in PER_OVEREENKOMST:
                try:
                    vooraf[naam] = inhoud(docs[naam], dossier, formaten, bouw)
                except PrestatieFout:
                    continue  # the check says where
                if vooraf[naam][2] == vorige:  # the last build parsed this very Markdown
                    bouw.eerder_gelezen.add((dossier.map, naam))
        if controleren:
            document_checks(dossier, bouw, eigen)
        if taal and not eigen.fouten:  # the press release's tree the check parsed
            taalniveau(dossier, bouw, eenvoudig)
        if not eigen.fouten:
            for naam, formaten, vorige in werk:
                gemaakt.append((naam, *render_document(docs[naam], dossier, formaten, bouw, vorige, vooraf.get(naam))))
    finally:
        bouw.vergeet(dossier)
        bouw.bomen_bewaren = False
    return eigen, eenvoudig, gemaakt


def _check_extracts_one(index: int, zonder: tuple[int, ...]) -> Rapport:
    """The check of one agreement's extracts, spanning every agreement but those in ``zonder``."""
    dossier = _WORKER["dossiers"][index]
    bouw: Bouw = _WORKER["bouw"]
    rapport = Rapport()
    try:
        uittreksel_checks(dossier, _partners(zonder), bouw, rapport)
    finally:
        bouw.vergeet(dossier)
    return rapport


def _partners(zonder: tuple[int, ...]) -> Partners:
    """Who is party to which agreements, over every agreement but those numbered in ``zonder``;
    kept while the next task asks the same."""
    w = _WORKER
    if w["partners"][0] != zonder:
        w["partners"] = (zonder, Partners([d for i, d in enumerate(w["dossiers"]) if i not in zonder]))
        w["plan"] = (None, {})
    return w["partners"][1]


def _render_one(index: int, naam: str, formaten: tuple[str, ...], vorige: str | None,
                zonder: tuple[int, ...] = ()) -> tuple[dict[str, bytes] | None, list[str], str]:
    """Render one document of agreement ``index`` in a worker; each agreement is planned once
    per worker (tasks come in order, so only the latest plan is kept). The extracts span every
    agreement of the build but those numbered in ``zonder``."""
    w = _WORKER
    dossier = w["dossiers"][index]
    bouw: Bouw = w["bouw"]
    partners = _partners(zonder)
    if w["plan"][0] != index:
        w["plan"] = (index, {d.naam: d for d in alle_documenten(dossier, bouw.info_voor(dossier), partners)})
    doc = w["plan"][1][naam]
    try:
        return render_document(doc, dossier, formaten, bouw, vorige)
    finally:
        bouw.vergeet(dossier, naam)  # a worker's memory does not grow with the build
