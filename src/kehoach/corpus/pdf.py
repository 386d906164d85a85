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
import unicodedata
from collections import Counter

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.footnotes import MARKER, attach, has_marks, mark, power, strip_marks
from kehoach.corpus.layout import (
    Line,
    drop_running,
    is_page_number,
    join_lines,
    lines_to_paragraph_lines,
    margins,
    page_spans,
    running_shapes,
    unfold_columns,
)
from kehoach.corpus.normalise import normalise
from kehoach.corpus.text import paragraphs_to_document
from kehoach.errors import KehoachError
from kehoach.model import Document, Footnote, Table

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
        parts = [[group[0]]]
        for prev, p in zip(group, group[1:]):
            if p["bbox"][0] - prev["bbox"][2] > 4 * p["size"]:
                parts.append([p])
            else:
                parts[-1].append(p)
        line = _merge(group, " | ".join(" ".join(p["text"] for p in part) for part in parts))
        if len(parts) > 1:
            line["parts"] = [_merge(part, " ".join(p["text"] for p in part)) for part in parts]
        out.append(line)
    return out


def _merge(pieces: list[dict], text: str) -> dict:
    boxes = [p["bbox"] for p in pieces]
    return {"text": text,
            "bbox": (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)),
            "bold": all(p["bold"] for p in pieces), "size": max(p["size"] for p in pieces)}


def _raised(span: dict, spans: list[dict]) -> bool:
    """Whether a span is set as a superscript: flagged so (bit 0 of its flags), or notably smaller than the
    rest of its line and raised above its baseline (a footnote's own number at the foot of the page, which
    pymupdf does not flag)."""
    if span["flags"] & 1:
        return True
    others = [s for s in spans if s is not span and s["text"].strip()]
    if not others:
        return False
    main = max(others, key=lambda s: len(s["text"].strip()))
    return span["size"] <= 0.8 * main["size"] and span["origin"][1] <= main["origin"][1] - 0.15 * main["size"]


def _line_text(spans: list[dict]) -> tuple[str, str | None]:
    """A line's text with each superscript footnote marker as a mark (corpus/footnotes.py), never as digits
    glued to the word before ("năm 2025²" is "năm 2025" and a mark, not "năm 20252"); and the marker that
    opens the line, if one does (a footnote's text at the foot of the page)."""
    text, lead = "", None
    filled = [s for s in spans if s["text"].strip()]
    for i, s in enumerate(spans):
        m = MARKER.fullmatch(s["text"].strip())
        if m is None or not _raised(s, filled):
            text += s["text"]
            continue
        sign = power(text, m.group(1))
        if sign:
            text += sign
            continue
        if not text.strip():
            lead = lead or m.group(1)
        text += mark(m.group(1))
        follows = next((t["text"] for t in spans[i + 1 :] if t["text"]), "")
        if follows[:1].isalnum():
            text += " "  # the producer set the next word by its position after the marker, with no space
    return text, lead


