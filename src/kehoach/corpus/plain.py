"""Decoding text files (.txt, .md) and handing them to the markdown reader.

Why a module of its own: bytes may be UTF-8 (with or without BOM), UTF-16,
or a legacy 8-bit Vietnamese encoding; finding which is separate from
reading the markdown.
"""

from __future__ import annotations

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.corpus.text import read_text
from kehoach.errors import KehoachError
from kehoach.model import Document


def decode(path: str, data: bytes) -> str:
    """Bytes to str: BOMs first, then UTF-8; anything else is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a broken surrogate is one bad character, not a lost file
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from kehoach.corpus.legacy import detect

        text = data.decode("cp1252", errors="replace") if b"\x81" not in data else data.decode("latin-1")
        if detect(data.decode("latin-1")):
            return data.decode("latin-1")  # legacy Vietnamese: converted with the rest of the text
        if detect(text):
            return text
        raise KehoachError("encoding", path, detail=f"not UTF-8 at byte {exc.start}, nor TCVN3 or VNI") from None


def _read(path: str, data: bytes, options: ReadOptions, fmt: str) -> Document:
    return read_text(decode(path, data), source=path, id=content_hash(data), format=fmt)


@register("txt")
def read_txt(path: str, data: bytes, options: ReadOptions) -> Document:
    return _read(path, data, options, "txt")


@register("md")
def read_md(path: str, data: bytes, options: ReadOptions) -> Document:
    return _read(path, data, options, "md")
