"""OCR with Tesseract (`vie`) for scanned PDF pages and images.

Why each Tesseract runs single-threaded: its own OpenMP threading makes one
200-dpi page take 11.6 s on two cores against 1.3 s with
OMP_THREAD_LIMIT=1 (measured here), so pages are spread over parallel
single-threaded processes instead. A scanned page's own image is handed to
Tesseract as it is (no resampling), so kehoach reads what bare Tesseract
reads; pages are only rendered when there is no single page image.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.layout import Line, join_lines
from kehoach.errors import KehoachError
from kehoach.model import Document

RENDER_DPI = 300


def tesseract_path(path: str) -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise KehoachError("ocr_unavailable", path, detail="no tesseract on PATH")
    return exe


def run_tesseract(path: str, image: bytes, *, lang: str = "vie") -> tuple[list[dict], float | None]:
    """One image through Tesseract: its lines (text, bbox) and the mean word confidence."""
    exe = tesseract_path(path)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run([exe, "stdin", "stdout", "-l", lang, "tsv"], input=image, capture_output=True, env=env)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"tesseract exited {proc.returncode}"
        if "Failed loading language" in proc.stderr.decode("utf-8", "replace"):
            raise KehoachError("ocr_unavailable", path, detail=f"Tesseract has no '{lang}' data") from None
        raise KehoachError("corrupt", path, detail=f"OCR failed: {detail}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def _fix_case(words: list[str]) -> list[str]:
    """Lower-case short all-caps words Tesseract invents mid-sentence ("cơ SỞ", "một SỐ").

    Only words with a Vietnamese letter and lower-case neighbours: "UBND",
    "HĐND" and real capitals at a sentence start are left alone.
    """
    out = list(words)
    for i in range(1, len(words) - 1):
        w = words[i].strip(",.;:")
        if 1 < len(w) <= 3 and w.isupper() and not w.isascii() and words[i - 1][:1].islower() and words[i + 1][:1].islower():
            out[i] = words[i].lower()
    return out


def parse_tsv(tsv: str) -> tuple[list[dict], float | None]:
    """Tesseract's TSV as lines (text, bbox, size; `parts` where a wide gap cuts a line in two columns)."""
    from kehoach.corpus.layout import unfold_columns

    lines: dict[tuple, list[tuple[str, tuple[int, int, int, int]]]] = {}
    confs = []
    page_width = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        if cols[0] == "1":
            page_width = int(cols[8])
        if cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        conf = float(cols[10])
        if conf >= 0:
            confs.append(conf)
        left, top, width, height = map(int, cols[6:10])
        lines.setdefault((int(cols[2]), int(cols[3]), int(cols[4])), []).append((word, (left, top, left + width, top + height)))
    # Tesseract numbers blocks, paragraphs and lines in reading order: keep that order.
    ordered = [_line(lines[k]) for k in sorted(lines)]
    return unfold_columns(ordered, page_width or max((ln["bbox"][2] for ln in ordered), default=1)), (
        sum(confs) / len(confs) if confs else None)


# a speck read as punctuation before a heading's number: ".9. Công an tỉnh"
_STRAY_BEFORE_NUMBER = re.compile(r"^[.,:;'‘’`·_-]+(?=\d{1,2}(?:\.\d{1,2})*[.)]\s)")
# a dot read as a colon or comma inside a heading's number: "1:2. Sở Nội vụ"
_BROKEN_NUMBER = re.compile(r"^(\d{1,2})[:;,](\d{1,2}\.\s)")