def _page_lines(page, textpage) -> list[dict]:
    """Text pieces of a page (one per line of a text block): text, bbox, bold, size; `lead`, the footnote
    marker that opens the piece, when one does."""
    out = []
    data = page.get_text("dict", sort=False, textpage=textpage)
    for block in data["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            text, lead = _line_text(line["spans"])
            bold = all((s["flags"] & 16) or "Bold" in s["font"] for s in spans)
            words = [s for s in spans if not (lead and s is spans[0])]  # a footnote's size is its text's, not its marker's
            out.append({"text": unicodedata.normalize("NFC", text.strip()), "bbox": (x0, y0, x1, y1), "bold": bold,
                        "size": max(s["size"] for s in words or spans), "lead": lead})
    return out


def _short_rule(page, left: float, right: float, low: float, high: float) -> float | None:
    """The height of a short horizontal rule between `low` and `high` (a footnote separator: at most about
    half the text's width, from its left edge), or None."""
    hs, _ = _rulings(page)
    found = [y for x0, x1, y in hs if low - 2 <= y <= high + 1 and x1 - x0 <= 0.6 * (right - left)
             and abs(x0 - left) <= 0.1 * (right - left) + 10]
    return max(found) if found else None


_PLAIN_MARKER = re.compile(r"(\d{1,3})\s+(?=\S)")  # "1 Quyết định số …": a footnote numbered at the text's size


def _body_size(pieces: list[dict]) -> float:
    """The font size most of the document's text is set in (footnotes are smaller)."""
    sizes: Counter = Counter()
    for p in pieces:
        sizes[round(p["size"])] += len(p["text"])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _footnotes(page, number: int, pieces: list[dict], body: float, *, carry: bool = False) -> tuple[list[dict], list[Footnote]]:
    """The footnotes printed at the foot of a page, taken out of its text pieces.

    A footnote block is a run of lines at the bottom of the page, in its lower
    half and set smaller than the body, that opens under a short rule (Word's
    separator) or, without one, opens with a raised marker that the body above
    cites. A small-print list at the end of a letter ("Nơi nhận") has neither
    and stays body. Each footnote opens with its marker (raised, or a plain
    number under a rule); lines under the rule before the first marker go on
    the last footnote of the page before (marker ""), when that page ended
    with one (`carry`). Page numbers below the block stay where they are, to
    be dropped with the others.
    """
    if not pieces or not any(p["lead"] for p in pieces) and not any(p["size"] <= 0.9 * body for p in pieces):
        return pieces, []
    height = page.rect.height
    rows = [i for i in sorted(range(len(pieces)), key=lambda i: pieces[i]["bbox"][1]) if not is_page_number(pieces[i]["text"])]
    small = len(rows)  # where the run of small lines at the bottom begins
    while small and pieces[rows[small - 1]]["size"] <= 0.9 * body and pieces[rows[small - 1]]["bbox"][1] >= 0.5 * height:
        small -= 1
    if small == len(rows):
        return pieces, []
    start = next((k for k in range(small, len(rows)) if pieces[rows[k]]["lead"] or _PLAIN_MARKER.match(pieces[rows[k]]["text"])),
                 len(rows))
    left, right = margins(pieces)
    floor = pieces[rows[small - 1]]["bbox"][3] if small else 0.5 * height
    rule = _short_rule(page, left, right, floor, pieces[rows[start]]["bbox"][1] if start < len(rows) else height)
    if rule is not None and carry:
        start = next((k for k in range(small, len(rows)) if pieces[rows[k]]["bbox"][1] >= rule - 1), start)
    if start == len(rows):
        return pieces, []
    lead = pieces[rows[start]]["lead"]
    if rule is None and not (lead and any(has_marks(pieces[i]["text"]) for i in rows[:start])):
        return pieces, []
    plain_ok = rule is not None and not lead  # the page numbers its notes at their size
    notes: list[Footnote] = []
    for i in rows[start:]:
        p = pieces[i]
        plain = _PLAIN_MARKER.match(p["text"]) if plain_ok and not p["lead"] else None
        if p["lead"] or plain or not notes:
            marker = p["lead"] or (plain.group(1) if plain else "")
            notes.append(Footnote(marker, strip_marks(p["text"][plain.end() :] if plain else p["text"])[0].strip(), number))
            continue
        text = strip_marks(p["text"])[0].strip()
        if notes[-1].text.endswith("-") and not notes[-1].text.endswith(" -"):
            notes[-1].text += text  # a compound cut at its hyphen, as in the body
        else:
            notes[-1].text += " " + text
    taken = set(rows[start:])
    return [p for i, p in enumerate(pieces) if i not in taken], notes


def _outside(pieces: list[dict], boxes: list[tuple]) -> list[dict]:
    return [p for p in pieces if not any(bx0 <= p["bbox"][0] and p["bbox"][2] <= bx2 and by0 <= (p["bbox"][1] + p["bbox"][3]) / 2 <= by2
                                         for bx0, by0, bx2, by2 in boxes)]


def _rulings(page) -> tuple[list[tuple], list[tuple]]:
    """Horizontal (x0, x1, y) and vertical (x, y0, y1) ruling lines: thin filled rectangles and strokes."""
    hs, vs = [], []
    for path in page.get_cdrawings():
        for item in path["items"]:
            if item[0] == "l":
                (x0, y0), (x1, y1) = item[1], item[2]
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1]
                if x1 - x0 > 3 and y1 - y0 > 3:  # an outlined box: its four edges
                    hs += [(x0, x1, y0), (x0, x1, y1)]
                    vs += [(x0, y0, y1), (x1, y0, y1)]
                    continue
            else:
                continue
            if abs(y1 - y0) <= 3 and abs(x1 - x0) > 3:
                hs.append((min(x0, x1), max(x0, x1), (y0 + y1) / 2))
            elif abs(x1 - x0) <= 3 and abs(y1 - y0) > 3:
                vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return hs, vs


