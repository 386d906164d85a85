"""Reading files into normalised text with page provenance.

`read(path)` is the whole stage: it finds the format from the file's content
(not its extension alone), hands the bytes to that format's reader, and
returns a `Document`. Readers live one per module and register in `READERS`;
a reader takes `(path, data, options)` and returns a Document or raises
`KehoachError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kehoach.errors import KehoachError
from kehoach.model import Document

DEFAULT_MAX_SIZE = 200 * 1024 * 1024
EXTENSIONS = {".txt", ".md", ".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass(frozen=True)
class ReadOptions:
    ocr: str = "auto"  # auto | always | never
    max_size: int = DEFAULT_MAX_SIZE
    check_language: bool = True
    ocr_fix: bool = True  # correct OCR'd syllables from their neighbours (corpus/ocr_fix.py); digital text never


Reader = Callable[[str, bytes, ReadOptions], Document]
READERS: dict[str, Reader] = {}


def register(fmt: str) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        READERS[fmt] = fn
        return fn

    return deco


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff(path: str, data: bytes) -> str:
    """The format of a file from its first bytes, the extension breaking ties."""
    ext = Path(path).suffix.lower()
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or ext == ".docx":
            return "docx"
        raise KehoachError("unsupported", path, what="(a zip archive that is not a Word document)")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if ext in (".txt", ".md", ".text", ".markdown", ""):
        return "md" if ext in (".md", ".markdown") else "txt"
    if ext in EXTENSIONS:
        return {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}.get(ext, "image")
    if b"\x00" not in data[:4096]:
        return "txt"
    raise KehoachError("unsupported", path, what=f"'{ext or 'no extension'}'")


def read(path: str | os.PathLike, *, options: ReadOptions | None = None) -> Document:
    """Read one file into a Document; raise KehoachError on bad input."""
    from kehoach.corpus import readers  # noqa: F401  (fills READERS)

    options = options or ReadOptions()
    path = str(path)
    p = Path(path)
    if not p.exists():
        raise KehoachError("not_found", path)
    if p.is_dir():
        raise KehoachError("usage", path, detail="is a directory (give its files, or use ingest)")
    size = p.stat().st_size
    if size > options.max_size:
        raise KehoachError("too_large", path, size_mb=size / 2**20, limit_mb=options.max_size / 2**20)
    return read_data(path, p.read_bytes(), options=options)


def read_data(path: str, data: bytes, *, options: ReadOptions | None = None) -> Document:
    """Read a file's bytes, named `path`, into a Document: what `read` does once the bytes are at hand (on a
    cluster's worker, the bytes come over the network and no filesystem is shared)."""
    from kehoach.corpus import readers  # noqa: F401  (fills READERS)

    options = options or ReadOptions()
    if len(data) > options.max_size:
        raise KehoachError("too_large", path, size_mb=len(data) / 2**20, limit_mb=options.max_size / 2**20)
    if not data.strip():
        raise KehoachError("empty", path)
    fmt = sniff(path, data)
    reader = READERS.get(fmt)
    if reader is None:
        raise KehoachError("unsupported", path, what=f"({fmt}: no reader installed)")
    try:
        doc = reader(path, data, options)
    except KehoachError:
        raise
    except (Exception, RecursionError) as exc:  # a damaged file may break a reader in any way: that file's error
        raise KehoachError.wrap("unreadable", path, exc) from exc
    if not doc.text.strip():
        raise KehoachError("no_text", path, detail="the document has no text")
    if options.ocr_fix and any(page.ocr for page in doc.pages):
        from kehoach.corpus.ocr_fix import correct_document

        correct_document(doc)
    if options.check_language:
        from kehoach.corpus.language import check_vietnamese

        check_vietnamese(doc)
    return doc


def expand(paths: list[str]) -> Iterator[tuple[str, KehoachError | None]]:
    """Files named or found in folders (recursively, by extension), in order.

    A folder with no readable files yields one error for the folder.
    """
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS and not f.name.startswith(".")
            )
            if not found:
                yield given, KehoachError("no_documents", given)
            for f in found:
                yield f, None
        else:
            yield given, None


@dataclass
class ReadResult:
    """One input's outcome: a document or the error that stopped it."""

    source: str
    document: Document | None = None
    error: KehoachError | None = None


def read_many(paths: list[str], *, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Read every file named or found in folders; a bad file never stops the batch."""
    for path, err in expand(paths):
        if err is not None:
            yield ReadResult(path, error=err)
            continue
        try:
            yield ReadResult(path, document=read(path, options=options))
        except KehoachError as exc:
            yield ReadResult(path, error=exc)
