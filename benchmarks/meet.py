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

# The targets, for a 2-core machine.
DOEL_WORD_HTML_WAND = 0.25
"""Word and HTML of the example: at most this share of pandoc's wall-clock time on the same Markdown."""
DOEL_WORD_HTML_CPU = 0.5
DOEL_ALLES_WAND = 0.5
"""Every format of the example: at most this share of pandoc's wall-clock time."""
DOEL_NOOP_S = 0.15
DOEL_BEWERKT_S = 0.3
DOEL_MS_PER_DOCUMENT = 30.0
"""At 30×, marginal per document (all formats)."""
DOEL_NATIONAAL_S = 60.0
DOEL_GEHEUGEN_MB = 1024.0
"""PSS of the whole build at the national scale."""
DOEL_VLAK = 1.2
"""Marginal CPU per document at the national scale over that at 30×: flat means about 1."""
DOEL_NOOP_NATIONAAL_S = 2.0
DOEL_BEWERKT_NATIONAAL_S = 1.0


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
    """Documents in a build (one document = all its formats): the distinct names of its
    Markdown, HTML, Word and PDF files."""
    return len({(p.parent.name, p.stem) for p in uit.glob("*/*") if p.suffix in (".md", ".html", ".docx", ".pdf")})


# --- the measurements ------------------------------------------------------------------------


def bouw(naam: str, bron: Path, werk: Path, herhalingen: int, jobs: int | None, limiet: float | None,
         noot: str = "", formaat: str | None = None) -> tuple[Regel, Path]:
    """``prestatie build`` into a fresh folder, ``herhalingen`` times; the last build stays."""
    extra = (["--jobs", str(jobs)] if jobs else []) + (["--formaat", formaat] if formaat else [])
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


def noop(naam: str, bron: Path, uit: Path, herhalingen: int, jobs: int | None, formaat: str | None = None) -> Regel:
    """A second build into the same folder: nothing changed, nothing is written."""
    extra = (["--jobs", str(jobs)] if jobs else []) + (["--formaat", formaat] if formaat else [])
    regel = Regel(naam, " ".join(["prestatie", "build", shown(bron), "--uit", "<dezelfde map>", *extra]))
    for _ in range(herhalingen):
        regel.metingen.append(meet(prestatie("build", str(bron), "--uit", str(uit), *extra), cwd=ROOT))
    regel.documenten = documenten(uit)
    return regel


def edit_sentence(yaml: Path, n: int) -> None:
    """Change one sentence of the first afspraak's text: a line inside its text gets a new ending."""
    lines = yaml.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("tekst:")
                 and lines[i + 1].startswith(" " * (len(line) - len(line.lstrip()) + 2)))
    i = start + 1 if lines[start].strip() in ("tekst: >-", "tekst: >", "tekst: |") else start
    line = lines[i].split(" (bewerking", 1)[0]
    lines[i] = f"{line} (bewerking {n})"
    yaml.write_text("\n".join(lines), encoding="utf-8")


def bewerkt_corpus(naam: str, bron: Path, uit: Path, herhalingen: int, jobs: int | None,
                   formaat: str | None = None) -> Regel:
    """One sentence changed in the first agreement of a built corpus, then a build into the same folder."""
    extra = (["--jobs", str(jobs)] if jobs else []) + (["--formaat", formaat] if formaat else [])
    regel = Regel(naam, f"prestatie build {shown(bron)} --uit <vorige build> {' '.join(extra)}, na één gewijzigde "
                        "zin in één afspraak van één overeenkomst")
    first = sorted(p for p in bron.iterdir() if p.is_dir())[0]
    for n in range(herhalingen):
        edit_sentence(first / "overeenkomst.yaml", n)
        m = meet(prestatie("build", str(bron), "--uit", str(uit), *extra), cwd=ROOT)
        regel.metingen.append(m)
        print(f"  {naam}: {m.wand:.2f} s (cpu {m.cpu:.2f} s)", file=sys.stderr)
    regel.documenten = documenten(uit)
    return regel


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


