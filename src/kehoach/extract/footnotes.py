"""Facts read in footnotes: the references and deadlines a footnote holds belong to the plan too.

Why a pass of its own: footnote texts are kept apart from `Document.text`
(corpus/footnotes.py), where a footnote would cut the sentence it stands
under; but "¹ Quyết định số 2232/QĐ-TTg ngày 28/12/2020" is a document the
plan cites. Each finder runs on each footnote's text as on a small document,
and what it finds is placed where the footnote's marker stands in the body
(a zero-width span), with `footnote` naming the marker: a task whose text
holds the marker is linked to what its footnote cites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from kehoach.model import Document

Record = TypeVar("Record")


def anchor(doc: Document, fn) -> int:
    """Where a footnote stands in the text: its marker; without one, the end of its page (or of the text)."""
    if fn.offset is not None:
        return fn.offset
    if fn.page is not None and 0 < fn.page <= len(doc.pages):
        return doc.pages[fn.page - 1].end
    return len(doc.text)


def in_footnotes(doc: Document, find: Callable[[Document], Iterable[Record]]) -> list[Record]:
    """What `find` reads in each footnote's text, each record placed at its footnote's marker."""
    out = []
    for fn in doc.footnotes:
        if not fn.text.strip():
            continue
        note = Document(source=doc.source, id=doc.id, format=doc.format, text=fn.text, raw_text=fn.text)
        at = anchor(doc, fn)
        for record in find(note):
            record.span = (at, at)
            if getattr(record, "citations", None):
                record.citations = [(at, at)]
            record.footnote = fn.marker
            out.append(record)
    return out
