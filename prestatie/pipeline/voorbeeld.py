"""Live preview: build the HTML documents, serve them on loopback, rebuild on every save.

One watcher thread (watchfiles) waits for changes in bron/ and sjablonen/ and rebuilds in
this process with the ordinary incremental build, HTML only, into ``build/.voorbeeld/``; a
failed build changes nothing on disk, so the last good documents stay visible. The server is
the standard library's threading HTTP server: a preview has one reader and a handful of
requests, so no framework is needed. Every page gets a small script that listens on a
Server-Sent Events stream and reloads the page (keeping its scroll position) when a build
finishes; errors are shown above the document with file:line and message.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from ..core.errors import BronFout, PrestatieFout, display_path
from . import afscherming, build
from .bouw import VOORBEELD_MAP, Werkmap
EVENTS = "/__prestatie/gebeurtenissen"
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_BODY = re.compile(rb"<body[^>]*>")


@dataclass
class Stand:
    """The outcome of the last build, as the pages show it."""

    generatie: int = 0
    bezig: bool = True
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    gebouwd: str | None = None
    """Time of the last good build (HH:MM:SS), or None before the first."""
    duur: float = 0.0


class Voorbeeld:
    """The preview of one project: builds, state, and the waiting pages."""

    def __init__(self, bron: Path | str | None = None, log: Callable[[str], None] | None = None):
        self.project = Werkmap.find(bron)
        self.uit = self.project.uit / VOORBEELD_MAP
        self.stand = Stand()
        self.changed = threading.Condition()
        self.log = log or (lambda text: None)
        self.stop = threading.Event()

    # --- building ---------------------------------------------------------------------------

    def bouw(self) -> Stand:
        """Rebuild what changed; afterwards every waiting page hears the new generation."""
        with self.changed:
            self.stand.bezig = True
        start = time.perf_counter()
        fouten: list[str] = []
        waarschuwingen: list[str] = []
        good = False
        try:
            # In this process (jobs=1): forking render workers from a process with server and
            # watcher threads risks a worker that hangs on a lock another thread held.
            resultaat = build(self.project.bron, self.uit, ("html",), jobs=1)
            waarschuwingen = [f"{b.plaats}: {b.bericht}" for b in resultaat.rapport.waarschuwingen]
            good = True
        except BronFout as e:
            fouten = [f"{b.plaats}: {b.bericht}" for b in e.rapport.fouten]
            waarschuwingen = [f"{b.plaats}: {b.bericht}" for b in e.rapport.waarschuwingen]
        except PrestatieFout as e:
            fouten = [str(e)]
        duur = time.perf_counter() - start
        with self.changed:
            s = self.stand
            s.generatie += 1
            s.bezig = False
            s.fouten, s.waarschuwingen, s.duur = fouten, waarschuwingen, duur
            if good:
                s.gebouwd = time.strftime("%H:%M:%S")
            self.changed.notify_all()
        if fouten:
            self.log(f"{len(fouten)} {'fout' if len(fouten) == 1 else 'fouten'} ({duur:.1f} s); de vorige documenten blijven staan")
        else:
            self.log(f"gebouwd in {duur:.1f} s")
        return self.stand

    def watched(self) -> list[Path]:
        return [p for p in (self.project.bron, self.project.sjablonen) if p.is_dir()]

    def kijk(self) -> None:
        """Build once, then again after every change until ``stop`` is set (runs in a thread)."""
        from watchfiles import watch  # only the preview watches files: other commands start without it

        while not self.stop.is_set():
            folders = self.watched()
            first = True
            # The first (empty) answer comes once the watcher runs: build then, so that no
            # save between the build and the start of watching goes unseen.
            for changes in watch(
                *folders, stop_event=self.stop, debounce=400, step=30, rust_timeout=200, yield_on_timeout=True
            ):
                if not (changes or first):
                    continue
                first = False
                self.bouw()
                if self.watched() != folders:  # sjablonen/ appeared or went: watch anew
                    break

    def wacht(self, generatie: int, timeout: float) -> int:
        """Block until a build newer than ``generatie`` has finished (or ``timeout``)."""
        with self.changed:
            self.changed.wait_for(lambda: self.stand.generatie != generatie or self.stop.is_set(), timeout)
            return self.stand.generatie

    # --- pages ------------------------------------------------------------------------------

    def documenten(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(agreement folder, [(file name, title)]) for every agreement built so far."""
        out: list[tuple[str, list[tuple[str, str]]]] = []
        if not self.uit.is_dir():
            return out
        for folder in sorted(p for p in self.uit.iterdir() if p.is_dir() and not p.name.startswith(".")):
            docs = []
            for path in sorted(folder.glob("*.html"), key=_document_order):
                m = _TITLE.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
                docs.append((path.name, html.unescape(m.group(1)).strip() if m else path.stem))
            if docs:
                out.append((folder.name, docs))
        return out

    def paneel(self) -> str:
        """The box above every page: errors (with file:line) and when the shown documents were built."""
        s = self.stand
        if s.fouten:
            items = "".join(f"<li><code>{html.escape(f)}</code></li>" for f in s.fouten)
            when = (
                f"U ziet de documenten van de laatste geslaagde build ({s.gebouwd})."
                if s.gebouwd
                else "Er is nog geen geslaagde build."
            )
            n = len(s.fouten)
            return (
                # At the top of the page, as README and 'serve --help' say, and kept in view while
                # scrolling: sticky, above the page's own (sticky) header and layout.
                '<section id="prestatie-fouten" role="alert" aria-labelledby="prestatie-fouten-kop" style="'
                "position:sticky;top:0;left:0;right:0;z-index:2147483647;max-height:50vh;overflow:auto;"
                "box-sizing:border-box;font:16px/1.5 system-ui,sans-serif;background:#fdecea;color:#5f2120;"
                'border-bottom:4px solid #b3261e;padding:0.75rem 1rem;box-shadow:0 2px 8px rgba(0,0,0,.25)">'
                f'<h2 id="prestatie-fouten-kop" style="margin:0 0 .25rem;padding:0;border:0;color:inherit;font-size:1.1rem">'
                f"{n} {'fout' if n == 1 else 'fouten'} in de bronnen</h2>"
                f'<ul style="margin:0;padding-left:1.25rem">{items}</ul><p style="margin:.25rem 0 0">{when} '
                "Sla een verbeterd bestand op en deze pagina werkt zichzelf bij.</p></section>"
            )
        if s.bezig and s.gebouwd is None:
            return (
                '<p id="prestatie-bezig" role="status" style="font:16px system-ui,sans-serif">'
                "De documenten worden gebouwd…</p>"
            )
        return ""

    def script(self) -> str:
        gen = self.stand.generatie
        return (
            "<script>(function(){var k='prestatie-scroll:'+location.pathname;"
            "var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);"
            "addEventListener('load',function(){scrollTo(0,+y);});}"
            f"var g={gen};var es=new EventSource('{EVENTS}');"
            "es.onmessage=function(e){if(+e.data!==g){g=+e.data;es.close();"
            "sessionStorage.setItem(k,String(scrollY));location.reload();}};})();</script>"
        )

    def index(self) -> bytes:
        rows = []
        for folder, docs in self.documenten():
            links = "".join(
                f'<li><a href="/{html.escape(folder)}/{html.escape(name)}">{html.escape(title)}</a></li>'
                for name, title in docs
            )
            rows.append(f"<h2>{html.escape(folder)}</h2><ul>{links}</ul>")
        body = "".join(rows) or "<p>Nog geen documenten.</p>"
        page = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>prestatie — voorbeeld</title></head>"
            '<body style="font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem">'
            f"{self.paneel()}<main><h1>Voorbeeld van de documenten</h1>"
            f"<p>Bronnen: <code>{html.escape(display_path(self.project.bron))}</code>. "
            "Elke keer dat u een bestand in de bronnen of sjablonen opslaat, wordt opnieuw gebouwd "
            "en werkt een open pagina zichzelf bij.</p>"
            f"{body}</main>{self.script()}</body></html>"
        )
        return page.encode("utf-8")

    def pagina(self, path: str) -> bytes | None:
        """A built document with the error box and the reload script; None when there is none."""
        parts = [p for p in unquote(path).split("/") if p]
        if len(parts) != 2 or not parts[1].endswith(".html") or any(p.startswith(".") or "\x00" in p for p in parts):
            return None
        # build/.voorbeeld/<overeenkomst>: a plain folder, exchanged whole by each preview build
        folder = (self.uit / parts[0]).resolve()
        file = (folder / parts[1]).resolve()
        if file.parent != folder or self.uit.resolve() not in folder.parents or not file.is_file():
            return None
        data = file.read_bytes()
        m = _BODY.search(data)
        at = m.end() if m else 0
        data = data[:at] + self.paneel().encode("utf-8") + data[at:]
        end = data.rfind(b"</body>")
        end = end if end >= 0 else len(data)
        return data[:end] + self.script().encode("utf-8") + data[end:]


