"""The preview is its author's alone: only requests addressed to its own loopback address are
answered, no other site may frame or read it, a dropped or idle connection is quiet."""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from prestatie.pipeline import afscherming
from prestatie.pipeline import voorbeeld as serve
from prestatie.pipeline.nieuw import Antwoorden, nieuwe_overeenkomst


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    nieuwe_overeenkomst(root / "bron" / "zandvoort",
                        Antwoorden(["Zandvoort"], ["Pré Wonen"], ["Huurdersvereniging Zandvoort"], 2026, 2029))
    return root


@pytest.fixture(scope="module")
def poort(project: Path):
    voorbeeld = serve.Voorbeeld(project / "bron")
    httpd, threads = serve.start(voorbeeld, 0)
    voorbeeld.wacht(0, timeout=120)
    yield httpd.server_address[1]
    serve.stop(voorbeeld, httpd, threads)


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], str]:
    """Send a request as written and read the whole answer: status, headers, body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body.decode("utf-8", "replace")


def get(port: int, path: str, host: str | None) -> tuple[int, dict[str, str], str]:
    lines = [f"GET {path} HTTP/1.1"] + ([f"Host: {host}"] if host is not None else []) + ["Connection: close"]
    return raw(port, ("\r\n".join(lines) + "\r\n\r\n").encode())


@pytest.mark.parametrize("host", ["127.0.0.1:{p}", "localhost:{p}", "[::1]:{p}", "LOCALHOST:{p}"])
def test_its_own_addresses_are_answered(poort: int, host: str) -> None:
    status, headers, body = get(poort, "/", host.format(p=poort))
    assert status == 200 and "Voorbeeld van de documenten" in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{p}", "127.0.0.1", "127.0.0.1:{q}",
                                  "127.0.0.1:{p}.evil.example", "localhost.evil.example:{p}", "0.0.0.0:{p}",
                                  "127.1:{p}", "", None])
@pytest.mark.parametrize("path", ["/", "/zandvoort/overeenkomst.html", "/__prestatie/stand", serve.EVENTS])
def test_any_other_host_gets_403_in_dutch(poort: int, host: str | None, path: str) -> None:
    status, headers, body = get(poort, path, None if host is None else host.format(p=poort, q=poort + 1))
    assert status == 403
    assert body.startswith("Geweigerd: dit voorbeeld antwoordt alleen op http://127.0.0.1:"), body
    assert "Zandvoort" not in body and "generatie" not in body
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_an_absolute_url_is_refused_whatever_the_host(poort: int) -> None:
    request = f"GET http://evil.example/zandvoort/overeenkomst.html HTTP/1.1\r\nHost: 127.0.0.1:{poort}\r\nConnection: close\r\n\r\n"
    status, _, body = raw(poort, request.encode())
    assert status == 403 and "Zandvoort" not in body


@pytest.mark.parametrize("path,host", [("/", "127.0.0.1:{p}"), ("/zandvoort/overeenkomst.html", "localhost:{p}"),
                                       ("/bestaat-niet", "127.0.0.1:{p}"), ("/", "evil.example")])
def test_no_other_site_may_frame_or_read_it(poort: int, path: str, host: str) -> None:
    _, headers, _ = get(poort, path, host.format(p=poort))
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_an_idle_connection_is_let_go(poort: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve._Handler, "timeout", 0.5)
    with socket.create_connection(("127.0.0.1", poort), timeout=60) as half:
        half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # and then nothing more
        assert half.recv(1024) == b""  # the server closed it (the 60 s guard is only a guard)
    with socket.create_connection(("127.0.0.1", poort), timeout=60) as idle:
        assert idle.recv(1024) == b""


def test_dropped_connections_are_quiet(project: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "prestatie", "serve", "--poort", "0"], cwd=project,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stderr.readline())
        assert m
        port = int(m.group(1))
        assert get(port, "/", f"127.0.0.1:{port}")[0] == 200
        for path in ("/zandvoort/overeenkomst.html", serve.EVENTS, "/"):
            for _ in range(5):
                s = socket.create_connection(("127.0.0.1", port), timeout=30)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()  # a reset, as a closed tab or a reload sends
        assert get(port, "/", f"127.0.0.1:{port}")[0] == 200  # still answering
    finally:
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[1]
    assert "Traceback" not in rest and "Error" not in rest, rest
    assert rest.strip().endswith("Gestopt."), rest


def test_a_failing_request_is_one_dutch_line(capsys: pytest.CaptureFixture[str]) -> None:
    afscherming.meld(ConnectionResetError(104, "Connection reset by peer"))
    afscherming.meld(BrokenPipeError(32, "Broken pipe"))
    assert capsys.readouterr().err == ""
    afscherming.meld(ValueError("x"))
    assert capsys.readouterr().err == "voorbeeld: een verzoek mislukte (ValueError); de server draait door\n"


def test_a_slow_sender_is_cut_off(poort: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(afscherming, "KOPTIJD", 1.0)
    with socket.create_connection(("127.0.0.1", poort), timeout=60) as s:
        closed = False
        for ch in b"GET / HTTP/1.1\r\nHost: 127.0.0.1:" + b"9" * 400:  # a byte at a time, never done
            try:
                s.sendall(bytes([ch]))
            except OSError:
                closed = True
                break
            s.settimeout(0.1)
            try:
                if s.recv(1) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
        assert closed  # within 400 × 0.1 s, well past the 1 s the server allows


@pytest.mark.parametrize("hosts", [("127.0.0.1:{p}", "evil.example"), ("evil.example", "127.0.0.1:{p}"),
                                   ("127.0.0.1:{p}", "127.0.0.1:{p}")])
def test_two_host_lines_are_refused(poort: int, hosts: tuple[str, ...]) -> None:
    lines = ["GET /zandvoort/overeenkomst.html HTTP/1.1", *(f"Host: {h.format(p=poort)}" for h in hosts),
             "Connection: close"]
    status, _, body = raw(poort, ("\r\n".join(lines) + "\r\n\r\n").encode())
    assert status == 403 and body.endswith("dit verzoek was met 2 Host-regels.\n"), body
    assert "Zandvoort" not in body


@pytest.mark.parametrize("request_,status,regel", [
    ("POST / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nContent-Length: 0\r\n", 501,
     "Fout 501: het voorbeeld beantwoordt alleen GET-verzoeken.\n"),
    ("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n", 501, "Fout 501: het voorbeeld beantwoordt alleen GET-verzoeken.\n"),
    ("GET /" + "a" * 70_000 + " HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n", 414, "Fout 414: het adres is te lang.\n"),
    ("GET / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nX-A: " + "b" * 70_000 + "\r\n", 431,
     "Fout 431: de kopregels van het verzoek zijn te lang of te veel.\n"),
    ("GET / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n" + "X: y\r\n" * 200, 431,
     "Fout 431: de kopregels van het verzoek zijn te lang of te veel.\n"),
])
def test_what_the_server_itself_refuses_is_one_dutch_line(poort: int, request_: str, status: int, regel: str) -> None:
    code, headers, body = raw(poort, (request_.format(p=poort) + "Connection: close\r\n\r\n").encode())
    assert code == status and body == regel
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["x-frame-options"] == "DENY" and headers["server"] == "prestatie"


def test_head_gets_the_status_line_and_no_body(poort: int) -> None:
    code, headers, body = raw(poort, f"HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{poort}\r\nConnection: close\r\n\r\n".encode())
    assert code == 501 and body == "" and headers["content-length"] == "58"


@pytest.mark.parametrize("path", ["/zandvoort/overeenkomst.html%00.html", "/zandvoort%00/overeenkomst.html",
                                  "/%2e%2e/%2e%2e/etc/passwd.html", "/zandvoort/..%2f..%2fpyproject.html"])
def test_a_nul_byte_or_a_way_out_is_not_found(poort: int, path: str) -> None:
    status, _, body = get(poort, path, f"127.0.0.1:{poort}")
    assert status == 404 and "<h1>Niet gevonden</h1>" in body
    assert get(poort, "/", f"127.0.0.1:{poort}")[0] == 200


@pytest.mark.parametrize("request_", [b"HELLO\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n", b"GET / HTTP/1.x\r\n\r\n"])
def test_an_unreadable_request_line_is_one_dutch_line(poort: int, request_: bytes) -> None:
    with socket.create_connection(("127.0.0.1", poort), timeout=30) as s:
        s.sendall(request_)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    assert data == "Fout 400: het verzoek is onleesbaar.\n".encode()  # no status line: HTTP/0.9, as asked


def _met(poort: int, path: str, *koppen: str) -> tuple[int, str]:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{poort}", *koppen, "Connection: close"]
    status, _, body = raw(poort, ("\r\n".join(lines) + "\r\n\r\n").encode())
    return status, body


@pytest.mark.parametrize("koppen", [("Origin: http://evil.example",), ("Origin: null",),
                                    ("Origin: http://127.0.0.1:1",),
                                    ("Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: cors", "Sec-Fetch-Dest: empty"),
                                    ("Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: script"),
                                    ("Sec-Fetch-Site: same-site", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: iframe")])
@pytest.mark.parametrize("path", ["/__prestatie/stand", serve.EVENTS, "/zandvoort/overeenkomst.html"])
def test_a_request_from_another_site_is_refused_with_the_right_host(poort: int, koppen: tuple[str, ...],
                                                                      path: str) -> None:
    status, body = _met(poort, path, *koppen)
    assert status == 403 and body == (f"Geweigerd: dit voorbeeld antwoordt alleen op zijn eigen pagina's "
                                      f"(http://127.0.0.1:{poort}/), niet op een verzoek van een andere website.\n")


@pytest.mark.parametrize("koppen", [("Origin: http://127.0.0.1:{p}",), ("Origin: http://localhost:{p}",),
                                    ("Sec-Fetch-Site: same-origin", "Sec-Fetch-Mode: cors", "Sec-Fetch-Dest: empty"),
                                    ("Sec-Fetch-Site: none", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document"),
                                    ("Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document")])
def test_its_own_pages_and_a_link_to_it_are_answered(poort: int, koppen: tuple[str, ...]) -> None:
    status, body = _met(poort, "/__prestatie/stand", *(k.format(p=poort) for k in koppen))
    assert status == 200 and '"generatie"' in body