def doelen_van(regels: dict[str, Regel], afgeleid: dict[str, float | None], schaal: int, nationaal: int,
               formaat: str | None = None) -> list[dict]:
    """Every target with its value in wall-clock time and in CPU time, and whether each holds."""
    def rij(naam: str, wand: float | None, cpu: float | None, grens: float, eenheid: str = "") -> dict:
        return {"doel": naam, "wand": wand, "cpu": cpu, "grens": grens, "eenheid": eenheid,
                "gehaald_wand": None if wand is None else wand <= grens,
                "gehaald_cpu": None if cpu is None else cpu <= grens}

    def waarde(naam: str, soort: str) -> float | None:
        r = regels.get(naam)
        return None if r is None or r.afgebroken else getattr(r, soort)

    uit = [
        rij(f"voorbeeld Word + HTML ≤ {DOEL_WORD_HTML_WAND} × pandoc (wand)", afgeleid.get("word_html_pandoc_wand"),
            None, DOEL_WORD_HTML_WAND, "×"),
        rij(f"voorbeeld Word + HTML ≤ {DOEL_WORD_HTML_CPU} × pandoc (cpu)", None, afgeleid.get("word_html_pandoc_cpu"),
            DOEL_WORD_HTML_CPU, "×"),
        rij(f"voorbeeld alle formaten ≤ {DOEL_ALLES_WAND} × pandoc", afgeleid.get("alles_pandoc_wand"),
            afgeleid.get("alles_pandoc_cpu"), DOEL_ALLES_WAND, "×"),
        rij(f"voorbeeld no-op ≤ {DOEL_NOOP_S} s", waarde("noop", "wand"), waarde("noop", "cpu"), DOEL_NOOP_S, "s"),
        rij(f"voorbeeld één zin gewijzigd ≤ {DOEL_BEWERKT_S} s", waarde("bewerkt", "wand"), waarde("bewerkt", "cpu"),
            DOEL_BEWERKT_S, "s"),
        rij(f"{schaal}× ≤ {DOEL_MS_PER_DOCUMENT:.0f} ms per document (marginaal; cpu gedeeld door 2 kernen)",
            afgeleid.get(f"marginaal_ms_per_document_{schaal}x"),
            None if afgeleid.get(f"marginaal_cpu_ms_per_document_{schaal}x") is None
            else afgeleid[f"marginaal_cpu_ms_per_document_{schaal}x"] / 2, DOEL_MS_PER_DOCUMENT, "ms"),
    ]
    if nationaal:
        big = regels.get(f"{nationaal}×")
        uit += [
            rij(f"{nationaal}× {formaat or 'alle formaten'} ≤ {DOEL_NATIONAAL_S:.0f} s (cpu gedeeld door 2 kernen)",
                None if big is None else big.wand, None if big is None or big.afgebroken else big.cpu / 2,
                DOEL_NATIONAAL_S, "s"),
            rij(f"{nationaal}× geheugen ≤ {DOEL_GEHEUGEN_MB:.0f} MB (PSS samen)",
                waarde(f"{nationaal}×", "pss_samen_mb"), None, DOEL_GEHEUGEN_MB, "MB"),
            rij(f"kosten per document vlak van {schaal}× tot {nationaal}× (verhouding ≤ {DOEL_VLAK})",
                afgeleid.get("vlak_wand"), afgeleid.get("vlak_cpu"), DOEL_VLAK, "×"),
            rij(f"{nationaal}× no-op ≤ {DOEL_NOOP_NATIONAAL_S:.0f} s", waarde(f"{nationaal}× noop", "wand"),
                waarde(f"{nationaal}× noop", "cpu"), DOEL_NOOP_NATIONAAL_S, "s"),
            rij(f"{nationaal}× één zin gewijzigd ≤ {DOEL_BEWERKT_NATIONAAL_S:.0f} s",
                waarde(f"{nationaal}× bewerkt", "wand"), waarde(f"{nationaal}× bewerkt", "cpu"),
                DOEL_BEWERKT_NATIONAAL_S, "s"),
        ]
    return uit


def doelentabel(doelen: list[dict]) -> str:
    def getal(x: float | None, eenheid: str) -> str:
        if x is None:
            return "–"
        return f"{x:.2f} ×" if eenheid == "×" else (f"{x:.0f} {eenheid}" if x >= 10 else f"{x:.2f} {eenheid}")

    def oordeel(x: bool | None) -> str:
        return "–" if x is None else ("gehaald" if x else "**niet**")

    lines = ["| doel | wand | | cpu | |", "| --- | --: | --- | --: | --- |"]
    for d in doelen:
        lines.append(f"| {d['doel']} | {getal(d['wand'], d['eenheid'])} | {oordeel(d['gehaald_wand'])} | "
                     f"{getal(d['cpu'], d['eenheid'])} | {oordeel(d['gehaald_cpu'])} |")
    return "\n".join(lines)


