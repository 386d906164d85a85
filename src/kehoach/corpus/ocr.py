"""OCR with Tesseract (`vie`) for scanned PDF pages and images.

Why each Tesseract runs single-threaded: its own OpenMP threading makes one
200-dpi page take 11.6 s on two cores against 1.3 s with
OMP_THREAD_LIMIT=1 (measured here), so pages are spread over parallel
single-threaded processes instead. A scanned page's own image goes through
`scanprep.prepare` (coloured ink out, skew corrected, low resolution raised)
in the same worker, and a page that needs none of it reaches Tesseract as it
is; pages are only rendered when there is no single page image. What was
done to each page is kept on it (`Page.prep`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.layout import Line, join_lines
from kehoach.errors import KehoachError
from kehoach.model import Document, Table

RENDER_DPI = 300


def tesseract_path(path: str) -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise KehoachError("ocr_unavailable", path, detail="no tesseract on PATH")
    return exe


def run_tesseract(path: str, image: bytes, *, lang: str = "vie", dpi: int | None = None) -> tuple[list[dict], float | None]:
    """One image through Tesseract: its lines (text, bbox) and the mean word confidence."""
    exe = tesseract_path(path)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    resolution = ["--dpi", str(dpi)] if dpi else []
    proc = subprocess.run([exe, "stdin", "stdout", "-l", lang, *resolution, "tsv"], input=image, capture_output=True,
                          env=env)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"tesseract exited {proc.returncode}"
        if "Failed loading language" in proc.stderr.decode("utf-8", "replace"):
            raise KehoachError("ocr_unavailable", path, detail=f"Tesseract has no '{lang}' data") from None
        raise KehoachError("corrupt", path, detail=f"OCR failed: {detail}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def ocr_image(path: str, image: bytes, dpi: float | None = None) -> tuple[list[dict], float | None, list[str], int, list[list[list[str]]]]:
    """One page image prepared (`scanprep.prepare`) and read: its lines, the mean word confidence, the
    preparation steps done, the height in pixels of the image Tesseract read (for its margins), and its
    ruled tables (`scantables`), whose words are taken out of the lines and given as rows of cells."""
    from kehoach.corpus.scanprep import prepare
    from kehoach.corpus.scantables import find_grids

    prepared = prepare(image, dpi=dpi)
    lines, conf = run_tesseract(path, prepared.image, dpi=prepared.dpi)
    grids = find_grids(prepared.gray, prepared.dpi, prepared.slope)
    lines, tables = _take_tables(lines, grids)
    return lines, conf, prepared.steps, prepared.height, tables


def _take_tables(lines: list[dict], grids: list) -> tuple[list[dict], list[list[list[str]]]]:
    """The lines outside the page's ruled tables, and each table's rows, from the words inside it."""
    from kehoach.corpus.scantables import fill

    if not grids:
        return lines, []
    inside: list[list] = [[] for _ in grids]
    kept = []
    for line in lines:
        words = line.get("words", [])
        homes = [next((k for k, g in enumerate(grids) if g.cell((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)), None)
                 for _, b in words]
        if words and sum(h is not None for h in homes) * 2 >= len(words):
            for word, home in zip(words, homes):
                if home is not None:
                    inside[home].append(word)
        else:
            kept.append(line)
    return kept, [_TableRows(rows, g.ys[0]) for g, ws in zip(grids, inside) if len(rows := fill(g, ws)) >= 2]


class _TableRows(list):
    """A table's rows (lists of cell strings), with the y of its top rule: pdf.py reads them where they stand."""

    def __init__(self, rows, top: float):
        super().__init__(rows)
        self.top = top


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
    ordered = [_line(_specks(lines[k])) for k in sorted(lines) if _specks(lines[k])]
    return unfold_columns(ordered, page_width or max((ln["bbox"][2] for ln in ordered), default=1)), (
        sum(confs) / len(confs) if confs else None)


# a speck read as punctuation before a heading's number: ".9. Công an tỉnh"
_STRAY_BEFORE_NUMBER = re.compile(r"^[.,:;'‘’`·_-]+(?=\d{1,2}(?:\.\d{1,2})*[.)]\s)")
# a speck read as a letter no Vietnamese word has, glued to an item's letter or number: "øg) UBND các xã"
_FOREIGN_BEFORE_MARKER = re.compile(r"^[øØßæÆœŒþÞðµ¢£¥§¤©®°±¶¿¡«»¬¦]+(?=(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s)")
# a dot read as a colon or comma inside a heading's number: "1:2. Sở Nội vụ"
_BROKEN_NUMBER = re.compile(r"^(\d{1,2})[:;,](\d{1,2}\.\s)")


_BULLETS = frozenset("-+•–—*·")


