"""What a PDF costs per document, and three ways to make one side by side.

    python benchmarks/pdf.py                  # 5 repeats, writes benchmarks/pdf-resultaten.json
    python benchmarks/pdf.py -r 3 --uit /tmp/pdf.json

For each document of the example (template rendered and parsed once, beforehand):

- **typst**: prestatie's PDF writer (the tree → Typst → PDF/A-2a + PDF/UA-1), each document in a
  fresh process (after one tiny warm-up compile), because Typst memoises layout within a
  process: a repeat in the same process costs a fraction (also reported, as "typst-warm");
- **weasyprint**: the HTML writer's page → PDF/A-2u by WeasyPrint (print CSS), in process,
  when WeasyPrint is installed (it is not a dependency of prestatie);
- **libreoffice**: the Word writer's .docx → tagged PDF/A-2 by ``soffice --convert-to``, one
  process per document as a build would have to start it.

The medians are wall-clock milliseconds per document; also the page count and size of each
result and what the result claims (pdfaid part and conformance, tagged or not, fonts embedded).
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prestatie.core.errors import Rapport  # noqa: E402
from prestatie.core.version import bouwinfo  # noqa: E402
from prestatie.load import load_folder  # noqa: E402
from prestatie.parse import parse  # noqa: E402
from prestatie.pipeline import GENERATOR, Bouw, Werkmap  # noqa: E402
from prestatie.plan import plan  # noqa: E402
from prestatie.render.document import document_info  # noqa: E402
from prestatie.render.grafieken import teken_grafieken  # noqa: E402

ET_LEEG = parse("Warm.\n")
VOORBEELD = ROOT / "bron" / "beverwijk-heemskerk-2022-2025"
LO_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)


def claims(data: bytes) -> dict:
    """What a PDF says about itself: PDF/A part and conformance, tagged, fonts embedded, pages."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        fonts, embedded = 0, 0
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts += 1
                descendants = font.get("/DescendantFonts")
                desc = (descendants[0] if descendants else font).get("/FontDescriptor")
                if desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded += 1
        return {
            "pdfa": f"{meta.get('pdfaid:part', '-')}{meta.get('pdfaid:conformance', '').lower()}",
            "pdfua": meta.get("pdfuaid:part", "-"),
            "getagd": "/StructTreeRoot" in pdf.Root,
            "taal": str(pdf.Root.get("/Lang", "")),
            "lettertypen_ingebed": f"{embedded}/{fonts}",
            "paginas": len(pdf.pages),
            "kb": round(len(data) / 1024),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-r", "--herhalingen", type=int, default=5)
    ap.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "pdf-resultaten.json")
    ap.add_argument("--een", help=argparse.SUPPRESS)  # internal: one cold Typst measurement
    args = ap.parse_args()

    werkmap = Werkmap.find(VOORBEELD)
    bouw = Bouw(werkmap, bouwinfo(werkmap.bron), GENERATOR)
    dossier = load_folder(VOORBEELD, Rapport())
    rendered = []
    for doc in plan(dossier, bouw.info):
        _, tree = bouw.boom(dossier, doc)
        charts = teken_grafieken(doc.grafieken()) if doc.grafieken else {}
        rendered.append((doc, tree, document_info(doc, dossier, bouw.info, GENERATOR, charts)))

    results: dict[str, dict] = {}

    def measure(engine: str, name: str, make) -> None:
        times, data = [], b""
        for _ in range(args.herhalingen):
            start = time.perf_counter()
            data = make()
            times.append((time.perf_counter() - start) * 1000)
        results.setdefault(engine, {})[name] = {"ms": round(statistics.median(times), 1), **claims(data)}

    pdf_writer = bouw.writer("pdf")
    html_writer = bouw.writer("html")
    docx_writer = bouw.writer("docx")
    if args.een:
        doc, tree, dinfo = next(r for r in rendered if r[0].naam == args.een)
        pdf_writer.write(ET_LEEG, dinfo)  # fonts and the house style loaded once
        start = time.perf_counter()
        pdf_writer.write(tree, dinfo)
        print((time.perf_counter() - start) * 1000)
        return
    for doc, tree, dinfo in rendered:
        times = []
        for _ in range(args.herhalingen):
            out = subprocess.run([sys.executable, __file__, "--een", doc.naam], capture_output=True, text=True,
                                 check=True)
            times.append(float(out.stdout.strip()))
        results.setdefault("typst", {})[doc.naam] = {"ms": round(statistics.median(times), 1),
                                                     **claims(pdf_writer.write(tree, dinfo))}
        measure("typst-warm", doc.naam, lambda: pdf_writer.write(tree, dinfo))

    try:
        import weasyprint
    except ImportError:
        weasyprint = None
    if weasyprint is not None:
        for doc, tree, dinfo in rendered:
            html = html_writer.write(tree, dinfo)
            measure("weasyprint", doc.naam,
                    lambda: weasyprint.HTML(string=html.decode(), base_url=str(VOORBEELD)).write_pdf(
                        pdf_variant="pdf/a-2u", pdf_identifier=b"prestatie"))

    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            for doc, tree, dinfo in rendered:
                src = Path(tmp) / f"{doc.naam}.docx"
                src.write_bytes(docx_writer.write(tree, dinfo))

                def convert() -> bytes:
                    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless",
                                    "--convert-to", LO_FILTER, "--outdir", tmp, str(src)],
                                   check=True, capture_output=True)
                    return (Path(tmp) / f"{doc.naam}.pdf").read_bytes()

                measure("libreoffice", doc.naam, convert)

    summary = {}
    for engine, per_doc in results.items():
        ms = [r["ms"] for r in per_doc.values()]
        summary[engine] = {"mediaan_ms_per_document": round(statistics.median(ms), 1),
                           "totaal_ms": round(sum(ms), 1)}
    out = {"herhalingen": args.herhalingen, "samenvatting": summary, "documenten": results}
    args.uit.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{'motor':<12} {'document':<16} {'ms':>8} {'pag.':>5} {'kB':>6}  PDF/A  UA  getagd  ingebed")
    for engine, per_doc in results.items():
        for name, r in per_doc.items():
            print(f"{engine:<12} {name:<16} {r['ms']:>8.1f} {r['paginas']:>5} {r['kb']:>6}  "
                  f"{r['pdfa']:<5}  {r['pdfua']:<2}  {'ja' if r['getagd'] else 'nee':<6}  {r['lettertypen_ingebed']}")
    for engine, s in summary.items():
        print(f"{engine}: mediaan {s['mediaan_ms_per_document']} ms per document")


if __name__ == "__main__":
    main()
