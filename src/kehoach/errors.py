"""The one catalogue of user-facing errors, with stable codes.

The codes are what SCHEMA.md's `error.code` carries and what the CLI prints
as `kehoach: PATH: message`. A user error is always one of these; anything
else escaping the library is a bug and may show a traceback.
"""

from __future__ import annotations

# code -> (message template, hint on how to fix it or None)
CATALOGUE: dict[str, tuple[str, str | None]] = {
    "not_found": ("no such file or directory", None),
    "empty": ("the file is empty", None),
    "too_large": ("the file is {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit", "raise it with --max-size"),
    "unsupported": ("unsupported file type {what}", "kehoach reads .pdf, .docx, .doc, .txt, .md, .png, .jpg, .tif"),
    "no_documents": ("the directory holds no documents kehoach can read", None),
    "corrupt": ("the file is damaged or truncated: {detail}", None),
    "encrypted": ("the PDF is password-protected", "remove the password (e.g. qpdf --decrypt) and try again"),
    "encoding": ("the text is in no encoding kehoach knows: {detail}", "save it as UTF-8"),
    "not_vietnamese": ("the text does not look Vietnamese ({detail})", None),
    "no_text": ("no text could be read: {detail}", None),
    "ocr_unavailable": ("the page needs OCR but Tesseract is missing: {detail}", "install tesseract-ocr and tesseract-ocr-vie (make install does)"),
    "converter_missing": ("old .doc files need a converter", "install antiword or LibreOffice (apt-get install antiword)"),
    "unreadable": ("the file could not be read: {detail}", None),
    "extract_failed": ("extraction failed: {detail}", "run with --debug for the traceback, and report it"),
    "workspace": ("{detail}", None),
    "query": ("bad query: {detail}", None),
    "busy": ("{detail}", None),
    "usage": ("{detail}", None),
}


class KehoachError(Exception):
    """A user error: bad input, a missing tool, a bad workspace."""

    def __init__(self, code: str, path: str | None = None, **params):
        template, hint = CATALOGUE[code]
        self.code = code
        self.path = path
        self.params = params
        self.message = template.format(**params) if params or "{" not in template else template
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """One line for stderr: `PATH: message (hint)`."""
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    @classmethod
    def wrap(cls, code: str, path: str | None, exc: BaseException) -> KehoachError:
        """An unexpected exception as this catalogue's error, the cause in words and kept as __cause__
        (a `--debug` run prints its traceback): one bad file never ends a batch."""
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        err = cls(code, path, detail=detail[:300])
        err.__cause__ = exc
        return err

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message + (f" ({self.hint})" if self.hint else "")}