def _may_hold_table(pieces: list[dict]) -> bool:
    """Whether text stands side by side, apart, on a line of the page: cells of a table, maybe.

    Only then are the page's drawings read for ruling lines, which costs as
    much as reading its text; most pages of a plan are prose.
    """
    rows: dict[int, list[dict]] = {}
    for p in pieces:
        rows.setdefault(round(p["bbox"][3] / 4), []).append(p)
    for row in rows.values():
        if len(row) < 2:
            continue
        row.sort(key=lambda p: p["bbox"][0])
        if any(b["bbox"][0] - a["bbox"][2] > 1.5 * b["size"] for a, b in zip(row, row[1:])):
            return True
    return False


def _cluster(values: list[float], tol: float = 2.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _tables(page, number: int, textpage=None) -> tuple[list[Table], list[tuple]]:
    """Ruled tables of a page, read from its ruling lines and its words.

    Why not `page.find_tables()`: it costs ~250 ms a page here (against ~1 ms
    for the page's text) and garbles justified cells; the grid of ruling
    lines plus the words in each cell gives the same rows. Tables are told
    apart by the vertical gaps between their column rules.
    """
    hs, vs = _rulings(page)
    if len(hs) < 3 or len(vs) < 3:
        return [], []
    regions: list[list[float]] = []
    for _x, y0, y1 in sorted(vs, key=lambda v: v[1]):
        if regions and y0 <= regions[-1][1] + 3:
            regions[-1][1] = max(regions[-1][1], y1)
        else:
            regions.append([y0, y1])
    tables, boxes = [], []
    for top, bottom in regions:
        rv = [v for v in vs if top - 3 <= v[1] and v[2] <= bottom + 3]
        rh = [h for h in hs if top - 3 <= h[2] <= bottom + 3]
        table = _grid(page, number, rh, rv, top, bottom, textpage)
        if table:
            tables.append(table[0])
            boxes.append(table[1])
    return tables, boxes


def _grid(page, number: int, hs, vs, top: float, bottom: float, textpage=None):
    # a row cut by a page break has no ruling on its open side: the column rules still bound it
    ys = _cluster([h[2] for h in hs] + [top, bottom])
    xs = _cluster([v[0] for v in vs])
    if len(ys) < 3 or len(xs) < 3:
        return None
    box = (xs[0] - 2, ys[0] - 2, xs[-1] + 2, ys[-1] + 2)
    cells: dict[tuple[int, int], list[str]] = {}
    for x0, y0, x1, y1, word, *_ in page.get_text("words", textpage=textpage):
        if not (box[0] <= x0 and x1 <= box[2] and box[1] <= (y0 + y1) / 2 <= box[3]):
            continue
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        row = next((i for i in range(len(ys) - 1) if ys[i] <= cy < ys[i + 1]), None)
        col = next((j for j in range(len(xs) - 1) if xs[j] <= cx < xs[j + 1]), None)
        if row is not None and col is not None:
            cells.setdefault((row, col), []).append(word)
    rows = []
    for i in range(len(ys) - 1):
        row = [" ".join(cells.get((i, j), [])) for j in range(len(xs) - 1)]
        if any(row):
            rows.append(row)
    if len(rows) < 2:
        return None
    return Table(rows=rows, page=number), box


def with_table_marks(lines: list[dict], tops: list[float | None]) -> list[dict]:
    """A page's lines with a mark where each of its ruled tables stands (`tops`: the y of each table's top rule,
    None where unknown), so its rows are read where the page prints them, not after the page's last line."""
    out = list(lines)
    for k, top in sorted(((k, t) for k, t in enumerate(tops) if t is not None), key=lambda kt: kt[1], reverse=True):
        at = next((j for j, ln in enumerate(out) if ln.get("table") is None and ln["bbox"][1] >= top), len(out))
        out.insert(at, {"text": "", "bbox": (0.0, top, 0.0, top), "bold": False, "table": k})
    return out


def tables_in_place(page_lines: list[Line], tables: list[Table], number: int) -> list[Line]:
    """The page's logical lines with each table's rows (one line each, cells tab-separated) where its mark
    stands; a table without a mark after the page's lines."""
    out, placed = [], set()
    for line in page_lines:
        if line.kind == "table":
            if line.level < len(tables):
                out += [Line("\t".join(row), page=number) for row in tables[line.level].rows]
                placed.add(line.level)
            continue
        out.append(line)
    for k, t in enumerate(tables):
        if k not in placed:
            out += [Line("\t".join(row), page=number) for row in t.rows]
    return out


def read_pdf_document(path: str, data: bytes, options: ReadOptions) -> Document:
    pdf = _open(path, data)
    pages_lines, heights, tables_by_page, tops_by_page, needs_ocr = [], [], [], [], []
    notes: list[Footnote] = []
    read = []
    for number, page in enumerate(pdf, start=1):
        textpage = page.get_textpage() if options.ocr != "always" else None
        pieces = _page_lines(page, textpage) if textpage is not None else []
        tables, boxes = _tables(page, number, textpage) if _may_hold_table(pieces) else ([], [])
        read.append((_outside(pieces, boxes), tables, [b[1] for b in boxes]))
    body_size = _body_size([p for pieces, _, _ in read for p in pieces])
    for (number, page), (pieces, tables, tops) in zip(enumerate(pdf, start=1), read):
        body, page_notes = _footnotes(page, number, pieces, body_size, carry=bool(notes) and notes[-1].page == number - 1)
        if page_notes and not page_notes[0].marker and notes:
            notes[-1].text += " " + page_notes.pop(0).text  # a footnote that runs on under the next page's rule
        notes += page_notes
        lines = unfold_columns(_visual_lines(body), page.rect.width)
        chars = sum(len(ln["text"].strip()) for ln in lines)
        scanned = options.ocr == "always" or (options.ocr == "auto" and chars < MIN_TEXT_CHARS and page.get_images())
        needs_ocr.append(bool(scanned))
        pages_lines.append([] if scanned else lines)
        heights.append(page.rect.height)
        tables_by_page.append([] if scanned else tables)
        tops_by_page.append([] if scanned else tops)
    ocr_results, ocr_edges = {}, {}
    if any(needs_ocr):
        from kehoach.corpus.ocr import ocr_margins, ocr_pdf_pages

        ocr_results = ocr_pdf_pages(path, pdf, [i for i, n in enumerate(needs_ocr) if n])
        ocr_edges = ocr_margins(ocr_results)
    shown = [(pl, h) if not n else (ocr_results[i][0], ocr_results[i][3]) for i, (pl, h, n) in
             enumerate(zip(pages_lines, heights, needs_ocr))]
    repeated = running_shapes([pl for pl, _ in shown], [h for _, h in shown])
    edges = margins([ln for pl in pages_lines for ln in pl])
    all_lines: list[Line] = []
    confidences: dict[int, float | None] = {}
    preps: dict[int, list[str]] = {}
    for i, lines in enumerate(pages_lines):
        number = i + 1
        if needs_ocr[i]:
            ocr_lines, conf, steps, height, ocr_tables = ocr_results[i]
            confidences[number] = conf
            preps[number] = steps
            tables_by_page[i] = [Table(rows=rows, page=number) for rows in ocr_tables]
            tops = [getattr(rows, "top", None) for rows in ocr_tables]
            kept = with_table_marks(drop_running(ocr_lines, height, repeated), tops)
            page_lines = lines_to_paragraph_lines(kept, page=number, edges=ocr_edges.get(i))
        else:
            kept = [ln for ln in drop_running(lines, heights[i], repeated) if not is_page_number(ln["text"])]
            page_lines = lines_to_paragraph_lines(with_table_marks(kept, tops_by_page[i]), page=number, edges=edges)
        all_lines.extend(tables_in_place(page_lines, tables_by_page[i], number))
    paragraphs = join_lines(all_lines, wrapped=False)
    raw = "\n".join(ln.text for ln in all_lines)
    fmt = "pdf-ocr" if all(needs_ocr) else "pdf"
    doc = paragraphs_to_document(paragraphs, source=path, id=content_hash(data), format=fmt, raw_text=raw)
    doc.pages = page_spans(doc.text, paragraphs, pdf.page_count, needs_ocr, confidences, preps)
    doc.tables = [t for ts in tables_by_page for t in ts]
    attach(doc, [Footnote(n.marker, normalise(n.text), n.page) for n in notes if n.page is None or not needs_ocr[n.page - 1]])
    if any(needs_ocr) and not all(needs_ocr):
        doc.warnings.append(f"{sum(needs_ocr)} of {pdf.page_count} pages had no text layer and were read by OCR")
    return doc


@register("pdf")
def read_pdf(path: str, data: bytes, options: ReadOptions) -> Document:
    return read_pdf_document(path, data, options)
