"""Duties given in tables: an annex "Phân công nhiệm vụ", an indicator table with an "Đơn vị chủ trì" column.

Every reader lays a table out in the text as one row a line, cells separated
by tabs (PDF ruled tables, DOCX tables, markdown and web-copy "|" tables), so
one rule serves every format. A table gives duties when its header names a
column of bodies (sections.json "table_columns": chủ trì → lead, phối hợp →
support, thực hiện → own); each row then gives one record per body named in
those columns, its text the row's task cell, its deadline the time column's
cell (`stated_time`). Rule name: "table_row".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from kehoach.corpus.normalise import fold_keep
from kehoach.extract.agencies import find_mentions, listed_bodies
from kehoach.extract.stated_time import parse_stated_time
from kehoach.extract.structure import sections_data
from kehoach.model import Assignment, Deadline, Document

_NUMBERING = re.compile(r"^\s*(?:[-–+•*]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2}){0,3}[.)]?\s+|[IVXL]{1,5}[.)]?\s+)")


@dataclass
class _Columns:
    header_row: int
    bodies: dict[int, str]  # column -> role
    task: int
    time: int | None
    completion: bool


def _folded(text: str) -> str:
    return " ".join(fold_keep(text).split())


def _words(key: str) -> list[str]:
    return [_folded(w) for w in sections_data()["table_columns"][key]]


def _has(cell: str, words: list[str]) -> bool:
    return any(re.search(r"(?<![a-z0-9])" + re.escape(w) + r"(?![a-z0-9])", cell) for w in words)


def _columns(rows: list[list[str]]) -> _Columns | None:
    """The header among the first rows and what each of its columns holds; None for a table of no duties."""
    for h, header in enumerate(rows[:3]):
        below = rows[h + 1] if h + 1 < len(rows) else []
        if below and not re.match(r"\s*\d", below[0]) and _has(" ".join(_folded(c) for c in below), _words("lead") + _words("support")):
            # a header on two rows, "Trách nhiệm" over "Chủ trì | Phối hợp": read as one
            width = max(len(header), len(below))
            header = [" ".join(x for x in ((header[i] if i < len(header) else ""), (below[i] if i < len(below) else "")) if x.strip())
                      for i in range(width)]
            h += 1
        cells = [_folded(c) for c in header]
        bodies: dict[int, str] = {}
        for i, cell in enumerate(cells):
            if not cell or _has(cell, _words("not_bodies")) and not _has(cell, _words("lead") + _words("support")) \
                    or len(cell.split()) > 10:
                continue  # (a header's cell is short: "Chi cho công tác thẩm định (do cơ quan … chủ trì …)" is data)
            if _has(cell, _words("support")) and not _has(cell, _words("lead")):
                bodies[i] = "support"
            elif _has(cell, _words("lead")):
                bodies[i] = "lead"
            elif _has(cell, _words("own")) and len(cell.split()) <= 8:
                bodies[i] = "own"
        if not bodies or any(find_mentions(c) for c in header if c.strip()):
            continue  # a header names columns, not bodies: "Cơ quan thực hiện | Sở Tư pháp" is a row of a form
        time = next((i for i, c in enumerate(cells) if i not in bodies and _has(c, _words("time"))), None)
        # "Thứ tự công việc" numbers the rows, "Nội dung công việc" holds the task
        task = next((i for i, c in enumerate(cells) if i not in bodies and i != time and _has(c, _words("task"))
                     and not _has(c, _words("order"))), None)
        if task is None:  # the widest text column that is neither bodies nor time
            widths = {i: sum(len(r[i]) for r in rows[h + 1 :] if i < len(r)) for i in range(len(header))
                      if i not in bodies and i != time and not _has(cells[i], _words("order"))}
            task = max(widths, key=widths.get) if widths else None
        if task is None:
            return None
        completion = time is not None and "hoan thanh" in cells[time]
        return _Columns(h, bodies, task, time, completion)
    return None


def _cell_bodies(cell: str, default_level: str):
    """The bodies a column of bodies names: the gazetteer's, those named by their form, and the bodies only a
    table names as responsible (agencies.json "table_bodies": the provincial People's Committee)."""
    return listed_bodies(cell, default_level=default_level, issuer_bodies=True)


Run = list[tuple[int, list[str]]]  # (offset of each line, its cells)


def table_runs(text: str) -> list[Run]:
    """(offset of each line, cells) for each run of tab-separated lines, read once per document: the text rules
    skip their lines, the table rule reads them. A line indented by a tab is a row only inside a run (a row whose
    first cell is empty); alone it is an indented paragraph."""
    runs, run, pos = [], [], 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "\t" in line.strip() or run and line.startswith("\t"):
            run.append((pos, _rule_read_as_bar(line.split("\t"))))
        elif run and _group_row(line, lines[i + 1] if i + 1 < len(lines) else "", len(run[0][1])):
            run.append((pos, [line]))
        elif run:
            runs.append(run)
            run = []
        pos += len(line) + 1
    return runs + [run] if run else runs


def _group_row(line: str, after: str, width: int) -> bool:
    """A row whose one cell spans the table ("I. Công tác tuyên truyền, nâng cao nhận thức" over the tasks it
    groups): a short line with no tab, between rows, followed by a numbered row as wide as the table's."""
    cells = after.split("\t")
    return bool(line.strip()) and len(line) <= 200 and len(cells) == width and bool(re.match(r"\s*\d{1,3}[.)]?\s*$", cells[0]))


def _rule_read_as_bar(cells: list[str]) -> list[str]:
    """A scan's rule that the grid missed is read as "|" between two cells' words, the cell before it left empty
    ("", "TT|Nội dung công việc"): the words before the bar go back to their cell. The bar stays with them, so
    the cells still join into the line (the rules count offsets that way)."""
    out = list(cells)
    for i in range(1, len(out)):
        if not out[i - 1].strip() and "|" in out[i].strip(" |"):
            head, _, tail = out[i].partition("|")
            if head.strip() and tail.strip():
                out[i - 1], out[i] = out[i - 1] + head + "|", tail
    return out


def table_rows(runs: list[Run]) -> set[int]:
    """The offsets of the lines that are table rows: the text rules leave them to this one."""
    return {offset for run in runs for offset, _ in run}


class _Read(NamedTuple):
    """A task table read: its columns, its header row, how wide its rows are, where its last row starts."""

    cols: _Columns
    header: list[str]
    width: int
    end: int


def _continues(text: str, last: _Read, run: Run) -> bool:
    """Whether a table with no header of its own goes on with the task table before it: a table cut by a page
    break, its header not repeated, rows as wide, and between the two only a few short lines (a page's foot,
    a scan's speck read as a word), no caption or heading of another table."""
    between = text[last.end : run[0][0]].split("\n")[1:-1]
    if max(len(r) for _, r in run) != last.width or len(between) > 3 or sum(len(b) for b in between) > 120:
        return False
    return not any(re.match(r"(?i)\s*(?:phụ lục|biểu|bảng|[IVX]+\.|\d+\.)\s", b) for b in between)


def table_duties(doc: Document, default_level: str, runs: list[Run], year: int | None = None,
                 ) -> tuple[list[Assignment], list[tuple[int, int, Deadline]]]:
    """Records of every task table of the document (its `table_runs`), and the deadlines of their time cells
    (with the range of the records of their row); a time cell that names no year ("Cả năm", "Quý II") takes the
    plan's."""
    out: list[Assignment] = []
    deadlines: list[tuple[int, int, Deadline]] = []
    last: _Read | None = None  # the task table just before
    for run in runs:
        rows = [cells for _, cells in run]
        cols = _columns(rows)
        if cols is not None:
            header, body = rows[cols.header_row], run[cols.header_row + 1 :]
        elif last is not None and _continues(doc.text, last, run):
            cols, header, body = last.cols, last.header, run
        else:
            last = None
            continue
        last = _Read(cols, header, max(len(r) for r in rows), run[-1][0])
        task_header = header[cols.task][:200] if cols.task < len(header) else ""  # a header merged over columns
        for offset, cells in body:
            if cols.task >= len(cells):
                continue
            raw = cells[cols.task]
            task = " ".join(_NUMBERING.sub("", raw, count=1).split())
            if len(task.split()) < 2:
                continue
            start = offset + sum(len(c) + 1 for c in cells[: cols.task]) + (len(raw) - len(raw.lstrip()))
            span = (start, start + len(raw.strip()))
            first = len(out)
            for col, role in cols.bodies.items():
                if col >= len(cells) or not cells[col].strip():
                    continue
                for m in _cell_bodies(cells[col], default_level):
                    if re.search(r"(?i)(?<!\w)(?:do|của|từ|cho|với|về)\s*$", cells[col][: m.start]):
                        continue  # "… số liệu do Tổng cục Thống kê cung cấp": a source, not who owes the row
                    out.append(Assignment(agency=m.text.strip(" ,;:"), agency_key=m.agency.key, sector=m.agency.sector,
                                          agency_level=m.agency.level, text=task, span=span, role=role,
                                          section_title=task_header or None, page=doc.page_at(span[0]),
                                          origin="table", rule="table_row", part="content"))
            if cols.time is not None and cols.time < len(cells) and len(out) > first:
                stated = parse_stated_time(cells[cols.time], completion=cols.completion, year=year)
                if stated:
                    at = offset + sum(len(c) + 1 for c in cells[: cols.time])
                    cell = cells[cols.time]
                    deadlines.append((first, len(out), Deadline(text=cell.strip(), span=(at, at + len(cell)),
                                                      subject=task[:160], **stated)))
    return out, deadlines
