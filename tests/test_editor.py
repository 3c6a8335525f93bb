"""What an editor shows: yaml-language-server (as in VS Code's YAML extension) with our schema.

The language server runs over stdio as an editor starts it; the test opens a YAML file with
common mistakes and reads the diagnostics it publishes: Dutch, at the right line.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, needs_tool

from prestatie.pipeline.nieuw import Antwoorden, nieuwe_overeenkomst, nieuwe_voortgang
from prestatie.model.schema import BERICHTEN, ID_BERICHT, schemas

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class Lsp:
    """A minimal language-server client: requests, notifications, and the server's own requests."""

    def __init__(self, root: Path):
        node = needs_tool("node")
        if not SERVER.exists():
            if os.environ.get("CI"):
                pytest.fail("node_modules is incomplete: run 'npm ci' (.ci/run does)")
            pytest.skip("yaml-language-server is not installed: run 'npm ci'")
        self.proc = subprocess.Popen(
            [node, str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.buffer = b""
        self.settings = {"yaml": {"validate": True, "hover": True, "completion": True,
                                  "schemaStore": {"enable": False}, "schemas": {}}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {
            "workspace": {"configuration": True},
            "textDocument": {"publishDiagnostics": {}},
        }})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 60) -> dict:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        for message in self.messages(timeout):
            if message.get("id") == wanted and "method" not in message:
                return message
        raise AssertionError(f"no answer to {method}")

    def messages(self, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\r\n\r\n" in self.buffer:
                head, rest = self.buffer.split(b"\r\n\r\n", 1)
                length = int(head.split(b":")[1])
                if len(rest) < length:
                    break
                message = json.loads(rest[:length])
                self.buffer = rest[length:]
                if "method" in message and "id" in message:  # the server asks us something
                    result = [self.settings["yaml"]] * len(message["params"].get("items", [])) if (
                        message["method"] == "workspace/configuration") else None
                    self.send({"id": message["id"], "result": result})
                    continue
                yield message
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    return
                self.buffer += chunk

    def diagnostics(self, path: Path, timeout: float = 60) -> list[dict]:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}})
        for message in self.messages(timeout):
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                if message["params"]["diagnostics"]:
                    return message["params"]["diagnostics"]
        return []

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
        except (AssertionError, BrokenPipeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def lsp(tmp_path: Path):
    client = Lsp(tmp_path)
    yield client
    client.close()


def line_of(path: Path, text: str) -> int:
    """0-based line, as the protocol counts."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if text in line)


def test_common_mistakes_in_the_agreement_are_dutch(tmp_path: Path, lsp: Lsp) -> None:
    folder = tmp_path / "bron" / "zandvoort"
    nieuwe_overeenkomst(folder, Antwoorden(["Zandvoort"], ["Pré Wonen"], [], 2026, 2029))
    path = folder / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('versie: "0.1"', "versie: 1.10").replace("termijn: 2029", "termijn: eind 2029")
    text = text.replace("  - id: zandvoort", "  - id: zand voort").replace("    soort: gemeente", "    soort: gemeeente")
    path.write_text(text, encoding="utf-8")
    found = {(d["range"]["start"]["line"], d["message"]) for d in lsp.diagnostics(path)}
    assert (line_of(path, "versie: 1.10"), BERICHTEN["versie"]) in found, found
    termijn = schemas()["overeenkomst"]["$defs"]["Afspraak"]["properties"]["termijn"]["errorMessage"]
    assert termijn.startswith("Een termijn is een jaar (2026), een datum (2026-06-30)")
    assert (line_of(path, "termijn: eind 2029"), termijn) in found, found
    assert (line_of(path, "id: zand voort"), ID_BERICHT) in found, found
    assert (line_of(path, "soort: gemeeente"),
            "Kies een van: gemeente, corporatie, huurdersorganisatie, overig.") in found, found
    english = [m for _, m in found if any(w in m for w in ("Expected", "Incorrect", "does not match", "Value is"))]
    assert english == [], english


def test_a_wrong_status_in_progress_is_dutch(tmp_path: Path, lsp: Lsp) -> None:
    folder = tmp_path / "bron" / "zandvoort"
    nieuwe_overeenkomst(folder, Antwoorden(["Zandvoort"], ["Pré Wonen"], [], 2026, 2029))
    path = nieuwe_voortgang(folder, 2026).bestanden[-1]
    text = path.read_text(encoding="utf-8").replace("    status:\n", "    status: klaar\n")
    path.write_text(text.replace("peildatum:", "peildatum: 31-03-2027"), encoding="utf-8")
    found = {(d["range"]["start"]["line"], d["message"]) for d in lsp.diagnostics(path)}
    assert any(line == line_of(path, "status: klaar") and message.startswith("Kies een van: gerealiseerd, op schema")
               for line, message in found), found
    assert (line_of(path, "peildatum: 31-03-2027"), BERICHTEN["date"]) in found, found
