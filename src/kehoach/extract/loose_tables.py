"""Task tables on scanned pages, whose cells OCR gives back as loose lines.

A ruled table on a scan comes out of Tesseract one cell after another, each on its own lines: the indicator
("Chỉ tiêu 1: Tăng tỷ lệ …"), then the responsible bodies ("Sở LĐTBXH, Cục" / "Thống kê"), then the
reporting period ("Theo năm"). The tab-separated rows the table rule reads (table_duties) are not there, and
the text rules would take "Sở LĐTBXH" for a heading that owns every line below it. This module turns such
lines back into rows for the table rule: after a header that names a body column (the same header words as
any task table: "Đơn vị chủ trì", "Cơ quan thực hiện"), each run of lines that name nothing but bodies is the
body cell of the row whose text stands right before it. Only OCR'd pages are read so: a digital page's tables
keep their tabs.
"""

from __future__ import annotations

import re
from functools import cache

from kehoach.corpus.normalise import fold_keep
from kehoach.model import Document

Run = list[tuple[int, list[str]]]

_CONNECTOR_END = re.compile(r"(?:[,;&-]|\bvà|\bSở|\bCục|\bBan|\bPhòng|\bỦy ban|\bUBND|\bcác)\s*\.?$")


def _folded(text: str) -> str:
    return " ".join(fold_keep(text).split())


@cache
def _words() -> dict[str, object]:
    """The header words of task tables (sections.json "table_columns") and the row and period words
    ("scanned_table_rows"), folded and compiled once."""
    from kehoach.data import load
    from kehoach.extract.table_duties import _words as column_words

    data = load("sections")["scanned_table_rows"]
    bodies = column_words("lead") + column_words("support") + column_words("own")
    words = lambda key: "|".join(r"\s+".join(map(re.escape, _folded(w).split())) for w in data[key])  # noqa: E731
    return {
        "task": column_words("task"), "bodies": bodies, "not_bodies": column_words("not_bodies"),
        "labels": [w for key in ("task", "lead", "support", "own", "not_bodies", "time") for w in column_words(key)],
        "row": re.compile(rf"^\s*(?:(?:{words('row_openings')})(?![a-z0-9])|\d+(?:\.\d+)*[.)]?\s)"),
        "period": re.compile(rf"^(?:{words('periods')})(?![a-z0-9])[\W\d]*$"),
    }


def _row_start(line: str) -> bool:
    return bool(_words()["row"].match(_folded(line)))


def _period(folded: str) -> bool:
    return bool(_words()["period"].match(folded))


def _header(lines: list[tuple[int, str]], i: int) -> tuple[int, str, str] | None:
    """(lines the header takes, its task label, its body-column label) when a header starts at line i."""
    from kehoach.extract.table_duties import _cell_bodies, _has

    words = _words()
    window = lines[i : i + 6]
    if not window or len(window[0][1]) > 80:
        return None
    task = body = None
    for k, (_, line) in enumerate(window):
        folded = _folded(line)
        if len(line) > 60 or re.match(r"\s*(?:\d|(?:Chỉ tiêu|Mục tiêu|Nhiệm vụ)\s+\d)", line, re.I):
            break  # header cells are a few words ("Mục tiêu 2: …", "1. …" are rows)
        if body is None and _has(folded, words["bodies"]) and not _has(folded, words["not_bodies"]) \
                and not _cell_bodies(line, "province"):
            body = (k, line.strip())
        elif task is None and _has(folded, words["task"]):
            task = (k, line.strip())
    if task is None or body is None:
        return None
    return max(task[0], body[0]) + 1, task[1], body[1]


def _label(folded: str) -> bool:
    """A header cell ("Mục tiêu, chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo"): a few words, a column label, no number."""
    from kehoach.extract.table_duties import _has

    return len(folded.split()) <= 8 and not re.search(r"\d", folded) and _has(folded, _words()["labels"])


def _bodyish(line: str, level: str) -> bool:
    """A line that names bodies and little else (a body cell, or a piece of one)."""
    from kehoach.extract.table_duties import _cell_bodies

    found = _cell_bodies(line, level)
    letters = len(re.sub(r"[\W\d_]", "", line))
    return bool(found) and len(re.sub(r"[\W\d_]", "", "".join(m.text for m in found))) >= 0.6 * letters


def loose_runs(doc: Document, level: str) -> list[Run]:
    """Rows rebuilt from the loose lines of task tables on OCR'd pages, as (offset, cells) runs whose first row
    is a header (task label, body label) the table rule knows; each row's task cell is the row's own text, its
    lines joined by spaces (so its offset and length are the text's), and every line of a body cell is a row too
    (with no task) so that no text rule reads it again."""
    ocr = [p for p in doc.pages if p.ocr]
    if not ocr:
        return []
    lines, pos = [], 0
    for line in doc.text.split("\n"):
        if any(p.start <= pos < p.end for p in ocr):
            lines.append((pos, line))
        pos += len(line) + 1
    runs: list[Run] = []
    i = 0
    while i < len(lines):
        head = _header(lines, i)
        if head is None:
            i += 1
            continue
        taken, task_label, body_label = head
        run: Run = [(lines[i][0], [task_label, body_label])]
        i += taken
        row_start = row_end = None  # the row text's first and last line (indexes into lines)
        while i < len(lines):
            offset, line = lines[i]
            folded = _folded(line)
            if not folded:
                i += 1
                continue
            if _header(lines, i) is not None or folded.startswith("phu luc") or (line.isupper() and len(line.split()) >= 4):
                break  # the next table (or this one's header on the next page), an annex, a new part
            if _period(folded):
                i += 1
                continue
            if _label(folded):  # the header again, on the next page
                row_start = row_end = None
                i += 1
                continue
            if _bodyish(line, level):
                cell, j = [line], i + 1
                while j < len(lines) and lines[j][1].strip() and not _period(_folded(lines[j][1])) and (
                        _bodyish(lines[j][1], level) or _CONNECTOR_END.search(cell[-1])
                        and len(lines[j][1].split()) <= 4 and not _row_start(lines[j][1])):
                    cell.append(lines[j][1])
                    j += 1
                if row_start is not None:
                    a, b = lines[row_start][0], lines[row_end][0] + len(lines[row_end][1])
                    run.append((a, [doc.text[a:b].replace("\n", " "), " ".join(cell)]))
                run += [(lines[k][0], ["", lines[k][1]]) for k in range(i, j)]
                row_start = row_end = None
                i = j
                continue
            if _row_start(line) or row_start is None:
                row_start = i
            row_end = i
            i += 1
        if len(run) > 1:
            runs.append(run)
    return runs
