"""Time from saving a YAML file to the updated page in the browser, with `prestatie serve`.

Runs the preview in this process on a copy of the example (and on a new agreement from
`prestatie nieuw`), keeps a document open in headless Chromium (tests/browser/voorbeeld.mjs)
and saves a source file several times; each time it measures how long until the open page
shows the change by itself. Prints the figures and writes them to benchmarks/voorbeeld.json.

    python benchmarks/voorbeeld.py [--keer 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prestatie.pipeline import voorbeeld as serve  # noqa: E402
from prestatie.pipeline.nieuw import Antwoorden, nieuwe_overeenkomst  # noqa: E402

SCRIPT = ROOT / "tests" / "browser" / "voorbeeld.mjs"


def scenario(url: str, path: Path, old: str, keer: int, selector: str) -> list[int]:
    text = path.read_text(encoding="utf-8")
    steps = []
    for i in range(keer):
        new = f"{old} (versie {i + 1})"
        # the key ('titel: ') is part of what is replaced, so that a comment naming the title is not
        steps.append({"write": str(path), "content": text.replace(old, new, 1), "expect": new.split(": ", 1)[-1],
                      "selector": selector})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"url": url, "steps": steps}, f)
    env = {**os.environ, "VOORBEELD_TIMEOUT_MS": "300000"}
    out = subprocess.run(["node", str(SCRIPT), f.name], capture_output=True, text=True, cwd=ROOT, timeout=3600, env=env)
    Path(f.name).unlink()
    if out.returncode != 0:
        raise SystemExit(out.stdout + out.stderr)
    return [s["ms"] for s in json.loads(out.stdout)["steps"]]


def measure(bron: Path, page: str, path: Path, old: str, keer: int, selector: str) -> dict:
    voorbeeld = serve.Voorbeeld(bron)
    httpd, threads = serve.start(voorbeeld, 0)
    try:
        voorbeeld.wacht(0, timeout=600)
        url = f"http://127.0.0.1:{httpd.server_address[1]}/{page}"
        ms = scenario(url, path, old, keer, selector)
    finally:
        serve.stop(voorbeeld, httpd, threads)
    return {"pagina": page, "bestand": path.name, "ms": ms, "mediaan_ms": statistics.median(ms)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=5, help="aantal keer opslaan per meting")
    parser.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "voorbeeld.json")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "bron", work / "voorbeeld" / "bron")
        folder = work / "voorbeeld" / "bron" / "beverwijk-heemskerk-2022-2025"
        slug = "beverwijk-heemskerk-2022-2025"
        results["voorbeeld: persbericht.yaml → persbericht.html"] = measure(
            work / "voorbeeld" / "bron", f"{slug}/persbericht.html", folder / "persbericht.yaml",
            "Beverwijk en Heemskerk maken afspraken over wonen tot en met 2025", args.keer, "h1",
        )
        results["voorbeeld: overeenkomst.yaml → overeenkomst.html (alle documenten van die overeenkomst opnieuw)"] = measure(
            work / "voorbeeld" / "bron", f"{slug}/overeenkomst.html", folder / "overeenkomst.yaml",
            "titel: Prestatieafspraken Beverwijk en Heemskerk 2022–2025", args.keer, "h1",
        )
        nieuw = work / "nieuw" / "bron" / "zandvoort"
        nieuwe_overeenkomst(nieuw, Antwoorden(["Zandvoort"], ["Pré Wonen"], [], 2026, 2029))
        results["nieuw: overeenkomst.yaml → overeenkomst.html"] = measure(
            work / "nieuw" / "bron", "zandvoort/overeenkomst.html", nieuw / "overeenkomst.yaml",
            "titel: Prestatieafspraken Zandvoort 2026–2029", args.keer, "h1",
        )
    for name, r in results.items():
        print(f"{name}: mediaan {r['mediaan_ms']} ms ({', '.join(str(m) for m in r['ms'])})")
    args.uit.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
