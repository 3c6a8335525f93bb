"""How `prestatie serve` holds up under many clients at once: 200 parallel requests on loopback.

Starts `prestatie serve --poort 0` as its own process on a copy of the example, waits for the
first build, opens a number of idle, half-sent connections (as a stalled or hostile client
leaves them), and then lets 200 clients ask for a document at the same moment, several rounds.
Prints per round the slowest and the median answer and the number of failures, and writes
everything to benchmarks/voorbeeld-last.json. Only 127.0.0.1; bounded in time (every socket
has a time-out, the whole run stops after --limiet seconds).

    python benchmarks/voorbeeld_last.py [--clients 200] [--rondes 3] [--half 50]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "bron" / "beverwijk-heemskerk-2022-2025"


def fetch(port: int, path: str, barrier: threading.Barrier, out: list, i: int) -> None:
    try:
        barrier.wait(timeout=60)
    except threading.BrokenBarrierError:
        pass
    start = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        ok = data.startswith(b"HTTP/1.1 200") and data.rstrip().endswith(b"</html>")
        out[i] = (time.perf_counter() - start, ok)
    except OSError:
        out[i] = (time.perf_counter() - start, False)


def ronde(port: int, path: str, clients: int) -> dict:
    out: list = [None] * clients
    barrier = threading.Barrier(clients)
    threads = [threading.Thread(target=fetch, args=(port, path, barrier, out, i), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    times = [o[0] for o in out if o]
    return {"clients": clients, "mislukt": sum(1 for o in out if not o or not o[1]),
            "max_s": round(max(times), 3), "mediaan_s": round(statistics.median(times), 3),
            "p95_s": round(sorted(times)[int(len(times) * 0.95) - 1], 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--rondes", type=int, default=3)
    ap.add_argument("--half", type=int, default=50, help="idle, half-sent connections held open meanwhile")
    ap.add_argument("--limiet", type=float, default=600)
    ap.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "voorbeeld-last.json")
    args = ap.parse_args()
    signal.alarm(int(args.limiet))
    with tempfile.TemporaryDirectory(prefix="prestatie-last-") as tmp:
        project = Path(tmp)
        shutil.copytree(EXAMPLE, project / "bron" / EXAMPLE.name)
        proc = subprocess.Popen([sys.executable, "-m", "prestatie", "serve", "--poort", "0"], cwd=project,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            port = int(re.search(r":(\d+)/", proc.stderr.readline()).group(1))
            path = f"/{EXAMPLE.name}/overeenkomst.html"
            while True:  # the first build
                probe = ronde(port, path, 1)
                if not probe["mislukt"]:
                    break
                time.sleep(0.5)
            half = []
            for _ in range(args.half):
                s = socket.create_connection(("127.0.0.1", port), timeout=60)
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0".encode())
                half.append(s)
            rondes = [ronde(port, path, args.clients) for _ in range(args.rondes)]
            # the half-sent connections: closed by the server after its idle time-out?
            gesloten = 0
            for s in half:
                s.settimeout(30)
                try:
                    gesloten += s.recv(1) == b""
                except OSError:
                    pass
                s.close()
        finally:
            proc.send_signal(signal.SIGINT)
            rest = proc.communicate(timeout=60)[1]
    result = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load": os.getloadavg()}, "pagina": path, "half_open": args.half,
              "half_open_door_server_gesloten": gesloten, "rondes": rondes,
              "traceback_in_uitvoer": "Traceback" in rest}
    for r in rondes:
        print(f"{r['clients']} tegelijk: traagste {r['max_s']:.2f} s, p95 {r['p95_s']:.2f} s, "
              f"mediaan {r['mediaan_s']:.2f} s, mislukt {r['mislukt']}")
    print(f"{gesloten} van {args.half} half verzonden verbindingen door de server gesloten; "
          f"traceback in de uitvoer: {'ja' if result['traceback_in_uitvoer'] else 'nee'}")
    args.uit.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
