"""Footnote markers kept out of the words they follow; footnote texts kept apart from the body.

Why the marker leaves the text: a superscript "²" after "năm 2025" is, to a
reader that only keeps characters, one more digit — "năm 20252" — and "Luật¹"
becomes "Luật1". Any inline form would stay inside the token it is glued to:
"[2]" makes "2025[2]" and "giới[1]" words of their own, and a Unicode "²" is a
word character to Python's regular expressions (`str.isalnum("²")`), so every
rule that ends a number or a name at a word boundary would have to learn it.
Left out, "năm 2025" and "Luật" read as they are printed without the mark, and
the marker is kept as a `Footnote` with the offset where it stood.

How it travels: a reader puts a mark — one character of Unicode's private use
plane 15 for each character of the marker, never a letter, a digit or a space
to any rule — where the marker stood, and layout and normalisation carry it
like punctuation; `strip_marks` takes the marks out of the finished text and
says where each stood.
"""

from __future__ import annotations

import re

from kehoach.model import Document, Footnote

_BASE = 0xF0000
_MARKS = re.compile("[\U000f0000-\U000f007f]+")
MARKER = re.compile(r"\(?(\d{1,3}|\*{1,3})\)?")  # what a footnote marker prints: "1", "12", "(3)", "*"
_UNIT = re.compile(r"(?<![^\W\d_])(?:k|c|d|m)?m$")  # "500 m²", "km²": a power, not a footnote
_POWER = {"2": "²", "3": "³"}


def mark(marker: str, key: str = "") -> str:
    """The in-text mark for a footnote marker ("2" -> one private-use character), with the reader's own id of
    the note when it has one (a Word footnote's id), so that the note finds its own reference.

    A raised "2" or "3" after a unit of length ("500 m", "km") is a power, not
    a footnote: the caller keeps it as "²"/"³" (see `power`).
    """
    return "".join(chr(_BASE + ord(c)) for c in (f"{marker}\x1f{key}" if key else marker) if ord(c) < 0x80)


def _decode(marks: str) -> tuple[str, str | None]:
    marker, _, key = "".join(chr(ord(c) - _BASE) for c in marks).partition("\x1f")
    return marker, key or None


def power(before: str, marker: str) -> str | None:
    """"²" or "³" when a raised 2 or 3 follows a unit ("m", "km", "cm"): square and cubic metres stay in the text."""
    if marker in _POWER and _UNIT.search(before.rstrip()):
        return _POWER[marker]
    return None


def show_marks(text: str) -> str:
    """The marks of a raw text written as "[2]": what the file printed, for `Document.raw_text`."""
    return _MARKS.sub(lambda m: f"[{_decode(m.group(0))[0]}]", text)


def strip_marks(text: str) -> tuple[str, list[tuple[str, str | None, int]]]:
    """The text without its marks, and each marker, its key and the offset where it stood in the text returned.

    A mark set apart by spaces on both sides ("giới ¹ và") leaves one space, not two.
    """
    if not _MARKS.search(text):
        return text, []
    out: list[str] = []
    found: list[tuple[str, str | None, int]] = []
    pos = 0
    length = 0
    for m in _MARKS.finditer(text):
        piece = text[pos : m.start()]
        after = text[m.end() : m.end() + 1]
        if piece.endswith(" ") and (after in (" ", "") or after in ".,;:)"):
            piece = piece[:-1]
        out.append(piece)
        length += len(piece)
        found.append((*_decode(m.group(0)), length))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), found


def has_marks(text: str) -> bool:
    return bool(_MARKS.search(text))


def attach(doc: Document, notes: list[Footnote]) -> None:
    """The footnote texts a reader found, each joined to the marker that cites it in the body.

    `doc.footnotes` holds, in order, one entry per marker found in the text
    (text still ""); a note with a key takes the marker with that key; one
    without takes the last free marker with its marker string on its page or
    before (a marker is read on the page its paragraph starts on), or the
    first free one anywhere; a note whose marker is not in the body is kept
    with offset None.
    """
    for fn in doc.footnotes:
        if fn.page is None and fn.offset is not None:
            fn.page = doc.page_at(fn.offset)
    for note in notes:
        free = [fn for fn in doc.footnotes if not fn.text and fn.marker == note.marker and fn.key == note.key]
        near = [fn for fn in free if note.page is None or fn.page is None or fn.page <= note.page]
        target = near[-1] if near and note.page is not None else (near or free or [None])[0]
        if target is None:
            doc.footnotes.append(note)
            continue
        target.text = note.text
        target.page = note.page if note.page is not None else target.page
    doc.footnotes.sort(key=lambda fn: (fn.offset is None, fn.offset or 0, fn.page or 0))
