"""What keeps the preview (`prestatie serve`) its author's own.

The server listens on 127.0.0.1 only, but a web page the author has open elsewhere can still
reach it through DNS rebinding (a name of the attacker's that points at 127.0.0.1). So it
answers only requests addressed to itself by Host (``127.0.0.1:<port>``, ``localhost:<port>``,
``[::1]:<port>``), sends headers that forbid other sites to frame or read its pages, lets an
idle connection go after ``TIJDSLIMIET`` seconds, and treats a connection the browser dropped
as the everyday event it is.
"""

from __future__ import annotations

import socket
import sys
import threading

TIJDSLIMIET = 10.0
"""Seconds a connection may stay silent while the server waits for (the rest of) a request."""

KOPTIJD = 20.0
"""Seconds a client has for its whole request line and headers, however slowly it sends them."""

WACHTRIJ = 1024
"""Connections the system keeps waiting while every thread is busy (the listen backlog)."""

KOPPEN = (
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)
"""Sent with every answer: no framing, no reading from another origin, no guessing of types."""


def eigen_hosts(poort: int) -> tuple[str, ...]:
    return (f"127.0.0.1:{poort}", f"localhost:{poort}", f"[::1]:{poort}")


def host_toegestaan(hosts: list[str], doel: str, poort: int) -> bool:
    """Whether a request with these Host headers and request target is addressed to the preview:
    exactly one Host, its own (a second Host is what a request smuggled past a proxy carries)."""
    if not doel.startswith("/") or doel.startswith("//"):
        return False  # an absolute URL (a proxy request) or a scheme-relative one
    return len(hosts) == 1 and hosts[0].strip().lower() in eigen_hosts(poort)


def weigering(hosts: list[str], poort: int) -> bytes:
    """The body of the 403 answer: one Dutch line, as plain text."""
    genoemd = ("zonder Host" if not hosts else f"voor '{hosts[0].strip()[:100]!s}'" if len(hosts) == 1
               else f"met {len(hosts)} Host-regels")
    return (f"Geweigerd: dit voorbeeld antwoordt alleen op http://127.0.0.1:{poort}/ "
            f"(of localhost, [::1]); dit verzoek was {genoemd}.\n").encode("utf-8", "replace")


def van_elders(origin: str | None, site: str | None, modus: str | None, doel: str | None, poort: int) -> bool:
    """Whether a request comes from a page of another site (which can name the preview's own Host
    but not hide where it comes from): an Origin that is not the preview's own, or fetch metadata
    saying another site asked for anything but to open a page (a link to the preview still opens)."""
    if origin is not None and origin.strip().lower() not in {f"http://{h}" for h in eigen_hosts(poort)}:
        return True
    if site in ("cross-site", "same-site"):
        return not (modus == "navigate" and doel in ("document", None))
    return False


def weigering_elders(poort: int) -> bytes:
    return (f"Geweigerd: dit voorbeeld antwoordt alleen op zijn eigen pagina's (http://127.0.0.1:{poort}/), "
            "niet op een verzoek van een andere website.\n").encode("utf-8")


FOUTEN = {
    400: "het verzoek is onleesbaar",
    404: "niet gevonden",
    408: "het verzoek duurde te lang",
    414: "het adres is te lang",
    431: "de kopregels van het verzoek zijn te lang of te veel",
    501: "het voorbeeld beantwoordt alleen GET-verzoeken",
    505: "het voorbeeld spreekt alleen HTTP/1.0 en HTTP/1.1",
}
"""What each error the HTTP server itself answers means, in one Dutch line."""


def foutregel(code: int) -> bytes:
    """The body of an error the server answers before the preview sees the request."""
    return f"Fout {code}: {FOUTEN.get(code, 'het verzoek kon niet worden beantwoord')}.\n".encode("utf-8")


def afgebroken(exc: BaseException | None) -> bool:
    """A connection the other side closed or let go silent: no news for the author."""
    return isinstance(exc, (ConnectionError, TimeoutError, socket.timeout))


def meld(exc: BaseException | None) -> None:
    """Anything else that went wrong with one request: one Dutch line, never a traceback."""
    if afgebroken(exc):
        return
    try:
        sys.stderr.write(f"voorbeeld: een verzoek mislukte ({type(exc).__name__}); de server draait door\n")
    except (OSError, ValueError):
        pass


class Wekker:
    """Closes a connection whose request is not in after ``KOPTIJD`` seconds (a slow sender)."""

    def __init__(self, verbinding: socket.socket, seconden: float | None = None):
        self._verbinding = verbinding
        self._timer = threading.Timer(KOPTIJD if seconden is None else seconden, self._sluit)
        self._timer.daemon = True
        self._timer.start()

    def _sluit(self) -> None:
        try:
            self._verbinding.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def stop(self) -> None:
        self._timer.cancel()
