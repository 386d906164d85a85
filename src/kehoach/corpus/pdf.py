"""Reader for PDF: the text layer through pymupdf, OCR for pages without one.

Paragraphs are rebuilt from geometry, not from characters: a printed line
that reaches the right margin goes on into the next line unless that line
opens a bullet or a number; a short line ends its paragraph. Lines repeated
at the top or bottom of most pages (running headers, footers) and lone page
numbers are dropped. Tables found by `page.find_tables()` are kept both in
the text (one row a line, cells tab-separated) and as `Document.tables`.
"""

from __future__ import annotations

import re
from collections import Counter

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.layout import Line, is_page_number, join_lines, opens_paragraph
from kehoach.corpus.text import paragraphs_to_document
from kehoach.errors import KehoachError
from kehoach.model import Document, Page, Table

MIN_TEXT_CHARS = 40  # fewer characters than this on a page with images: a scan, OCR it
_TERMINAL = re.compile(r"[.:;!?…]\W*$")


def _open(path: str, data: bytes):
    import pymupdf

    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError and RuntimeError
        raise KehoachError("corrupt", path, detail=str(exc).split("\n")[0][:120]) from None
    if pdf.needs_pass:
        raise KehoachError("encrypted", path)
    if pdf.page_count == 0:
        raise KehoachError("corrupt", path, detail="the PDF has no pages")
    return pdf


def _shape(text: str) -> str:
    """A line's shape for header/footer detection: digits folded, so "Trang 3" = "Trang 4"."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _visual_lines(pieces: list[dict]) -> list[dict]:
    """Merge pieces that share a baseline into one visual line, left to right.

    PDF producers cut a printed line into many pieces (justified words, a
    bold run, a column). Pieces far apart on one line — the two columns of
    a letterhead — are joined by " | ", the separator web copies use too.
    """
    pieces = sorted(pieces, key=lambda p: (round(p["bbox"][3]), p["bbox"][0]))
    lines: list[list[dict]] = []
    for p in pieces:
        if lines:
            last = lines[-1][-1]
            h = max(1.0, min(p["bbox"][3] - p["bbox"][1], last["bbox"][3] - last["bbox"][1]))
            overlap = min(p["bbox"][3], last["bbox"][3]) - max(p["bbox"][1], last["bbox"][1])
            if overlap > 0.5 * h and p["bbox"][0] >= last["bbox"][0]:
                lines[-1].append(p)
                continue
        lines.append([p])
    out = []
    for group in lines:
        text = group[0]["text"]
        for prev, p in zip(group, group[1:]):
            gap = p["bbox"][0] - prev["bbox"][2]
            text += (" | " if gap > 4 * p["size"] else " ") + p["text"]
        boxes = [p["bbox"] for p in group]
        out.append({
            "text": text,
            "bbox": (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)),
            "bold": all(p["bold"] for p in group),
            "size": max(p["size"] for p in group),
        })
    return out


def _page_lines(page, table_boxes) -> list[dict]:
    """Visual lines of a page in reading order: text, bbox, bold."""
    out = []
    data = page.get_text("dict", sort=False)
    for block in data["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            if any(bx0 - 2 <= x0 and y0 >= by0 - 2 and x1 <= bx1 + 2 and y1 <= by1 + 2 for bx0, by0, bx1, by1 in table_boxes):
                continue
            text = "".join(s["text"] for s in line["spans"])
            bold = all((s["flags"] & 16) or "Bold" in s["font"] for s in spans)
            out.append({"text": text.strip(), "bbox": (x0, y0, x1, y1), "bold": bold, "size": max(s["size"] for s in spans)})
    return _visual_lines(out)


def _tables(page, number: int) -> tuple[list[Table], list[tuple]]:
    """Tables on a page, and their boxes (so their cells are not read twice)."""
    tables, boxes = [], []
    try:
        found = page.find_tables()
    except Exception:  # find_tables fails on some malformed pages; the text is still read
        return [], []
    for t in found.tables:
        rows = []
        for row in t.rows:
            # each cell read through its own clip: find_tables' extract() garbles justified text
            cells = [" ".join(page.get_text("text", clip=cell, sort=True).split()) if cell else "" for cell in row.cells]
            rows.append(cells)
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        tables.append(Table(rows=rows, page=number))
        boxes.append(tuple(t.bbox))
    return tables, boxes


def _in_margin(line: dict, height: float) -> bool:
    return line["bbox"][3] < 0.1 * height or line["bbox"][1] > 0.9 * height


def _repeated(pages_lines: list[list[dict]], heights: list[float]) -> set[str]:
    """Shapes of lines that sit in the top or bottom margin of most pages."""
    if len(pages_lines) < 3:
        return set()
    counts: Counter = Counter()
    for lines, h in zip(pages_lines, heights):
        seen = set()
        for ln in lines:
            if _in_margin(ln, h):
                seen.add(_shape(ln["text"]))
        counts.update(seen)
    return {s for s, n in counts.items() if n >= max(2, len(pages_lines) // 2)}


def margins(lines: list[dict]) -> tuple[float, float]:
    """The text block's left and right edges: where most lines start and end."""
    if not lines:
        return 0.0, 1.0
    right = sorted(ln["bbox"][2] for ln in lines)[int(len(lines) * 0.9)]
    left = sorted(ln["bbox"][0] for ln in lines)[int(len(lines) * 0.1)]
    return left, right


