"""Measure prestatie: the example, a synthetic corpus at 30× and 400×, a no-op rebuild, memory,
and pandoc on the same Markdown, side by side. Prints a table and writes JSON.

    python benchmarks/meet.py                 # full run (about ten minutes at most)
    python benchmarks/meet.py --snel          # quick run: one repeat, 10×, no 400×
    python benchmarks/meet.py --herhalingen 5 --uit /tmp/resultaten.json

Every build is a separate ``prestatie`` process into a fresh output folder, as a user runs it.
Times are medians over the repeats: wall-clock time and CPU time (user + system of the
process and its workers; steadier than wall-clock time on a busy machine). Memory is the
largest resident set of one process (``wait4``) and, sampled every 20 ms, the resident sets of
the build and its workers together.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import VOORBEELD, Sjabloon, maak_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def shown(path: Path) -> str:
    """A path as the results show it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)

# The targets of the issue, for this 2-core machine.
DOEL_VERHOUDING_PANDOC = 0.5
DOEL_MS_PER_DOCUMENT = 80.0
DOEL_NOOP_S = 0.3
DOEL_BEWERKT_S = 1.0
DOEL_GEHEUGEN_MB = 400.0
DOEL_400_S = 60.0


@dataclass
class Meting:
    """One process: wall-clock and CPU seconds, largest process and all processes together (MB)."""

    wand: float
    cpu: float
    max_rss_mb: float
    rss_samen_mb: float
    pss_samen_mb: float
    code: int
    afgebroken: bool = False


@dataclass
class Regel:
    """One row of the table: the medians of the repeats of one command."""

    naam: str
    opdracht: str
    metingen: list[Meting] = field(default_factory=list)
    documenten: int | None = None
    noot: str = ""

    @property
    def wand(self) -> float:
        return statistics.median(m.wand for m in self.metingen)

    @property
    def cpu(self) -> float:
        return statistics.median(m.cpu for m in self.metingen)

    @property
    def max_rss_mb(self) -> float:
        return max(m.max_rss_mb for m in self.metingen)

    @property
    def rss_samen_mb(self) -> float:
        return max(m.rss_samen_mb for m in self.metingen)

    @property
    def pss_samen_mb(self) -> float:
        return max(m.pss_samen_mb for m in self.metingen)

    @property
    def afgebroken(self) -> bool:
        return any(m.afgebroken for m in self.metingen)

    def als_dict(self) -> dict:
        return {
            "naam": self.naam,
            "opdracht": self.opdracht,
            "herhalingen": len(self.metingen),
            "wand_s": round(self.wand, 3),
            "cpu_s": round(self.cpu, 3),
            "max_rss_mb": round(self.max_rss_mb, 1),
            "rss_samen_mb": round(self.rss_samen_mb, 1),
            "pss_samen_mb": round(self.pss_samen_mb, 1),
            "documenten": self.documenten,
            "afgebroken": self.afgebroken,
            "noot": self.noot,
            "metingen": [asdict(m) for m in self.metingen],
        }


