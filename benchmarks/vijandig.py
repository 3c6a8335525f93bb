"""What hostile text costs: every text field of an agreement filled to the limit with marks.

Copies an agreement from `bron/` and replaces its texts (string values with a space in them,
the sentences; ids, dates and kinds stay) by `--lengte` characters made of one hostile
pattern (brackets, escapes, quote marks, emphasis…), so the sources stay valid and every
field reaches the parser. Fields are filled in order while a file stays under the 2 MB a
YAML file may hold: heerlen has every field full, beverwijk's overeenkomst.yaml reaches
2 MB. Then builds as a user does (one process, `--jobs 1`) and reports wall and cpu time.

    python benchmarks/vijandig.py [--patronen "[" "\\"] [--lengte 10000] [--code MAP]

`--code` runs another checkout of prestatie on the same sources (before/after). Prints one
line per measurement and writes them to benchmarks/vijandig.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PATRONEN = ["[", "![", "](", "<", "*", "_", "`", "\\", "&#", "|", "> ", "- ", "*a* ", "`a` ", "a\n\n"]
MAX_BYTES = 2 * 1024 * 1024


KEUZES = {"status"}
"""Keys whose values are chosen from a list (``op schema``): not text, they stay."""


def _texts(node: yaml.Node, key: str = "") -> list[yaml.ScalarNode]:
    """The text scalars below ``node``: strings with a space in them (sentences, not ids)."""
    if isinstance(node, yaml.ScalarNode):
        ok = node.tag == "tag:yaml.org,2002:str" and " " in node.value and len(node.value) > 12
        return [node] if ok and key not in KEUZES else []
    if isinstance(node, yaml.MappingNode):
        return [t for k, v in node.value for t in _texts(v, k.value)]
    if isinstance(node, yaml.SequenceNode):
        return [t for v in node.value for t in _texts(v, key)]
    return []


def prepare(dest: Path, overeenkomst: str, value: str) -> tuple[int, int, int]:
    """Fill the text fields of every file of the agreement, in order, as long as the file
    stays under the size limit. Returns the fields filled, all text fields, the largest file."""
    src = ROOT / "bron" / overeenkomst
    shutil.copytree(src, dest / "bron" / overeenkomst)
    filled = total = largest = 0
    room = len(yaml.serialize(yaml.compose(yaml.dump(value)), allow_unicode=True, width=10**9).encode())
    for path in sorted((dest / "bron" / overeenkomst).rglob("*.yaml")):
        node = yaml.compose(path.read_text(encoding="utf-8"))
        texts = _texts(node)
        total += len(texts)
        size = len(path.read_bytes())
        for t in texts:
            if size + room > MAX_BYTES - 96 * 1024:
                break
            t.value, t.style = value, "'"
            size += room
            filled += 1
        text = yaml.serialize(node, allow_unicode=True, width=10**9)
        path.write_text(text, encoding="utf-8")
        largest = max(largest, len(text.encode()))
    return filled, total, largest


def run(cmd: list[str], cwd: Path, limit: float, code_dir: Path) -> tuple[float, float, int, str]:
    env = {**os.environ, "PYTHONPATH": str(code_dir), "SOURCE_DATE_EPOCH": "1700000000"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=limit)
        code, err = proc.returncode, proc.stderr.strip().splitlines()[-1:] if proc.returncode else []
    except subprocess.TimeoutExpired:
        code, err = -1, [f"> {limit:.0f} s"]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code, " ".join(err)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Meet wat vijandige tekst in elk tekstveld kost.")
    ap.add_argument("--overeenkomst", nargs="*", default=["heerlen-2020-2024", "beverwijk-heemskerk-2022-2025"],
                    help="mappen in bron/ (standaard heerlen: elk veld vol; beverwijk: overeenkomst.yaml tot 2 MB)")
    ap.add_argument("--lengte", type=int, default=10_000, help="tekens per veld (standaard 10000, de grens)")
    ap.add_argument("--patronen", nargs="*", default=PATRONEN)
    ap.add_argument("--limiet", type=float, default=600)
    ap.add_argument("--jobs", "-j", default="1")
    ap.add_argument("--formaten", "-f", default="docx,html,md",
                    help="formaten van de build (standaard docx,html,md)")
    ap.add_argument("--code", type=Path, default=ROOT, help="map van de prestatie die bouwt (om te vergelijken)")
    ap.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "vijandig.json")
    args = ap.parse_args(argv)
    results = []
    for overeenkomst in args.overeenkomst:
        for pattern in args.patronen:
            value = (pattern * (args.lengte // len(pattern) + 1))[: args.lengte]
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                filled, total, size = prepare(root, overeenkomst, value)
                cmd = [sys.executable, "-m", "prestatie", "build", "--jobs", args.jobs, "-f", args.formaten]
                wall, cpu, code, err = run(cmd, root, args.limiet, args.code)
            row = {"overeenkomst": overeenkomst, "patroon": pattern, "grootste_bron_bytes": size,
                   "velden_gevuld": filled, "velden": total,
                   "wand_s": round(wall, 2), "cpu_s": round(cpu, 2), "code": code, "fout": err}
            results.append(row)
            print(f"{overeenkomst[:12]:12} {pattern!r:8} {filled:3}/{total:3} velden, grootste bron {size / 1e6:4.2f} MB: "
                  f"wand {wall:6.1f} s, cpu {cpu:6.1f} s, code {code} {err}", flush=True)
    args.uit.write_text(json.dumps({"lengte": args.lengte, "metingen": results}, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return 0 if all(r["code"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