def lines_to_paragraph_lines(lines: list[dict], *, page: int, edges: tuple[float, float] | None = None) -> list[Line]:
    """Join a page's visual lines into logical lines by geometry.

    `edges` are the document's margins; a page with few lines (the last
    one, a signature) cannot tell its own.
    """
    if not lines:
        return []
    left, right = edges or margins(lines)
    width = max(1.0, right - left)
    gaps = sorted(b["bbox"][1] - a["bbox"][3] for a, b in zip(lines, lines[1:]) if b["bbox"][1] > a["bbox"][3] - 1)
    line_gap = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[Line] = []
    prev = None
    for ln in lines:
        text = " ".join(ln["text"].split())
        if not text:
            continue
        if prev is not None and out:
            full = prev["bbox"][2] >= right - 0.06 * width
            gap = ln["bbox"][1] - prev["bbox"][3]
            height = max(1.0, prev["bbox"][3] - prev["bbox"][1])
            close = gap <= line_gap + max(1.5, 0.15 * height) and gap < 1.2 * height
            same_style = prev["bold"] == ln["bold"]
            lower = text[:1].islower()
            ended = bool(_TERMINAL.search(out[-1].text))
            opener = opens_paragraph(text) and not (full and not ended and text.startswith(("- ", "– ")))
            if close and same_style and not opener and (full or lower and not ended):
                joined = out[-1].text
                if joined.endswith("-") and not joined.endswith(" -") and lower:
                    out[-1].text = joined[:-1] + text  # hyphenation undone
                elif joined.endswith("/"):
                    out[-1].text = joined + text  # "4247/" + "QĐ-BGDĐT": a number cut at its slash
                else:
                    out[-1].text = joined + " " + text
                prev = ln
                continue
        out.append(Line(text, kind="bold" if ln["bold"] else None, page=page))
        prev = ln
    return out


def read_pdf_document(path: str, data: bytes, options: ReadOptions) -> Document:
    pdf = _open(path, data)
    pages_lines, heights, tables_by_page, needs_ocr = [], [], [], []
    for number, page in enumerate(pdf, start=1):
        tables, boxes = _tables(page, number) if options.ocr != "always" else ([], [])
        lines = _page_lines(page, boxes) if options.ocr != "always" else []
        chars = sum(len(ln["text"].strip()) for ln in lines)
        scanned = options.ocr == "always" or (options.ocr == "auto" and chars < MIN_TEXT_CHARS and page.get_images())
        needs_ocr.append(bool(scanned))
        pages_lines.append([] if scanned else lines)
        heights.append(page.rect.height)
        tables_by_page.append([] if scanned else tables)
    ocr_results = {}
    if any(needs_ocr):
        from kehoach.corpus.ocr import ocr_pdf_pages

        ocr_results = ocr_pdf_pages(path, pdf, [i for i, n in enumerate(needs_ocr) if n])
    repeated = _repeated([pl for pl, n in zip(pages_lines, needs_ocr) if not n], heights)
    edges = margins([ln for pl in pages_lines for ln in pl])
    all_lines: list[Line] = []
    confidences: dict[int, float | None] = {}
    for i, lines in enumerate(pages_lines):
        number = i + 1
        if needs_ocr[i]:
            ocr_lines, conf = ocr_results[i]
            confidences[number] = conf
            all_lines.extend(ocr_lines)
            continue
        kept = [ln for ln in lines if not (_in_margin(ln, heights[i]) and _shape(ln["text"]) in repeated)
                and not is_page_number(ln["text"])]
        all_lines.extend(lines_to_paragraph_lines(kept, page=number, edges=edges))
        for t in tables_by_page[i]:
            for row in t.rows:
                all_lines.append(Line("\t".join(row), page=number))
    paragraphs = join_lines(all_lines, wrapped=False)
    raw = "\n".join(ln.text for ln in all_lines)
    fmt = "pdf-ocr" if all(needs_ocr) else "pdf"
    doc = paragraphs_to_document(paragraphs, source=path, id=content_hash(data), format=fmt, raw_text=raw)
    doc.pages = _pages(doc.text, paragraphs, pdf.page_count, needs_ocr, confidences)
    doc.tables = [t for ts in tables_by_page for t in ts]
    if any(needs_ocr) and not all(needs_ocr):
        doc.warnings.append(f"{sum(needs_ocr)} of {pdf.page_count} pages had no text layer and were read by OCR")
    return doc


def _pages(text: str, paragraphs, count: int, needs_ocr: list[bool], confidences: dict) -> list[Page]:
    """Page boundaries in the normalised text: a paragraph belongs to the page it starts on."""
    starts: dict[int, int] = {}
    pos = 0
    for p, line in zip(paragraphs, text.split("\n")):
        if p.page is not None and p.page not in starts:
            starts[p.page] = pos
        pos += len(line) + 1
    pages, last = [], 0
    for number in range(1, count + 1):
        start = starts.get(number, last)
        last = start
        pages.append(Page(number=number, start=start, end=start, ocr=needs_ocr[number - 1], confidence=confidences.get(number)))
    for i, page in enumerate(pages):
        page.end = pages[i + 1].start if i + 1 < len(pages) else len(text)
    return pages


@register("pdf")
def read_pdf(path: str, data: bytes, options: ReadOptions) -> Document:
    return read_pdf_document(path, data, options)
