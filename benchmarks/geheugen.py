"""Peak memory of one build of one large agreement: 2,000 afspraken, PDF and without PDF.

Makes a synthetic agreement with benchmarks/corpus.py, builds it as a user would (its own
process, `prestatie build <bron> --uit <lege map> --formaat … --jobs 1`) and reads the peak
resident memory of that process and everything it started (``resource.getrusage`` of the
children, ``ru_maxrss``). Prints the figures and writes benchmarks/geheugen.json.

    python benchmarks/geheugen.py [--afspraken 2000] [--formaten pdf md]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import maak_corpus  # noqa: E402


def meet(bron: Path, uit: Path, formaat: str, limiet: float) -> dict:
    """One build in a fresh child that reports its own peak (and its children's)."""
    code = (
        "import resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "m = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0);"
        "print(p.returncode, m); sys.stderr.write(p.stderr[-2000:])"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "prestatie", "build", str(bron),
                          "--uit", str(uit), "--formaat", formaat, "--jobs", "1", "--stil"],
                         capture_output=True, text=True, timeout=limiet, cwd=bron.parent,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"})
    rc, kib = out.stdout.split()
    return {"formaat": formaat, "exitcode": int(rc), "piek_mb": round(int(kib) / 1024, 1),
            "seconden": round(time.perf_counter() - start, 1), "meldingen": out.stderr.strip()[-600:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--afspraken", type=int, default=2000)
    ap.add_argument("--formaten", nargs="+", default=["md", "html", "docx", "pdf"])
    ap.add_argument("--limiet", type=float, default=1800)
    ap.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "geheugen.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="prestatie-geheugen-") as tmp:
        bron = Path(tmp) / "bron"
        maak_corpus(bron, 1, args.afspraken, 1)
        metingen = []
        for formaat in args.formaten:
            m = meet(bron, Path(tmp) / f"uit-{formaat}", formaat, args.limiet)
            metingen.append(m)
            print(f"{args.afspraken} afspraken, {formaat}: piek {m['piek_mb']} MB, {m['seconden']} s, "
                  f"exitcode {m['exitcode']}" + (f"\n  {m['meldingen']}" if m["meldingen"] else ""))
    args.uit.write_text(json.dumps({"afspraken": args.afspraken, "metingen": metingen}, indent=2,
                                   ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
