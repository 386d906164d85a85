"""Reading speed: digital PDFs against raw pymupdf, OCR against bare Tesseract.

    .venv/bin/python benchmarks/read.py [DIR]       # DIR: field scans (scripts/make_corpus.py --field-scans DIR)

Digital: pages per second of `kehoach.corpus.read` on the corpus PDFs, beside
`page.get_text()` on the same files (the overhead ratio must stay within 3×).
OCR: pages per second of reading the scanned PDFs, beside the bare
`tesseract IMAGE stdout -l vie` command on the same page images, run the same
way (single-threaded, pages in parallel on all cores): within 1.2× on clean
scans; on field scans (DIR/*.field.pdf: 150-dpi colour, sealed, skewed), where
kehoach prepares each page first (ink out, deskew, upscale), within 1.5×.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(field: str | None = None) -> None:
    import pymupdf

    from kehoach.corpus import read

    digital = sorted(p for p in (ROOT / "corpus").glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    scans = sorted((ROOT / "corpus").glob("*.scan.pdf"))
    pages = sum(pymupdf.open(p).page_count for p in digital)
    start = time.perf_counter()
    for _ in range(3):
        for p in digital:
            for page in pymupdf.open(p):
                page.get_text()
    raw = (time.perf_counter() - start) / 3
    start = time.perf_counter()
    for _ in range(3):
        for p in digital:
            read(p)
    ours = (time.perf_counter() - start) / 3
    print(f"digital PDF: {pages} pages; raw pymupdf {pages / raw:.0f} pages/s; kehoach {pages / ours:.1f} pages/s; "
          f"overhead {ours / raw:.1f}×")

    ocr_speed(scans, "200-dpi scans")
    if field:
        ocr_speed(sorted(Path(field).glob("*.field.pdf")), "field scans")


def ocr_speed(scans: list[Path], label: str) -> None:
    """Bare Tesseract on the scans' page images against `read` of the same scans, both over all cores."""
    import pymupdf

    from kehoach.corpus import read
    from kehoach.corpus.ocr import page_image

    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for p in scans:
            pdf = pymupdf.open(p)
            for i in range(pdf.page_count):
                path = Path(tmp) / f"{p.stem}-{i}.jpg"
                path.write_bytes(page_image(pdf, i))
                images.append(path)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(lambda im: subprocess.run(["tesseract", str(im), "stdout", "-l", "vie"], env=env,
                                                    capture_output=True, check=True), images))
        bare = time.perf_counter() - start
        start = time.perf_counter()
        for p in scans:
            read(p)
        ocr = time.perf_counter() - start
    n = len(images)
    print(f"OCR, {label}: {n} pages; bare tesseract {n / bare:.2f} pages/s; kehoach {n / ocr:.2f} pages/s; "
          f"overhead {ocr / bare:.2f}×")

if __name__ == "__main__":
    main(*sys.argv[1:])
