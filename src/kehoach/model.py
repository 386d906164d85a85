"""Plain dataclasses for every stage's output.

The corpus stage produces a `Document` (normalised text with page and layout
provenance); the extract stage produces a `Plan` (the record of
../shared/SCHEMA.md). Offsets (`span`, `Page.start/end`, `Hint.start/end`)
always index `Document.text`, the normalised text, so that any record can be
checked against it; `Document.raw_text` keeps what the file said before
normalisation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_NAME = "kehoach.plan"
SCHEMA_VERSION = "1.0"


@dataclass
class Page:
    """One page of a paginated document: where it sits in `Document.text`."""

    number: int  # 1-based
    start: int
    end: int
    ocr: bool = False
    confidence: float | None = None  # mean OCR word confidence, 0-100; None when not OCR
    prep: list[str] = field(default_factory=list)  # what was done to an OCR'd page's image: "ink", "deskew +2.1°" …


@dataclass
class Hint:
    """A layout fact the reader saw and the text no longer shows.

    `kind` is "heading" (markdown `#`, a DOCX heading style, large PDF font)
    or "bold" (a whole line in bold). Extraction uses hints to find headings
    that carry no numbering.
    """

    start: int
    end: int
    kind: str
    level: int = 0  # markdown `#` count or DOCX heading level; 0 when unknown


@dataclass
class Table:
    """A table as rows of cell strings; `header` is its first row when known."""

    rows: list[list[str]]
    header: list[str] | None = None
    page: int | None = None
    caption: str | None = None
    span: tuple[int, int] | None = None  # where its rows sit in Document.text, if they do

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "caption": self.caption,
            "header": self.header,
            "rows": self.rows,
            "span": list(self.span) if self.span else None,
        }


@dataclass
class Footnote:
    """A footnote: its marker as printed, its text, the page it is printed on.

    The marker is never left in `Document.text` (corpus/footnotes.py says
    why): `offset` is where it stood there, right after the word or number it
    was set on; None when the reader found the footnote's text but not its
    marker in the body. `text` is "" when the body marks a footnote whose text
    the reader did not find (a PDF footnote it could not tell from the body).
    """

    marker: str
    text: str
    page: int | None = None
    offset: int | None = None
    key: str | None = None  # the reader's own id of the note (a Word footnote's w:id), joining note and marker

    def to_dict(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text, "page": self.page, "offset": self.offset}


@dataclass
class OcrFix:
    """A syllable OCR post-correction changed (corpus/ocr_fix.py): what was read, what the text now says.

    `span` indexes `Document.text`, where `corrected` now stands; a
    correction keeps the length, so `original` stood at the same offsets.
    """

    page: int | None
    span: tuple[int, int]
    original: str
    corrected: str

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "span": list(self.span), "original": self.original, "corrected": self.corrected}


@dataclass
class Document:
    """A file read into normalised text, with where each part came from."""

    source: str  # the path as given
    id: str  # sha256 of the raw bytes
    format: str  # pdf | pdf-ocr | image-ocr | docx | doc | txt | md
    text: str  # normalised text: NFC, one tone-mark style, paragraphs joined
    raw_text: str = ""  # the text as decoded/extracted, before normalisation
    pages: list[Page] = field(default_factory=list)  # empty for formats without pages
    hints: list[Hint] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)  # kept apart from `text`, in order of their markers
    ocr_fixes: list[OcrFix] = field(default_factory=list)  # OCR post-corrections made to `text`, in order

    @property
    def page_count(self) -> int | None:
        return len(self.pages) or None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding a character offset, or None without pages."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        if self.pages and offset >= self.pages[-1].end:
            return self.pages[-1].number
        return None

    def to_dict(self) -> dict[str, Any]:
        """The `kehoach text --json` record."""
        return {
            "source": self.source,
            "id": self.id,
            "format": self.format,
            "pages": [
                {
                    "number": p.number,
                    "start": p.start,
                    "end": p.end,
                    "text": self.text[p.start : p.end],
                    "ocr": p.ocr,
                    "confidence": p.confidence,
                    "prep": p.prep,
                }
                for p in self.pages
            ],
            "text": self.text,
            "footnotes": [f.to_dict() for f in self.footnotes],
            "ocr_fixes": [f.to_dict() for f in self.ocr_fixes],
            "warnings": self.warnings,
        }


@dataclass
class Metadata:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    province: str | None = None
    district: str | None = None
    level: str | None = None
    issued_date: str | None = None
    year: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # added fields (e.g. the issued plan's own title)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        extra = out.pop("extra")
        out.update(extra)
        return out


@dataclass
class Assignment:
    agency: str
    agency_key: str
    sector: str
    agency_level: str | None
    text: str
    span: tuple[int, int]
    requested: bool = False
    role: str = "own"  # lead | support | own
    partners: list[str] = field(default_factory=list)
    section: str | None = None
    section_title: str | None = None
    page: int | None = None
    deadlines: list[int] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)
    origin: str = "text"  # text | table: where the duty was read
    part: str | None = None  # implementation | reporting | content: the part of the document it stands in
    rule: str | None = None  # the extraction rule that made this record (README: "Rules")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out


@dataclass
class LegalRef:
    kind: str  # numbered | named
    doc_type: str | None
    key: str
    text: str
    span: tuple[int, int]
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    issued_date: str | None = None
    issuer: str | None = None
    self: bool = False
    citations: list[tuple[int, int]] = field(default_factory=list)  # every place it is cited
    identity: str | None = None  # corpus-wide id: same document cited by many plans
    footnote: str | None = None  # the marker of the footnote it was read in; `span` is then where that marker stands

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        out["citations"] = [list(c) for c in self.citations]
        return out


@dataclass
class Deadline:
    kind: str  # before | on | range | recurring
    text: str
    span: tuple[int, int]
    date: str | None = None
    end: str | None = None
    recurrence: str | None = None
    year_inferred: bool = False
    subject: str | None = None
    agencies: list[str] = field(default_factory=list)
    footnote: str | None = None  # the marker of the footnote it was read in; `span` is then where that marker stands

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out


@dataclass
class Plan:
    """Everything extracted from one document: the SCHEMA.md record."""

    document: Document
    metadata: Metadata
    assignments: list[Assignment] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what extraction could not read (extract/review.py)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "source": doc.source,
            "id": doc.id,
            "format": doc.format,
            "pages": doc.page_count,
            "metadata": self.metadata.to_dict(),
            "assignments": [a.to_dict() for a in self.assignments],
            "legal_refs": [r.to_dict() for r in self.legal_refs],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "tables": [t.to_dict() for t in self.tables],
            "footnotes": [f.to_dict() for f in doc.footnotes],
            "ocr_fixes": [f.to_dict() for f in doc.ocr_fixes],
            "warnings": doc.warnings + self.warnings,
        }
