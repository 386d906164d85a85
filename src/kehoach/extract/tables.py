"""Annex and indicator tables, with their captions.

Readers of PDF and DOCX hand over real tables (`Document.tables`); text
files carry them as runs of tab-separated lines. Both become `Table`s whose
caption is the nearest title above them ("Phụ lục 01 …", or the heading the
annex opens with).
"""

from __future__ import annotations

import re

from kehoach.model import Document, Table

_CAPTION = re.compile(r"^(Phụ lục|PHỤ LỤC|Biểu|BIỂU|Bảng|BẢNG)\b")


def _caption(lines: list[tuple[int, str]], index: int) -> str | None:
    """The nearest "Phụ lục …" line within a few lines above, else the line just above."""
    above = [line for _, line in lines[max(0, index - 4) : index] if line.strip() and "\t" not in line]
    for line in reversed(above):
        if _CAPTION.match(line):
            return line.strip()
    return above[-1].strip()[:300] if above else None


def _text_tables(doc: Document) -> list[Table]:
    lines, pos = [], 0
    for line in doc.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i][1]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j][1]:
            j += 1
        rows = [line.split("\t") for _, line in lines[i:j]]
        if len(rows) >= 2:
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            start, end = lines[i][0], lines[j - 1][0] + len(lines[j - 1][1])
            tables.append(Table(rows=rows[1:], header=rows[0], page=doc.page_at(start), caption=_caption(lines, i),
                                span=(start, end)))
        i = j
    return tables


def extract_tables(doc: Document) -> list[Table]:
    """Tables from the reader, else the tab-separated runs of the text."""
    if doc.tables:
        return [Table(rows=t.rows[1:] if t.header is None and t.rows else t.rows,
                      header=t.header if t.header is not None else (t.rows[0] if t.rows else None),
                      page=t.page, caption=t.caption, span=t.span) for t in doc.tables]
    return _text_tables(doc)
