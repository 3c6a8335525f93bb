"""Same sources, same bytes — also after speed work. Build the three examples and a corpus with
a fixed build date, outside git, into a folder; later compare two such folders byte for byte.

    python benchmarks/bytes.py maak /tmp/voor              # before the change
    python benchmarks/bytes.py maak /tmp/na                # after it
    python benchmarks/bytes.py vergelijk /tmp/voor /tmp/na # every file, byte for byte

The sources are copied to a folder outside any git checkout, so no commit enters the
documents; ``SOURCE_DATE_EPOCH`` fixes the date. Every file counts, manifests included, except
the build's own record of what it checked (``.bouwgeheugen.json`` and ``.<map>.bouwgeheugen.json``:
file times and inodes). In ``manifest.json`` the ``vingerafdruk`` of a document is left out of
the comparison: it is a digest of the build's inputs, and an extract across agreements digests
their sources by path, which is a different temporary folder in each run; every other field
(and the digest of every file) is compared.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import maak_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"
NIET_VERGELEKEN = ".bouwgeheugen.json"
"""Files whose name ends so are not compared (the build's record of file times and inodes)."""


def maak(doel: Path, n: int, jobs: int) -> None:
    """Build the examples and an ``n``-agreement corpus into ``doel/voorbeeld`` and ``doel/corpus``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    exe = Path(sys.executable).with_name("prestatie")
    cmd = [str(exe)] if exe.is_file() else [sys.executable, "-m", "prestatie"]
    with tempfile.TemporaryDirectory(prefix="prestatie-bytes-") as tmp:
        bronnen = {"voorbeeld": Path(tmp) / "voorbeeld" / "bron", "corpus": Path(tmp) / "corpus" / "bron"}
        shutil.copytree(ROOT / "bron", bronnen["voorbeeld"])
        maak_corpus(bronnen["corpus"], n)
        for naam, bron in bronnen.items():
            uit = doel / naam
            shutil.rmtree(uit, ignore_errors=True)
            subprocess.run([*cmd, "build", str(bron), "--uit", str(uit), "--jobs", str(jobs), "--stil"],
                           check=True, env=env, cwd=tmp)


def vergelijk(a: Path, b: Path) -> int:
    """Print every file that differs or is missing on one side; 0 when all are equal."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*")
                if p.is_file() and not p.name.endswith(NIET_VERGELEKEN)}

    left, right = files(a), files(b)
    verschil = 0
    for naam in sorted(left ^ right):
        print(f"alleen in {'A' if naam in left else 'B'}: {naam}")
        verschil += 1
    for naam in sorted(left & right):
        if not filecmp.cmp(a / naam, b / naam, shallow=False) and not _zelfde_manifest(a / naam, b / naam):
            print(f"verschilt: {naam}")
            verschil += 1
    print(f"{len(left & right)} bestanden vergeleken, {verschil} verschillen")
    return 1 if verschil else 0


def _zonder_vingerafdruk(data: object) -> object:
    if isinstance(data, dict):
        return {k: _zonder_vingerafdruk(v) for k, v in data.items() if k != "vingerafdruk"}
    if isinstance(data, list):
        return [_zonder_vingerafdruk(v) for v in data]
    return data


def _zelfde_manifest(a: Path, b: Path) -> bool:
    """Two manifests that differ only in the documents' ``vingerafdruk`` (see the module)."""
    if a.name != "manifest.json":
        return False
    return _zonder_vingerafdruk(json.loads(a.read_bytes())) == _zonder_vingerafdruk(json.loads(b.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw met vaste datum en vergelijk byte voor byte.")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    m = sub.add_parser("maak", help="bouw de voorbeelden en een corpus in MAP")
    m.add_argument("map", type=Path)
    m.add_argument("-n", type=int, default=30, help="overeenkomsten in het corpus (standaard 30)")
    m.add_argument("--jobs", "-j", type=int, default=2)
    v = sub.add_parser("vergelijk", help="vergelijk twee mappen van 'maak' byte voor byte")
    v.add_argument("a", type=Path)
    v.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.opdracht == "maak":
        maak(args.map.resolve(), args.n, args.jobs)
        return 0
    return vergelijk(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
