"""One document, several files: which stored files are renderings of one document, and which reads best.

Portals publish one plan as a PDF, a DOCX and a scan; a researcher's folder
holds all three. Counted as three documents, every duty of the plan would be
counted three times in search, duties, compare and exports. A document is
known by what its letterhead says of it — the number, the date of issue and
the province — not by its bytes: files that agree on all three are
renderings of one document. A file that lacks any of them (an unnumbered
draft, a scan whose number was misread) stays a document of its own; wrongly
merging two plans would lose one of them, which is worse than counting one
twice.

Of a document's renderings the best reading is kept (`best = 1`) and the
others are listed beside it: a reading with no OCR beats one with OCR (OCR
loses tables and misreads words), then the format whose text is exact
(DOCX, plain text, then PDF), then the one that found more duties, then the
path, so the choice is the same on every run.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

# Formats by how exactly their text is read; pdf-ocr (and anything unknown) after these.
FORMAT_RANK = {"docx": 0, "txt": 1, "md": 1, "html": 2, "doc": 3, "pdf": 4}


def document_key(record: dict[str, Any]) -> str | None:
    """'province|number|date' of an extracted record, or None where one of them is unknown."""
    meta = record.get("metadata") or {}
    number, issued, province = meta.get("number"), meta.get("issued_date"), meta.get("province")
    if not (number and issued):
        return None
    from kehoach.corpus.normalise import fold_keep

    folded = re.sub(r"\s+", "", fold_keep(number))
    return f"{province or ''}|{folded}|{issued}"


def quality(record: dict[str, Any], pages: list[dict[str, Any]]) -> str:
    """A sortable key: smaller is a better reading (see the module's docstring)."""
    ocr = sum(1 for p in pages if p.get("ocr"))
    rank = FORMAT_RANK.get(record.get("format") or "", 9)
    duties = len(record.get("assignments") or [])
    return f"{min(ocr, 9999):04d}|{rank}|{99999 - min(duties, 99999):05d}"


def elect(db: sqlite3.Connection, document: str | None) -> None:
    """Mark the best reading of a document's files; the others best = 0 (and the winner re-indexed if it changed)."""
    if document is None:
        return
    rows = db.execute("SELECT id, best FROM documents WHERE document = ? ORDER BY quality, source", (document,)).fetchall()
    for i, (doc_id, best) in enumerate(rows):
        want = 1 if i == 0 else 0
        if best != want:
            # a file that becomes the best reading enters the search index; one that stops being it leaves
            db.execute("UPDATE documents SET best = ?, indexed = 0 WHERE id = ?", (want, doc_id))


def backfill(db: sqlite3.Connection) -> None:
    """Give documents stored before renderings were known their key and quality, and elect."""
    keys = set()
    for doc_id, record_json in db.execute("SELECT id, record FROM documents").fetchall():
        record = json.loads(record_json)
        pages = [{"ocr": r[0]} for r in db.execute("SELECT ocr FROM pages WHERE doc_id = ?", (doc_id,))]
        key = document_key(record)
        db.execute("UPDATE documents SET document = ?, quality = ? WHERE id = ?", (key, quality(record, pages), doc_id))
        keys.add(key)
    for key in keys:
        elect(db, key)
