"""Imports every reader module so that each registers itself in READERS.

Engines (pymupdf, python-docx, Tesseract) are imported inside the readers,
where a missing one becomes a clear error for that file only.
"""

from kehoach.corpus import doc, docx, ocr, pdf, plain  # noqa: F401