def _line(words: list[tuple[str, tuple[int, int, int, int]]]) -> dict:
    """One OCR line; cut into parts where the gap between two words is several line heights wide."""
    height = max(1, sorted(b[3] - b[1] for _, b in words)[len(words) // 2])
    parts = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if word[1][0] - prev[1][2] > 2.5 * height:
            parts.append([word])
        else:
            parts[-1].append(word)

    def merge(group):
        boxes = [b for _, b in group]
        text = _BROKEN_NUMBER.sub(r"\1.\2", _STRAY_BEFORE_NUMBER.sub("", " ".join(_fix_case([w for w, _ in group]))))
        return {"text": text, "bold": False, "size": height,
                "bbox": (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))}

    line = merge(words)
    if len(parts) > 1:
        line["parts"] = [merge(p) for p in parts]
    return line


def _workers() -> int:
    return max(1, os.cpu_count() or 1)


def page_image(pdf, index: int) -> bytes:
    """The page's own scan when it is one full-page image, else a rendering."""
    page = pdf[index]
    images = page.get_images(full=True)
    if len(images) == 1:
        xref = images[0][0]
        info = pdf.extract_image(xref)
        if info and info.get("ext") in ("png", "jpeg", "jpg", "tiff", "jpx") and info.get("ext") != "jpx":
            return info["image"]
    return page.get_pixmap(dpi=RENDER_DPI, colorspace="gray").tobytes("png")


def ocr_pdf_pages(path: str, pdf, indexes: list[int]) -> dict[int, tuple[list[Line], float | None]]:
    """OCR the given pages (0-based) in parallel; logical lines and confidence per page."""
    from kehoach.corpus.layout import lines_to_paragraph_lines

    tesseract_path(path)
    images = {i: page_image(pdf, i) for i in indexes}
    results = _ocr_pages(path, images)
    return {i: (lines_to_paragraph_lines(lines, page=i + 1), conf) for i, (lines, conf) in results.items()}


def _ocr_pages(path: str, images: dict[int, bytes]) -> dict[int, tuple[list[dict], float | None]]:
    """Each page image through Tesseract: on this machine's cores, or, when this runs as a task on a Dask
    cluster (`kehoach ingest --cluster`), one cluster task a page, so that a long scan's pages spread over every
    worker instead of one machine's cores."""
    client = _cluster_client() if len(images) > 1 else None
    if client is not None:
        with client as c:  # the file's task steps aside while its pages run, so its worker can take them too
            futures = {i: c.submit(run_tesseract, path, image, pure=False) for i, image in images.items()}
            return {i: f.result() for i, f in futures.items()}
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        return dict(zip(images, pool.map(lambda i: run_tesseract(path, images[i]), images)))


def _cluster_client():
    """A client for the Dask cluster this code runs on as a task, else None (no Dask, or not on a worker)."""
    try:
        from distributed import get_worker, worker_client
    except ImportError:
        return None
    try:
        get_worker()
    except ValueError:
        return None
    return worker_client()


@register("image")
def read_image(path: str, data: bytes, options: ReadOptions) -> Document:
    """PNG, JPEG or TIFF: one OCR'd page per frame."""
    from kehoach.corpus.layout import lines_to_paragraph_lines, page_spans
    from kehoach.corpus.text import paragraphs_to_document

    if options.ocr == "never":
        raise KehoachError("no_text", path, detail="an image has text only through OCR, and --ocr never was given")
    frames = _frames(path, data)
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        results = list(pool.map(lambda f: run_tesseract(path, f), frames))
    lines: list[Line] = []
    confidences = {}
    for i, (page_lines, conf) in enumerate(results):
        lines.extend(lines_to_paragraph_lines(page_lines, page=i + 1))
        confidences[i + 1] = conf
    paragraphs = join_lines(lines, wrapped=False)
    doc = paragraphs_to_document(paragraphs, source=path, id=content_hash(data), format="image-ocr",
                                 raw_text="\n".join(ln.text for ln in lines))
    doc.pages = page_spans(doc.text, paragraphs, len(frames), [True] * len(frames), confidences)
    return doc


def _frames(path: str, data: bytes) -> list[bytes]:
    """Each frame of an image file as PNG bytes (a TIFF may hold many pages)."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for n in range(getattr(img, "n_frames", 1)):
            img.seek(n)
            buf = io.BytesIO()
            img.convert("L").save(buf, format="PNG")
            frames.append(buf.getvalue())
        return frames
    except (UnidentifiedImageError, OSError) as exc:
        raise KehoachError("corrupt", path, detail=f"unreadable image: {exc}") from None