# --- running and measuring one process ------------------------------------------------------


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory_kb(root: int) -> tuple[int, int]:
    """Resident set (RSS) and proportional set (PSS: shared pages counted once) of ``root``
    and its descendants together, in kB. Forked workers share much of the parent's memory,
    so PSS is the honest total."""
    rss = pss = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith(b"Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def meet(cmd: list[str], cwd: Path | None = None, limiet: float | None = None, env: dict | None = None) -> Meting:
    """Run ``cmd`` once; stop it after ``limiet`` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    piek_rss = piek_pss = 0
    klaar = threading.Event()

    def sample() -> None:
        nonlocal piek_rss, piek_pss
        while not klaar.wait(0.02):
            rss, pss = _memory_kb(proc.pid)
            piek_rss, piek_pss = max(piek_rss, rss), max(piek_pss, pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    timer = None
    afgebroken = threading.Event()
    if limiet is not None:
        def stop() -> None:
            afgebroken.set()
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass

        timer = threading.Timer(limiet, stop)
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wand = time.perf_counter() - start
    if timer is not None:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    klaar.set()
    sampler.join()
    reader.join()
    code = proc.returncode
    if code != 0 and not afgebroken.is_set():
        message = b"".join(stderr).decode(errors="replace")[-2000:]
        raise SystemExit(f"mislukt ({code}): {' '.join(cmd)}\n{message}")
    return Meting(
        wand=wand,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        rss_samen_mb=max(piek_rss, usage.ru_maxrss) / 1024,
        pss_samen_mb=(piek_pss or usage.ru_maxrss) / 1024,
        code=code,
        afgebroken=afgebroken.is_set(),
    )


def prestatie(*args: str) -> list[str]:
    """The installed ``prestatie`` beside this Python (not a shell shim on PATH), else ``-m``."""
    exe = Path(sys.executable).with_name("prestatie")
    return [str(exe), *args] if exe.is_file() else [sys.executable, "-m", "prestatie", *args]


def documenten(uit: Path) -> int:
    """Documents in a build (one document = all its formats): the .md files."""
    return sum(1 for _ in uit.rglob("*.md"))


# --- the measurements ------------------------------------------------------------------------


def bouw(naam: str, bron: Path, werk: Path, herhalingen: int, jobs: int | None, limiet: float | None,
         noot: str = "") -> tuple[Regel, Path]:
    """``prestatie build`` into a fresh folder, ``herhalingen`` times; the last build stays."""
    extra = ["--jobs", str(jobs)] if jobs else []
    regel = Regel(naam, " ".join(["prestatie", "build", shown(bron), "--uit", "<nieuwe map>", *extra]), noot=noot)
    uit = werk / "uit"
    for _ in range(herhalingen):
        if uit.exists():
            shutil.rmtree(uit)
        m = meet(prestatie("build", str(bron), "--uit", str(uit), *extra), cwd=ROOT, limiet=limiet)
        regel.metingen.append(m)
        print(f"  {naam}: {m.wand:.2f} s (cpu {m.cpu:.2f} s){' AFGEBROKEN' if m.afgebroken else ''}", file=sys.stderr)
        if m.afgebroken:
            break
    if not regel.afgebroken:
        regel.documenten = documenten(uit)
    return regel, uit


def noop(naam: str, bron: Path, uit: Path, herhalingen: int, jobs: int | None) -> Regel:
    """A second build into the same folder: nothing changed, nothing is written."""
    extra = ["--jobs", str(jobs)] if jobs else []
    regel = Regel(naam, " ".join(["prestatie", "build", shown(bron), "--uit", "<dezelfde map>", *extra]))
    for _ in range(herhalingen):
        regel.metingen.append(meet(prestatie("build", str(bron), "--uit", str(uit), *extra), cwd=ROOT))
    regel.documenten = documenten(uit)
    return regel


def edit_sentence(yaml: Path, n: int) -> None:
    """Change one sentence of the first afspraak's text: its first line gets a new ending."""
    lines = yaml.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() in ("tekst: >-", "tekst: >", "tekst: |"))
    line = lines[start + 1].split(" (bewerking", 1)[0]
    lines[start + 1] = f"{line} (bewerking {n})"
    yaml.write_text("\n".join(lines), encoding="utf-8")


