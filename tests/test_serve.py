"""prestatie serve: the preview lists and shows the documents, follows every save, shows errors in place."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, needs_tool

from prestatie.pipeline import voorbeeld as serve
from prestatie.pipeline.nieuw import Antwoorden, nieuwe_overeenkomst

TITEL = "Prestatieafspraken Zandvoort 2026–2029"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    nieuwe_overeenkomst(
        tmp_path / "bron" / "zandvoort",
        Antwoorden(["Zandvoort"], ["Pré Wonen"], ["Huurdersvereniging Zandvoort"], 2026, 2029),
    )
    return tmp_path


@pytest.fixture
def preview(project: Path):
    voorbeeld = serve.Voorbeeld(project / "bron")
    httpd, threads = serve.start(voorbeeld, 0)
    voorbeeld.wacht(0, timeout=120)
    assert voorbeeld.stand.generatie >= 1
    yield voorbeeld, f"http://127.0.0.1:{httpd.server_address[1]}"
    serve.stop(voorbeeld, httpd, threads)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def save_and_wait(voorbeeld: serve.Voorbeeld, path: Path, text: str) -> None:
    generatie = voorbeeld.stand.generatie
    path.write_text(text, encoding="utf-8")
    assert voorbeeld.wacht(generatie, timeout=120) != generatie, "no rebuild after saving"


def test_lists_the_agreements_and_shows_their_html(preview) -> None:
    voorbeeld, url = preview
    status, index = get(url + "/")
    assert status == 200
    assert '<a href="/zandvoort/overeenkomst.html">' + TITEL + "</a>" in index
    status, page = get(url + "/zandvoort/overeenkomst.html")
    assert status == 200
    assert f"<h1>{TITEL}</h1>" in page or TITEL in page
    assert serve.EVENTS in page  # the page listens for new builds
    assert 'id="prestatie-fouten"' not in page
    # the real build/ is not touched: the preview has its own folder
    assert not (voorbeeld.project.uit / "zandvoort").exists()


@pytest.mark.parametrize(
    "path", ["/zandvoort/../../bron/zandvoort/overeenkomst.yaml", "/zandvoort/manifest.json", "/.%2e/x.html", "/x"]
)
def test_serves_nothing_but_the_documents(preview, path: str) -> None:
    _, url = preview
    status, body = get(url + path)
    assert status == 404
    assert "Niet gevonden" in body


def test_listens_on_loopback_only(preview) -> None:
    voorbeeld, url = preview
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for address in addresses:
        if address.startswith("127."):
            continue
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=2).close()


def test_errors_in_place_last_good_document_kept_and_recovery(preview) -> None:
    voorbeeld, url = preview
    path = voorbeeld.project.bron / "zandvoort" / "overeenkomst.yaml"
    good = path.read_text(encoding="utf-8")
    bad = good.replace("  tot: 2029\n", "  tot: 2029x\n")
    line = bad.splitlines().index("  tot: 2029x") + 1
    save_and_wait(voorbeeld, path, bad)
    _, page = get(url + "/zandvoort/overeenkomst.html")
    box = re.search(r'<section id="prestatie-fouten".*?</section>', page, re.S)
    assert box, page[:2000]
    assert f"zandvoort/overeenkomst.yaml:{line}:8: '2029x' is geen geheel getal" in html.unescape(box.group(0))
    assert TITEL in page  # the last good document is still shown below the errors
    assert re.search(r"<body[^>]*><section id=\"prestatie-fouten\"", page)  # first on the page
    assert "position:sticky;top:0" in box.group(0)  # at the top, as README and serve --help say
    _, index = get(url + "/")
    assert "1 fout in de bronnen" in index

    save_and_wait(voorbeeld, path, good.replace(TITEL, "Woonafspraken Zandvoort"))
    _, page = get(url + "/zandvoort/overeenkomst.html")
    assert 'id="prestatie-fouten"' not in page
    assert "Woonafspraken Zandvoort" in page


def test_a_changed_template_is_used_at_once(preview) -> None:
    voorbeeld, url = preview
    sjablonen = voorbeeld.project.sjablonen
    sjablonen.mkdir()
    generatie = voorbeeld.stand.generatie
    (sjablonen / "overeenkomst.md.j2").write_text(
        '{% extends "standaard/overeenkomst.md.j2" %}\n{% block monitoring %}\n## Toezicht\n\nElk kwartaal een brief.\n{% endblock %}\n',
        encoding="utf-8",
    )
    # the new folder is not watched yet: a save in bron/ picks it up, later saves in it are seen
    path = voorbeeld.project.bron / "zandvoort" / "overeenkomst.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    voorbeeld.wacht(generatie, timeout=120)
    _, page = get(url + "/zandvoort/overeenkomst.html")
    assert "Elk kwartaal een brief." in page


def node_modules() -> None:
    if not (ROOT / "node_modules" / "playwright-core").exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules is incomplete: run 'npm ci' (.ci/run does)")
        pytest.skip("node_modules is incomplete: run 'npm ci'")


def test_browser_page_follows_saves_and_shows_errors(preview, tmp_path: Path) -> None:
    """Headless Chromium keeps a document open while the YAML is saved three times."""
    needs_tool("chromium")
    node = needs_tool("node")
    node_modules()
    voorbeeld, url = preview
    path = voorbeeld.project.bron / "zandvoort" / "overeenkomst.yaml"
    good = path.read_text(encoding="utf-8")
    bad = good.replace("  van: 2026\n", "  van: twintig\n")
    line = bad.splitlines().index("  van: twintig") + 1
    scenario = {
        "url": url + "/zandvoort/overeenkomst.html",
        "steps": [
            {"write": str(path), "content": good.replace(TITEL, "Woonakkoord Zandvoort"), "expect": "Woonakkoord Zandvoort", "selector": "h1"},
            {
                "write": str(path),
                "content": bad,
                "expect": f"overeenkomst.yaml:{line}:8",
                "selector": "#prestatie-fouten",
                "screenshot": str(tmp_path / "fout.png"),
            },
            {"write": str(path), "content": good, "expect": TITEL, "selector": "h1", "absent": "#prestatie-fouten"},
        ],
    }
    file = tmp_path / "scenario.json"
    file.write_text(json.dumps(scenario), encoding="utf-8")
    out = subprocess.run(
        [node, str(ROOT / "tests" / "browser" / "voorbeeld.mjs"), str(file)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    steps = json.loads(out.stdout)["steps"]
    assert [s["ms"] is not None for s in steps] == [True, True, True]
    assert "Woonakkoord Zandvoort" in steps[0]["text"]
    assert "'twintig' is geen geheel getal" in steps[1]["text"]
    assert "laatste geslaagde build" in steps[1]["text"]
    assert steps[2]["url"] == scenario["url"]
    print("opslaan → bijgewerkte pagina (ms):", [s["ms"] for s in steps])


def test_command_line_serves_and_stops_on_ctrl_c(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "prestatie", "serve", "--poort", "0"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        status, index = get(m.group(0))
        assert status == 200 and "Voorbeeld van de documenten" in index
        # a second preview on the same port is a usage error in Dutch
        busy = subprocess.run(
            [sys.executable, "-m", "prestatie", "serve", "--poort", m.group(1)],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert busy.returncode == 2
        assert f"kan poort {m.group(1)} op 127.0.0.1 niet gebruiken (het adres is al in gebruik)" in busy.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[1]
    assert proc.returncode == 0
    assert "Gestopt." in rest


def test_stopping_the_preview_leaves_nothing_in_build(project: Path) -> None:
    voorbeeld = serve.Voorbeeld(project / "bron")
    httpd, threads = serve.start(voorbeeld, 0)
    voorbeeld.wacht(0, timeout=120)
    assert (project / "build" / ".voorbeeld" / "zandvoort" / "overeenkomst.html").is_file()
    serve.stop(voorbeeld, httpd, threads)
    assert not (project / "build").exists()
