"""Reader for old Word .doc files, through a converter when one is installed.

Why not a parser of our own: the binary .doc format is large and poorly
specified; antiword (small, fast, text out) and LibreOffice (heavy, exact,
DOCX out) both read it well. Without either, the file fails with a message
saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kehoach.corpus import ReadOptions, content_hash, register
from kehoach.errors import KehoachError
from kehoach.model import Document


def _via_libreoffice(path: str, data: bytes, soffice: str, options: ReadOptions) -> Document:
    from kehoach.corpus.docx import read_docx

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        proc = subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                              capture_output=True, timeout=180)
        out = Path(tmp) / "in.docx"
        if proc.returncode != 0 or not out.exists():
            raise KehoachError("corrupt", path, detail="LibreOffice could not convert the .doc file")
        doc = read_docx(path, out.read_bytes(), options)
    doc.id, doc.format = content_hash(data), "doc"
    return doc


def _via_antiword(path: str, data: bytes, antiword: str) -> Document:
    from kehoach.corpus.text import read_text

    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        proc = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", tmp.name], capture_output=True, timeout=120)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise KehoachError("corrupt", path, detail=detail[-1] if detail else "antiword failed")
    text = proc.stdout.decode("utf-8", "replace")
    text = "\n".join(line.replace("|", "\t").strip("\t ") if line.count("|") >= 2 else line for line in text.split("\n"))
    return read_text(text, source=path, id=content_hash(data), format="doc")


@register("doc")
def read_doc(path: str, data: bytes, options: ReadOptions) -> Document:
    antiword = shutil.which("antiword")
    if antiword:
        return _via_antiword(path, data, antiword)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        return _via_libreoffice(path, data, soffice, options)
    raise KehoachError("converter_missing", path)