def bewerkt(naam: str, werk: Path, herhalingen: int) -> Regel:
    """The policy writer's loop: one sentence of one afspraak changed, then a build into the
    folder of the previous build (all formats, all cores)."""
    bron = werk / "bewerkt" / VOORBEELD.name
    shutil.rmtree(bron.parent, ignore_errors=True)
    shutil.copytree(VOORBEELD, bron)
    uit = werk / "bewerkt-uit"
    shutil.rmtree(uit, ignore_errors=True)
    subprocess.run(prestatie("build", str(bron), "--uit", str(uit)), cwd=ROOT, check=True, capture_output=True)
    regel = Regel(naam, f"prestatie build {shown(VOORBEELD)} --uit <vorige build>, na één gewijzigde zin in één afspraak")
    for n in range(herhalingen):
        edit_sentence(bron / "overeenkomst.yaml", n)
        m = meet(prestatie("build", str(bron), "--uit", str(uit)), cwd=ROOT)
        regel.metingen.append(m)
        print(f"  {naam}: {m.wand:.2f} s (cpu {m.cpu:.2f} s)", file=sys.stderr)
    regel.documenten = documenten(uit)
    return regel


def pandoc(uit: Path, werk: Path, herhalingen: int) -> Regel | None:
    """pandoc on every .md of a build, one process per file and format, as a user would run it."""
    exe = shutil.which("pandoc")
    if exe is None:
        return None
    bestanden = sorted(uit.rglob("*.md"))
    regel = Regel("pandoc: dezelfde .md → docx, html",
                  "pandoc -s X.md -o X.docx; pandoc -s X.md -o X.html (per .md van het voorbeeld)")
    doel = werk / "pandoc"
    doel.mkdir(exist_ok=True)
    for _ in range(herhalingen):
        totaal = Meting(0.0, 0.0, 0.0, 0.0, 0.0, 0)
        for md in bestanden:
            for fmt in ("docx", "html"):
                m = meet([exe, "-s", str(md), "-o", str(doel / f"{md.stem}.{fmt}")], cwd=doel)
                totaal.wand += m.wand
                totaal.cpu += m.cpu
                totaal.max_rss_mb = max(totaal.max_rss_mb, m.max_rss_mb)
                totaal.rss_samen_mb = max(totaal.rss_samen_mb, m.rss_samen_mb)
                totaal.pss_samen_mb = max(totaal.pss_samen_mb, m.pss_samen_mb)
        regel.metingen.append(totaal)
        print(f"  pandoc: {totaal.wand:.2f} s (cpu {totaal.cpu:.2f} s)", file=sys.stderr)
    regel.documenten = len(bestanden)
    return regel


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pandoc_versie = None
    if shutil.which("pandoc"):
        pandoc_versie = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return {
        "kernen": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "geheugen_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "pandoc": pandoc_versie,
        "prestatie_commit": commit.stdout.strip() or None,
        "belasting_bij_start": os.getloadavg(),
    }


# --- report -----------------------------------------------------------------------------------