def _specks(words: list[tuple[str, tuple[int, int, int, int]]]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A line's words without the specks at its ends: words with no letter or digit (">`~-.", "¡", "(¿")
    that a seal's or a signature's remains make; a bullet ("-") or a closing "./." kept."""
    def speck(word: str) -> bool:  # "ˆ" is a modifier letter to Python, no letter of a word
        return not any(unicodedata.category(c) in ("Lu", "Ll", "Nd") for c in word) and word not in _BULLETS

    start, end = 0, len(words)
    while start < end and speck(words[start][0]):
        start += 1
    while end > start and speck(words[end - 1][0]) and not re.fullmatch(r"[./;:,)]+", words[end - 1][0]):
        end -= 1
    return words[start:end]


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
        text = _STRAY_BEFORE_NUMBER.sub("", " ".join(_fix_case([w for w, _ in group])))
        text = _BROKEN_NUMBER.sub(r"\1.\2", _FOREIGN_BEFORE_MARKER.sub("", text))
        return {"text": text, "bold": False, "size": height, "words": group,
                "bbox": (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))}

    line = merge(words)
    if len(parts) > 1:
        line["parts"] = [merge(p) for p in parts]
    return line


def _workers() -> int:
    return max(1, os.cpu_count() or 1)


def page_image(pdf, index: int) -> bytes:
    """The page's own scan when it is one full-page image, else a rendering."""
    return _page_image(pdf, index)[0]


def _page_image(pdf, index: int) -> tuple[bytes, float]:
    """The page's image and its resolution: the scan's pixels over the page's width, or the rendering's."""
    page = pdf[index]
    images = page.get_images(full=True)
    if len(images) == 1:
        xref = images[0][0]
        info = pdf.extract_image(xref)
        if info and info.get("ext") in ("png", "jpeg", "jpg", "tiff"):
            return info["image"], info["width"] / max(1.0, page.rect.width / 72)
    return page.get_pixmap(dpi=RENDER_DPI, colorspace="gray").tobytes("png"), RENDER_DPI


def ocr_pdf_pages(path: str, pdf, indexes: list[int]) -> dict[int, tuple[list[dict], float | None, list[str], int]]:
    """OCR the given pages (0-based) in parallel: per page its visual lines, the mean word confidence, the
    preparation steps done and the image's height in pixels."""
    tesseract_path(path)
    return _ocr_pages(path, {i: _page_image(pdf, i) for i in indexes})


def _ocr_pages(path: str, images: dict[int, tuple[bytes, float | None]]) -> dict[int, tuple[list[dict], float | None, list[str], int]]:
    """Each page image prepared and through Tesseract: on this machine's cores, or, when this runs as a task
    on a Dask cluster (`kehoach ingest --cluster`), one cluster task a page, so that a long scan's pages spread
    over every worker instead of one machine's cores."""
    client = _cluster_client() if len(images) > 1 else None
    if client is not None:
        with client as c:  # the file's task steps aside while its pages run, so its worker can take them too
            futures = {i: c.submit(ocr_image, path, image, dpi, pure=False) for i, (image, dpi) in images.items()}
            return {i: f.result() for i, f in futures.items()}
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        return dict(zip(images, pool.map(lambda i: ocr_image(path, *images[i]), images)))


def ocr_margins(results: dict[int, tuple[list[dict], float | None, list[str], int]]) -> dict[int, tuple[float, float]]:
    """The text block's edges over all OCR'd pages of one size, for each of those pages.

    A page with few lines (the signature's) cannot tell its own margins: its
    title lines would seem to reach the right one and run into the name.
    Pages of another size (another resolution) keep their own.
    """
    from collections import Counter

    from kehoach.corpus.layout import margins

    sizes = Counter(r[3] for r in results.values())
    common = sizes.most_common(1)[0][0] if sizes else None
    same = [i for i, r in results.items() if r[3] == common]
    if len(same) < 2:
        return {}
    edges = margins([ln for i in same for ln in results[i][0]])
    return {i: edges for i in same}


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
    from kehoach.corpus.layout import drop_running, lines_to_paragraph_lines, page_spans, running_shapes
    from kehoach.corpus.text import paragraphs_to_document

    if options.ocr == "never":
        raise KehoachError("no_text", path, detail="an image has text only through OCR, and --ocr never was given")
    frames = _frames(path, data)
    results = _ocr_pages(path, {i: (frame, None) for i, frame in enumerate(frames)})
    running = running_shapes([r[0] for r in results.values()], [r[3] for r in results.values()])
    edges = ocr_margins(results)
    lines: list[Line] = []
    confidences, preps = {}, {}
    tables = []
    for i, (page_lines, conf, steps, height, page_tables) in sorted(results.items()):
        lines.extend(lines_to_paragraph_lines(drop_running(page_lines, height, running), page=i + 1, edges=edges.get(i)))
        for rows in page_tables:
            tables.append(Table(rows=rows, page=i + 1))
            lines.extend(Line("\t".join(row), page=i + 1) for row in rows)
        confidences[i + 1] = conf
        preps[i + 1] = steps
    paragraphs = join_lines(lines, wrapped=False)
    doc = paragraphs_to_document(paragraphs, source=path, id=content_hash(data), format="image-ocr",
                                 raw_text="\n".join(ln.text for ln in lines))
    doc.pages = page_spans(doc.text, paragraphs, len(frames), [True] * len(frames), confidences, preps)
    doc.tables = tables
    return doc


def _frames(path: str, data: bytes) -> list[bytes]:
    """Each frame of an image file as PNG bytes, in colour where it has colour (a TIFF may hold many pages)."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for n in range(getattr(img, "n_frames", 1)):
            img.seek(n)
            buf = io.BytesIO()
            tag = {"dpi": img.info["dpi"]} if img.info.get("dpi") else {}
            img.convert("RGB" if img.mode in ("RGB", "RGBA", "P", "CMYK", "YCbCr") else "L").save(buf, format="PNG", **tag)
            frames.append(buf.getvalue())
        return frames
    except (UnidentifiedImageError, OSError) as exc:
        raise KehoachError("corrupt", path, detail=f"unreadable image: {exc}") from None
