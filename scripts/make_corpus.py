"""Render sample plans as office documents: DOCX, digital PDF and a 200-dpi scan.

Deterministic: the same seed text gives the same files (fixed noise seed, no
dates in the PDF metadata). Run from the repository root:

    .venv/bin/python scripts/make_corpus.py            # writes corpus/<seed>.docx|.pdf|.scan.pdf

Layout as real offices print it: A4, serif 13 pt, justified body, bold
headings, page numbers at the top centre, the annex tables as real tables.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEEDS = ["000_cd3a10cc7c8fb063", "004_28c2f7b1913e88ac"]
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCAN_DPI = 200
SCAN_ANGLE = 0.7  # degrees
NOISE_SEED = 20221


def paragraphs(seed: str) -> list[tuple[str, bool]]:
    """(text, bold) per paragraph of the seed as kehoach reads it."""
    from kehoach.corpus import read

    doc = read(ROOT / "corpus" / f"{seed}.txt")
    bold = {h.start for h in doc.hints}
    out, pos = [], 0
    for line in doc.text.split("\n"):
        out.append((line, pos in bold))
        pos += len(line) + 1
    return out


def _blocks(paras):
    """Group tab-separated rows into tables: ("p", text, bold) or ("table", rows)."""
    blocks, rows = [], []
    for text, bold in paras:
        if "\t" in text:
            rows.append(text.split("\t"))
            continue
        if rows:
            blocks.append(("table", rows))
            rows = []
        blocks.append(("p", text, bold))
    if rows:
        blocks.append(("table", rows))
    return blocks


def _centred(text: str) -> bool:
    return text.isupper() and len(text) < 90 or text.startswith(("Độc lập", "(Kèm theo"))


def make_docx(seed: str, out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    # page number field in the header, centred
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    for block in _blocks(paragraphs(seed)):
        if block[0] == "table":
            rows = block[1]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j in range(width):
                    table.cell(i, j).text = row[j] if j < len(row) else ""
            continue
        _, text, bold = block
        par = document.add_paragraph()
        par.paragraph_format.space_after = Pt(6)
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER if _centred(text) else WD_ALIGN_PARAGRAPH.JUSTIFY
        r = par.add_run(text)
        r.bold = bold or _centred(text)
    buf = io.BytesIO()
    document.save(buf)
    out.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the DOCX is byte-for-byte reproducible."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return buf.getvalue()


def _html(seed: str) -> str:
    parts = []
    for block in _blocks(paragraphs(seed)):
        if block[0] == "table":
            rows = block[1]
            cells = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            parts.append(f"<table>{cells}</table>")
            continue
        _, text, bold = block
        cls = "c" if _centred(text) else "j"
        body = html.escape(text)
        if bold or cls == "c":
            body = f"<b>{body}</b>"
        parts.append(f'<p class="{cls}">{body}</p>')
    return "<body>" + "".join(parts) + "</body>"


CSS = """
@font-face {font-family: kh; src: url(DejaVuSerif.ttf);}
@font-face {font-family: kh; src: url(DejaVuSerif-Bold.ttf); font-weight: bold;}
body {font-family: kh; font-size: 13pt;}
p {margin: 0 0 5pt 0;}
p.j {text-align: justify;}
p.c {text-align: center;}
table {border-collapse: collapse; font-size: 10pt; margin: 4pt 0;}
td {border: 0.5pt solid black; padding: 2pt; vertical-align: top;}
"""


def make_pdf(seed: str, out: Path) -> None:
    import pymupdf

    story = pymupdf.Story(html=_html(seed), user_css=CSS, archive=pymupdf.Archive(str(FONT_DIR)))
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (85, 70, -57, -57)  # 3 cm left, 2 cm right, room for the page number on top
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    pdf = pymupdf.open(stream=buf.getvalue(), filetype="pdf")
    font = pymupdf.Font(fontfile=str(FONT_DIR / "DejaVuSerif.ttf"))
    for number, page in enumerate(pdf, start=1):
        if number == 1:
            continue  # Vietnamese offices number pages from the second
        text = str(number)
        x = (page.rect.width - font.text_length(text, 12)) / 2
        page.insert_text((x, 45), text, fontsize=12, fontname="kh", fontfile=str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.subset_fonts()
    pdf.set_metadata({})
    out.write_bytes(pdf.tobytes(garbage=3, deflate=True, no_new_id=True))


def make_scan(pdf_path: Path, out: Path) -> None:
    """Each page as a 200-dpi grey image, turned slightly and speckled: what a scanner gives."""
    import numpy as np
    import pymupdf
    from PIL import Image

    rng = np.random.default_rng(NOISE_SEED)
    src = pymupdf.open(pdf_path)
    scan = pymupdf.open()
    for page in src:
        pix = page.get_pixmap(dpi=SCAN_DPI, colorspace="gray")
        img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        img = img.rotate(SCAN_ANGLE, resample=Image.BICUBIC, expand=False, fillcolor=255)
        arr = np.asarray(img, dtype=np.int16)
        arr = arr + rng.normal(0, 2.5, arr.shape).astype(np.int16)
        specks = rng.random(arr.shape) < 0.0008
        arr[specks] = rng.integers(0, 120, int(specks.sum()))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=50, dpi=(SCAN_DPI, SCAN_DPI))
        new = scan.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=buf.getvalue())
    scan.set_metadata({})
    out.write_bytes(scan.tobytes(garbage=3, deflate=True, no_new_id=True))


def main() -> None:
    corpus = ROOT / "corpus"
    for seed in SEEDS:
        make_docx(seed, corpus / f"{seed}.docx")
        make_pdf(seed, corpus / f"{seed}.pdf")
        make_scan(corpus / f"{seed}.pdf", corpus / f"{seed}.scan.pdf")
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in sorted(corpus.glob(f"{seed}.*")) if p.suffix != ".txt")
        print(sizes, file=sys.stderr)


if __name__ == "__main__":
    main()