def _fmt_s(value: float | None) -> str:
    return "–" if value is None else (f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s")


def tabel(regels: list[Regel]) -> str:
    head = (f"{'meting':<36} {'wand':>10} {'cpu':>10} {'docs':>5} {'ms/doc':>7} {'max RSS':>8} {'RSS samen':>10}"
            f" {'PSS samen':>10}")
    lines = [head, "-" * len(head)]
    for r in regels:
        per_doc = f"{r.wand / r.documenten * 1000:.0f}" if r.documenten and not r.afgebroken else "–"
        wand = ("> " if r.afgebroken else "") + _fmt_s(r.wand)
        lines.append(
            f"{r.naam:<36} {wand:>10} {_fmt_s(r.cpu):>10} {r.documenten or '–'!s:>5} {per_doc:>7} "
            f"{r.max_rss_mb:>5.0f} MB {r.rss_samen_mb:>7.0f} MB {r.pss_samen_mb:>7.0f} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet de snelheid van prestatie naast pandoc.")
    parser.add_argument("--herhalingen", "-r", type=int, help="herhalingen van de kleine metingen (mediaan; standaard 3)")
    parser.add_argument("--herhalingen-groot", type=int, help="herhalingen bij 30× (standaard 3)")
    parser.add_argument("--schaal", type=int, help="aantal overeenkomsten van de middelste meting (standaard 30)")
    parser.add_argument("--nationaal", type=int, help="aantal overeenkomsten op nationale schaal (standaard 400; 0: overslaan)")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="--jobs voor de corpusbuilds (standaard 2)")
    parser.add_argument("--limiet", type=float, help="breek een build af na zoveel seconden (standaard 150; --snel: 60)")
    parser.add_argument("--snel", action="store_true", help="snelle ronde: 1 herhaling, 10×, geen nationale schaal")
    parser.add_argument("--zaad", type=int, default=1, help="zaad van het corpus (standaard 1)")
    parser.add_argument("--werkmap", type=Path, default=None, help="map voor corpus en uitvoer (standaard: tijdelijk)")
    parser.add_argument("--uit", type=Path, default=Path(__file__).resolve().parent / "resultaten.json",
                        help="JSON-bestand met de uitkomsten (standaard benchmarks/resultaten.json)")
    args = parser.parse_args(argv)
    standaard = {"herhalingen": 1, "herhalingen_groot": 1, "schaal": 10, "nationaal": 0, "limiet": 60.0} if args.snel \
        else {"herhalingen": 3, "herhalingen_groot": 3, "schaal": 30, "nationaal": 400, "limiet": 150.0}
    for naam, waarde in standaard.items():
        if getattr(args, naam) is None:
            setattr(args, naam, waarde)

    werk = args.werkmap or Path(tempfile.mkdtemp(prefix="prestatie-meting-"))
    werk.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"werkmap: {werk}", file=sys.stderr)
    regels: list[Regel] = []
    sjabloon = Sjabloon()
    r = args.herhalingen

    # 1. The example, as a user builds it (all formats, all cores), and pandoc on its Markdown.
    voorbeeld, voorbeeld_uit = bouw("voorbeeld: volledige build", VOORBEELD, werk / "voorbeeld", r, None, args.limiet)
    regels.append(voorbeeld)
    regels.append(noop("voorbeeld: no-op rebuild", VOORBEELD, voorbeeld_uit, r, None))
    regels.append(bewerkt("voorbeeld: één zin gewijzigd", werk, r))
    pd = pandoc(voorbeeld_uit, werk, r)
    if pd is not None:
        regels.append(pd)

    # 2. The corpus: 1× as the base line, then 30× (and 400×) with --jobs.
    schalen = [1, args.schaal] + ([args.nationaal] if args.nationaal else [])
    per_schaal: dict[int, Regel] = {}
    for n in schalen:
        bron = werk / f"corpus-{n}" / "bron"
        t = time.perf_counter()
        maak_corpus(bron, n, zaad=args.zaad, sjabloon=sjabloon)
        print(f"corpus {n}×: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        herh = r if n == 1 else (args.herhalingen_groot if n == args.schaal else 1)
        regel, uit = bouw(f"{n}× corpus: build --jobs {args.jobs}", bron, werk / f"corpus-{n}", herh, args.jobs,
                          args.limiet)
        regels.append(regel)
        per_schaal[n] = regel
        if not regel.afgebroken and n > 1:
            regels.append(noop(f"{n}× corpus: no-op rebuild", bron, uit, r if n == args.schaal else 1, args.jobs))
        shutil.rmtree(uit, ignore_errors=True)

    # 3. Derived figures and the targets.
    def marginal(n: int, soort: str = "wand") -> float | None:
        base, big = per_schaal.get(1), per_schaal.get(n)
        if not base or not big or big.afgebroken or not base.documenten or not big.documenten:
            return None
        return (getattr(big, soort) - getattr(base, soort)) / (big.documenten - base.documenten)

    afgeleid: dict[str, float | None] = {
        "voorbeeld_ms_per_document": voorbeeld.wand / voorbeeld.documenten * 1000 if voorbeeld.documenten else None,
        "pandoc_ms_per_document": pd.wand / pd.documenten * 1000 if pd and pd.documenten else None,
        "verhouding_voorbeeld_pandoc": voorbeeld.wand / pd.wand if pd else None,
        # CPU time is steadier than wall-clock time when other processes load the machine.
        "verhouding_cpu_voorbeeld_pandoc": voorbeeld.cpu / pd.cpu if pd and pd.cpu else None,
    }
    for n in schalen[1:]:
        m = marginal(n)
        afgeleid[f"marginaal_ms_per_document_{n}x"] = m * 1000 if m is not None else None
        m = marginal(n, "cpu")
        afgeleid[f"marginaal_cpu_ms_per_document_{n}x"] = m * 1000 if m is not None else None
    noop_voorbeeld = regels[1].wand
    schaal = per_schaal[args.schaal]
    doelen = {
        f"voorbeeld ≤ {DOEL_VERHOUDING_PANDOC}× pandoc": (afgeleid["verhouding_voorbeeld_pandoc"], DOEL_VERHOUDING_PANDOC),
        f"≤ {DOEL_MS_PER_DOCUMENT:.0f} ms per document bij {args.schaal}×": (afgeleid.get(f"marginaal_ms_per_document_{args.schaal}x"), DOEL_MS_PER_DOCUMENT),
        f"no-op rebuild ≤ {DOEL_NOOP_S} s": (noop_voorbeeld, DOEL_NOOP_S),
        f"na één gewijzigde zin ≤ {DOEL_BEWERKT_S:.0f} s": (regels[2].wand, DOEL_BEWERKT_S),
        f"geheugen ≤ {DOEL_GEHEUGEN_MB:.0f} MB bij {args.schaal}× (PSS van alle processen samen)": (None if schaal.afgebroken else schaal.pss_samen_mb, DOEL_GEHEUGEN_MB),
    }
    if args.nationaal:
        big = per_schaal[args.nationaal]
        # An aborted build took at least the limit: a lower bound, enough to judge the target.
        doelen[f"{args.nationaal} overeenkomsten ≤ {DOEL_400_S:.0f} s"] = (big.wand, DOEL_400_S)

    print()
    print(f"machine: {info['kernen']} kernen, {info['cpu']}, Python {info['python']}, {info['pandoc'] or 'geen pandoc'}, "
          f"belasting {' '.join(f'{x:.1f}' for x in info['belasting_bij_start'])}")
    print(f"herhalingen: {r} (mediaan); corpus: zaad {args.zaad}, {args.schaal}×"
          + (f" en {args.nationaal}×" if args.nationaal else ""))
    print()
    print(tabel(regels))
    print()
    for k, v in afgeleid.items():
        print(f"{k}: {'–' if v is None else f'{v:.2f}'}")
    print()
    uitkomst = {}
    ondergrens = {f"{args.nationaal} overeenkomsten ≤ {DOEL_400_S:.0f} s"} if args.nationaal and per_schaal[args.nationaal].afgebroken else set()
    for naam, (waarde, grens) in doelen.items():
        gehaald = None if waarde is None else waarde <= grens
        uitkomst[naam] = {"waarde": waarde, "grens": grens, "gehaald": gehaald, "afgebroken": naam in ondergrens}
        teken = "niet gemeten" if gehaald is None else ("gehaald" if gehaald else "NIET gehaald")
        getal = "–" if waarde is None else ("> " if naam in ondergrens else "") + f"{waarde:.3g}"
        print(f"{naam}: {getal} → {teken}")

    info["belasting_bij_einde"] = os.getloadavg()
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(
        json.dumps(
            {
                "machine": info,
                "opties": {k: (shown(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                "metingen": [x.als_dict() for x in regels],
                "afgeleid": afgeleid,
                "doelen": uitkomst,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\ngeschreven: {args.uit}", file=sys.stderr)
    if args.werkmap is None:
        shutil.rmtree(werk, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
