"""Time and peak memory of adding hostile files to the store, each in a fresh process.

    .venv/bin/python benchmarks/hostile_files.py [--gib 1]

Builds (with tests/documents.py) a Word document whose main part holds a 1 GiB XML comment
(~1 MB on disk), a billion-laughs Word document, a PDF whose content stream inflates to 1 GiB,
an HTML page of 100,000 nested elements, 5 MB of HTML paragraphs (the file size limit; the slowest
HTML found), and a valid Word document and PDF for comparison; adds
each with ``Store.add_bytes`` in its own process and prints the outcome (or the exception), the seconds the add took
and the process's peak RSS (its baseline after imports alongside). No limits are asserted: this
is for reading against the limits in briefing/config.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from documents import billion_laughs_docx, docx_with_comment, docx_with_paragraphs, flate_bomb_pdf, pdf_with_lines  # noqa: E402

PROSE = ["Commerce Secretary Gina Raimondo met Chinese officials in Beijing on Tuesday to discuss export controls.",
         "The two sides agreed to set up a working group on commercial issues, officials said."]

ADD_ONE = """
import json, resource, sys, time
from briefing.storage import Store
name, path, db = sys.argv[1:4]
store = Store(db)
data = open(path, "rb").read()
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    outcome = store.add_bytes(name, data)
    status, message = outcome.status, outcome.message
except Exception as error:  # the add itself crashed: what the limits are there to prevent
    status, message = "CRASHED", f"{type(error).__name__}: {error}"
seconds = time.perf_counter() - start
print(json.dumps({"status": status, "message": message, "seconds": seconds,
                  "baseline_mb": baseline / 1024, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def hostile_files(gib: float) -> dict[str, bytes]:
    size = int(gib * (1 << 30))
    return {
        "valid.docx": docx_with_paragraphs(PROSE),
        "valid.pdf": pdf_with_lines(PROSE),
        f"comment-{gib:g}GiB.docx": docx_with_comment(PROSE, size),
        "billion-laughs.docx": billion_laughs_docx(PROSE),
        f"flate-{gib:g}GiB.pdf": flate_bomb_pdf(size, PROSE),
        "nested-100k.html": ("<html><body>" + "<div>" * 100_000 + "<p>" + " ".join(PROSE) + "</p>"
                             + "</div>" * 100_000 + "</body></html>").encode(),
        "paragraphs-5MB.html": html_of_paragraphs(5 * 1024 * 1024),
    }


def html_of_paragraphs(size: int) -> bytes:
    """An article page of distinct paragraphs filling ``size`` bytes."""
    paragraphs, length, number = [], 0, 0
    while length < size - 100:
        paragraphs.append(f"<p>{PROSE[number % 2]} (paragraph {number})</p>")
        length += len(paragraphs[-1])
        number += 1
    return ("<html><body><article>" + "".join(paragraphs[:-1]) + "</article></body></html>").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=1.0, help="inflated size of the two bombs, in GiB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':<24} {'size':>10} {'add s':>7} {'peak MB':>8} {'base MB':>8}  outcome")
        for name, data in hostile_files(args.gib).items():
            path = Path(folder) / name
            path.write_bytes(data)
            run = subprocess.run([sys.executable, "-c", ADD_ONE, name, str(path), str(Path(folder) / f"{name}.db")],
                                 cwd=ROOT, capture_output=True, text=True)
            if run.returncode:  # killed, or out of memory
                print(f"{name:<24} {len(data):>10,} process failed: {run.stderr.strip()[-200:]}")
                continue
            result = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"{name:<24} {len(data):>10,} {result['seconds']:>7.2f} {result['peak_mb']:>8.0f} "
                  f"{result['baseline_mb']:>8.0f}  {result['status']}: {result['message'][:90]}")


if __name__ == "__main__":
    main()