def _document_order(path: Path) -> tuple[int, str]:
    order = {"overeenkomst": 0, "persbericht": 1}
    return (order.get(path.stem, 2), path.stem)


class _Handler(BaseHTTPRequestHandler):
    voorbeeld: Voorbeeld
    server_version = "prestatie"
    protocol_version = "HTTP/1.1"
    timeout = afscherming.TIJDSLIMIET

    def handle_one_request(self) -> None:
        # A client that sends its request a byte at a time gets KOPTIJD seconds in all.
        self._klok = afscherming.Wekker(self.connection)
        try:
            super().handle_one_request()
        finally:
            self._klok.stop()

    def parse_request(self) -> bool:
        self._klok.stop()  # the request is in: an event stream may stay open
        return super().parse_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """An error of the HTTP server itself (a method other than GET, a line too long, an
        unreadable request): one Dutch line as plain text, with the usual headers."""
        body = afscherming.foutregel(code)
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def version_string(self) -> str:
        return self.server_version  # no Python version for whoever asks

    def end_headers(self) -> None:
        for naam, waarde in afscherming.KOPPEN:
            self.send_header(naam, waarde)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        poort = int(self.server.server_address[1])  # type: ignore[index]  # an (address, port) pair
        hosts = self.headers.get_all("Host") or []
        if not afscherming.host_toegestaan(hosts, self.path, poort):
            body = afscherming.weigering(hosts, poort)
            self.close_connection = True
            return self._send(HTTPStatus.FORBIDDEN, body, "text/plain; charset=utf-8")
        h = self.headers
        if afscherming.van_elders(h.get("Origin"), h.get("Sec-Fetch-Site"), h.get("Sec-Fetch-Mode"),
                                  h.get("Sec-Fetch-Dest"), poort):
            self.close_connection = True
            return self._send(HTTPStatus.FORBIDDEN, afscherming.weigering_elders(poort), "text/plain; charset=utf-8")
        path = urlsplit(self.path).path
        if path == EVENTS:
            return self._events()
        if path == "/__prestatie/stand":
            s = self.voorbeeld.stand
            stand = {"generatie": s.generatie, "bezig": s.bezig, "fouten": s.fouten, "gebouwd": s.gebouwd}
            return self._send(HTTPStatus.OK, json.dumps(stand, ensure_ascii=False).encode(), "application/json")
        if path in ("/", "/index.html"):
            return self._send(HTTPStatus.OK, self.voorbeeld.index())
        page = self.voorbeeld.pagina(path)
        if page is None:
            niet_gevonden = (
                '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Niet gevonden</title></head>'
                '<body><main><h1>Niet gevonden</h1><p><a href="/">Naar de lijst met documenten</a></p></main>'
                f"{self.voorbeeld.script()}</body></html>"
            )
            return self._send(HTTPStatus.NOT_FOUND, niet_gevonden.encode("utf-8"))
        self._send(HTTPStatus.OK, page)

    def _send(self, status: HTTPStatus, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        v = self.voorbeeld
        generatie = v.stand.generatie
        try:
            self.wfile.write(f"retry: 500\ndata: {generatie}\n\n".encode())
            self.wfile.flush()
            while not v.stop.is_set():
                new = v.wacht(generatie, timeout=15)
                if new == generatie:
                    self.wfile.write(b": wacht\n\n")  # keeps the connection, finds a closed one
                else:
                    generatie = new
                    self.wfile.write(f"data: {generatie}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = afscherming.WACHTRIJ

    def handle_error(self, request: object, client_address: object) -> None:
        afscherming.meld(sys.exc_info()[1])  # a closed tab is no traceback


def server(voorbeeld: Voorbeeld, poort: int) -> Server:
    """An HTTP server on 127.0.0.1 only (port 0: any free port)."""
    handler = type("Handler", (_Handler,), {"voorbeeld": voorbeeld})
    return Server(("127.0.0.1", poort), handler)


def start(voorbeeld: Voorbeeld, poort: int) -> tuple[Server, list[threading.Thread]]:
    """Start the watcher and the server in threads; stop with :func:`stop`."""
    httpd = server(voorbeeld, poort)
    threads = [
        threading.Thread(target=voorbeeld.kijk, name="prestatie-kijk", daemon=True),
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="prestatie-http", daemon=True),
    ]
    for t in threads:
        t.start()
    return httpd, threads


def stop(voorbeeld: Voorbeeld, httpd: Server, threads: list[threading.Thread]) -> None:
    voorbeeld.stop.set()
    with voorbeeld.changed:
        voorbeeld.changed.notify_all()
    httpd.shutdown()
    httpd.server_close()
    for t in threads:
        t.join(timeout=5)
    if not any(t.is_alive() for t in threads):  # build/ keeps nothing of the preview
        shutil.rmtree(voorbeeld.uit, ignore_errors=True)
        try:
            voorbeeld.uit.parent.rmdir()
        except OSError:  # not empty: the documents of 'prestatie build'
            pass
