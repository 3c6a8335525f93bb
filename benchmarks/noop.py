"""What a build costs when nothing changed, and how much of it is checking the files on disk.

A no-op build reads the manifest, digests every source and checks each file it once wrote
against the digest its manifest records (a same-size edit or an old date fools no one), then
writes nothing. This script builds once, then times the no-op build as a user starts it (a
process, `--herhalingen` times, the median) and once more in this process under cProfile,
to show what share goes to digesting the outputs (`plan.vingerafdruk._intact`).

    python benchmarks/noop.py                      # the agreements in bron/
    python benchmarks/noop.py --overeenkomsten 30  # a corpus from benchmarks/corpus.py

Prints the figures and writes them to benchmarks/noop.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prestatie import pipeline  # noqa: E402
from prestatie.write.formats import NAMEN  # noqa: E402


def _process(cmd: list[str], cwd: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(root: Path, herhalingen: int, jobs: str, formaten: str) -> dict[str, object]:
    build = [sys.executable, "-m", "prestatie", "build", "bron", "--uit", "build", "--jobs", jobs, "-f", formaten]
    first = _process(build, root)
    runs = [_process(build, root) for _ in range(herhalingen)]
    files = [p for p in (root / "build").rglob("*") if p.is_file() and not p.name.startswith(".")]
    size = sum(p.stat().st_size for p in files)
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        uitkomst = pipeline.build(root / "bron", root / "build", tuple(formaten.split(",")), jobs=1)
        profile.disable()
        inproc = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    assert not uitkomst.geschreven, "the no-op build wrote files"
    stats = pstats.Stats(profile)
    intact = sum(v[3] for k, v in stats.stats.items() if k[2] == "_intact")  # type: ignore[attr-defined]
    return {
        "bestanden": len(files), "megabytes": round(size / 1e6, 2),
        "eerste_build_s": round(first[0], 2),
        "noop_wand_s": round(statistics.median(r[0] for r in runs), 3),
        "noop_cpu_s": round(statistics.median(r[1] for r in runs), 3),
        "noop_in_proces_s": round(inproc, 3), "uitvoer_controleren_s": round(intact, 3),
        "aandeel_controleren": round(intact / inproc, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Meet een build waarin niets veranderde (no-op).")
    ap.add_argument("--overeenkomsten", "-n", type=int, default=0, help="corpus van zoveel overeenkomsten; 0: bron/")
    ap.add_argument("--herhalingen", "-r", type=int, default=3)
    ap.add_argument("--jobs", "-j", default="2")
    ap.add_argument("--formaten", "-f", default=",".join(n for n in NAMEN if n != "pdf"),
                    help="standaard alle formaten behalve pdf")
    ap.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "noop.json")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.overeenkomsten:
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(root / "bron"),
                            "--overeenkomsten", str(args.overeenkomsten)], check=True, capture_output=True)
            wat = f"corpus van {args.overeenkomsten}"
        else:
            shutil.copytree(ROOT / "bron", root / "bron")
            wat = "bron/"
        uitkomst = {"wat": wat, "formaten": args.formaten, **measure(root, args.herhalingen, args.jobs, args.formaten)}
    print(f"{wat}: {uitkomst['bestanden']} bestanden ({uitkomst['megabytes']} MB); eerste build "
          f"{uitkomst['eerste_build_s']} s; no-op {uitkomst['noop_wand_s']} s wand, {uitkomst['noop_cpu_s']} s cpu; "
          f"in dit proces {uitkomst['noop_in_proces_s']} s, waarvan uitvoer controleren "
          f"{uitkomst['uitvoer_controleren_s']} s ({uitkomst['aandeel_controleren']:.0%})")
    args.uit.write_text(json.dumps(uitkomst, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
