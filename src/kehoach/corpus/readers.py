"""Imports every reader module so that each registers itself in READERS.

A reader whose engine is missing (pymupdf, python-docx) still registers:
the engine is imported inside the reader, where a missing one becomes a
clear error for that file only.
"""

from kehoach.corpus import plain  # noqa: F401