BEGIN, EINDE = "<!-- meet.py: begin -->", "<!-- meet.py: einde -->"


def schrijf_readme(readme: Path, opdracht: str, info: dict, tabel_: str, doelen: str) -> None:
    """Replace the measured block of benchmarks/README.md by this run's."""
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or EINDE not in text:
        raise SystemExit(f"{readme} mist {BEGIN} … {EINDE}")
    start = " ".join(f"{x:.1f}" for x in info["belasting_bij_start"])
    einde = " ".join(f"{x:.1f}" for x in info["belasting_bij_einde"])
    blok = (f"{BEGIN}\nGemeten met `{opdracht}` op commit {info['prestatie_commit']}: {info['kernen']} kernen "
            f"({info['cpu']}), {info['geheugen_gb']} GB, Python {info['python']}, {info['pandoc'] or 'geen pandoc'}; "
            f"belasting (1, 5, 15 min) {start} bij de start en {einde} aan het eind.\n\n"
            f"```text\n{tabel_}\n```\n\n{doelen}\n{EINDE}")
    head, rest = text.split(BEGIN, 1)
    readme.write_text(head + blok + rest.split(EINDE, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet de snelheid van prestatie naast pandoc.")
    parser.add_argument("--herhalingen", "-r", type=int, help="herhalingen van de kleine metingen (mediaan; standaard 3)")
    parser.add_argument("--herhalingen-groot", type=int, help="herhalingen bij 30× (standaard 3)")
    parser.add_argument("--schaal", type=int, help="aantal overeenkomsten van de middelste meting (standaard 30)")
    parser.add_argument("--nationaal", type=int, help="aantal overeenkomsten op nationale schaal (standaard 400; 0: overslaan)")
    parser.add_argument("--formaat", help="formaten van de corpusbuilds (standaard alle)")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="--jobs voor de corpusbuilds (standaard 2)")
    parser.add_argument("--limiet", type=float, help="breek een build af na zoveel seconden (standaard 150; --snel: 60)")
    parser.add_argument("--snel", action="store_true", help="snelle ronde: 1 herhaling, 10×, geen nationale schaal")
    parser.add_argument("--zaad", type=int, default=1, help="zaad van het corpus (standaard 1)")
    parser.add_argument("--werkmap", type=Path, default=None, help="map voor corpus en uitvoer (standaard: tijdelijk)")
    parser.add_argument("--uit", type=Path, default=Path(__file__).resolve().parent / "resultaten.json",
                        help="JSON-bestand met de uitkomsten (standaard benchmarks/resultaten.json)")
    parser.add_argument("--readme", action="store_true", help="vervang de gemeten tabel in benchmarks/README.md")
    args = parser.parse_args(argv)
    opdracht = "python benchmarks/meet.py " + " ".join(argv if argv is not None else sys.argv[1:])
    standaard = {"herhalingen": 1, "herhalingen_groot": 1, "schaal": 10, "nationaal": 0, "limiet": 60.0} if args.snel \
        else {"herhalingen": 3, "herhalingen_groot": 3, "schaal": 30, "nationaal": 400, "limiet": 150.0}
    for naam, waarde in standaard.items():
        if getattr(args, naam) is None:
            setattr(args, naam, waarde)

    werk = args.werkmap or Path(tempfile.mkdtemp(prefix="prestatie-meting-"))
    werk.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"werkmap: {werk}", file=sys.stderr)
    rij: dict[str, Regel] = {}
    r = args.herhalingen

    # 1. The example, as a user builds it (all cores): every format, Word and HTML, and pandoc.
    rij["alles"], voorbeeld_uit = bouw("voorbeeld: alle formaten", VOORBEELD, werk / "voorbeeld", r, None, args.limiet)
    rij["noop"] = noop("voorbeeld: no-op rebuild", VOORBEELD, voorbeeld_uit, r, None)
    rij["bewerkt"] = bewerkt("voorbeeld: één zin gewijzigd", werk, r)
    rij["word_html"], _ = bouw("voorbeeld: Word en HTML", VOORBEELD, werk / "voorbeeld-wh", r, None, args.limiet,
                               formaat="docx,html")
    pd = pandoc(voorbeeld_uit, werk, r)
    if pd is not None:
        rij["pandoc"] = pd

    # 2. The corpus: 1× as the base line, then 30× and 400× with --jobs; at the largest a
    # no-op and one edited sentence.
    schalen = [1, args.schaal] + ([args.nationaal] if args.nationaal else [])
    fm = args.formaat
    sjabloon = Sjabloon()
    for n in schalen:
        bron = werk / f"corpus-{n}" / "bron"
        t = time.perf_counter()
        maak_corpus(bron, n, zaad=args.zaad, sjabloon=sjabloon)
        print(f"corpus {n}×: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        herh = r if n == 1 else (args.herhalingen_groot if n == args.schaal else 1)
        rij[f"{n}×"], uit = bouw(f"{n}× corpus: build --jobs {args.jobs}", bron, werk / f"corpus-{n}", herh, args.jobs,
                                 args.limiet, formaat=fm)
        if not rij[f"{n}×"].afgebroken and n > 1:
            rij[f"{n}× noop"] = noop(f"{n}× corpus: no-op rebuild", bron, uit, r, args.jobs, fm)
            rij[f"{n}× bewerkt"] = bewerkt_corpus(f"{n}× corpus: één zin gewijzigd", bron, uit, r, args.jobs, fm)
        shutil.rmtree(uit, ignore_errors=True)

    # 3. Derived figures and the targets.
    def marginal(n: int, soort: str = "wand") -> float | None:
        base, big = rij.get("1×"), rij.get(f"{n}×")
        if not base or not big or big.afgebroken or not base.documenten or not big.documenten:
            return None
        return (getattr(big, soort) - getattr(base, soort)) / (big.documenten - base.documenten)

    def verhouding(a: str, b: str, soort: str) -> float | None:
        x, y = rij.get(a), rij.get(b)
        return getattr(x, soort) / getattr(y, soort) if x and y and getattr(y, soort) else None

    alles = rij["alles"]
    afgeleid: dict[str, float | None] = {
        "voorbeeld_ms_per_document": alles.wand / alles.documenten * 1000 if alles.documenten else None,
        "word_html_pandoc_wand": verhouding("word_html", "pandoc", "wand"),
        "word_html_pandoc_cpu": verhouding("word_html", "pandoc", "cpu"),
        "alles_pandoc_wand": verhouding("alles", "pandoc", "wand"),
        "alles_pandoc_cpu": verhouding("alles", "pandoc", "cpu"),
    }
    for n in schalen[1:]:
        for soort, sleutel in (("wand", "marginaal_ms_per_document"), ("cpu", "marginaal_cpu_ms_per_document")):
            m = marginal(n, soort)
            afgeleid[f"{sleutel}_{n}x"] = m * 1000 if m is not None else None
    if args.nationaal:
        for soort, sleutel in (("wand", "marginaal_ms_per_document"), ("cpu", "marginaal_cpu_ms_per_document")):
            a, b = afgeleid.get(f"{sleutel}_{args.nationaal}x"), afgeleid.get(f"{sleutel}_{args.schaal}x")
            afgeleid[f"vlak_{soort}"] = a / b if a is not None and b else None
    doelen = doelen_van(rij, afgeleid, args.schaal, args.nationaal, args.formaat)
    info["belasting_bij_einde"] = os.getloadavg()

    tabel_ = tabel(list(rij.values()))
    print()
    print(f"machine: {info['kernen']} kernen, {info['cpu']}, Python {info['python']}, {info['pandoc'] or 'geen pandoc'}, "
          f"belasting {' '.join(f'{x:.1f}' for x in info['belasting_bij_start'])} → "
          f"{' '.join(f'{x:.1f}' for x in info['belasting_bij_einde'])}")
    print()
    print(tabel_)
    print()
    for k, v in afgeleid.items():
        print(f"{k}: {'–' if v is None else f'{v:.2f}'}")
    print()
    print(doelentabel(doelen))

    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(
        json.dumps(
            {
                "machine": info,
                "opdracht": opdracht,
                "opties": {k: (shown(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                "metingen": [x.als_dict() for x in rij.values()],
                "afgeleid": afgeleid,
                "doelen": doelen,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\ngeschreven: {args.uit}", file=sys.stderr)
    if args.readme:
        schrijf_readme(Path(__file__).resolve().parent / "README.md", opdracht, info, tabel_, doelentabel(doelen))
    if args.werkmap is None:
        shutil.rmtree(werk, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
