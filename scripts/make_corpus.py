"""Render sample plans as office documents: DOCX, digital PDF and a 200-dpi scan; field scans.

Deterministic: the same seed text gives the same files (fixed noise seed, no
dates in the PDF metadata). Run from the repository root:

    .venv/bin/python scripts/make_corpus.py            # writes corpus/<seed>.docx|.pdf|.scan.pdf
    .venv/bin/python scripts/make_corpus.py --field-scans DIR [--noise-seed N]
                                                       # every corpus/*.txt as DIR/<seed>.pdf|.field.pdf

A field scan is what provincial portals publish: colour JPEG pages at 150 dpi
on yellowed paper, a red round seal stamped over the signature and the lines
around it, a blue signature stroke, "Trang N/M" at the foot of each page, the
page turned 1.5–3° either way. Those are the renderings the OCR preparation
(`kehoach.corpus.scanprep`) is measured on.

Layout as real offices print it: A4, serif 13 pt, justified body, bold
headings, page numbers at the top centre, the annex tables as real tables.
"""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SEEDS = ["000_cd3a10cc7c8fb063", "004_28c2f7b1913e88ac"]
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCAN_DPI = 200
SCAN_ANGLE = 0.7  # degrees
NOISE_SEED = 20221
FIELD_DPI = 150
FIELD_ANGLES = (1.5, 3.0)  # degrees, either way
PAPER = (244, 234, 203)  # yellowed paper
SEAL_INK = (205, 28, 42)
SIGNATURE_INK = (28, 48, 165)


def paragraphs(seed: str) -> list[tuple[str, bool]]:
    """(text, bold) per paragraph of the seed (or of any document file, given its path) as kehoach reads it."""
    from kehoach.corpus import read

    doc = read(seed if Path(seed).is_file() else ROOT / "corpus" / f"{seed}.txt")
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
        _add_image_page(scan, page.rect, img, quality=50, dpi=SCAN_DPI)
    _write_image_pdf(scan, out)


def _add_image_page(scan, rect, img, *, quality: int, dpi: int) -> None:
    """One page of an image-only PDF: the picture as a JPEG of this quality, filling a page of the original's size."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi))
    new = scan.new_page(width=rect.width, height=rect.height)
    new.insert_image(new.rect, stream=buf.getvalue())


def _write_image_pdf(scan, out: Path) -> None:
    """Byte-for-byte the same file on every run: no metadata dates, no new document id."""
    scan.set_metadata({})
    out.write_bytes(scan.tobytes(garbage=3, deflate=True, no_new_id=True))


def _signature_anchor(pdf) -> tuple[int, tuple[float, float, float, float]]:
    """Where the seal goes: the page and box of the signature block (its title lines and the signer's name).

    The title lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    and the name under them; a plan without a title signs under its
    "Nơi nhận" list, so the box is the lines after that list. Failing both,
    the last lines of the last page.
    """
    title = re.compile(r"^(TM\.|KT\.|Q\.|PHÓ CHỦ TỊCH|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN)")
    for number, page in enumerate(pdf):
        lines = [(ln["bbox"], "".join(s["text"] for s in ln["spans"]).strip())
                 for b in page.get_text("dict")["blocks"] if b.get("type") == 0 for ln in b["lines"]]
        lines = [(b, t) for b, t in lines if t]
        for i, (_box, text) in enumerate(lines):
            if not title.match(text):
                continue
            block = [b for b, t in lines[i : i + 4] if not re.fullmatch(r"\d+", t)]
            return number, (min(b[0] for b in block), min(b[1] for b in block), max(b[2] for b in block),
                            max(b[3] for b in block))
    page = pdf[-1]
    boxes = [b["bbox"] for b in page.get_text("dict")["blocks"] if b.get("type") == 0]
    bottom = max(boxes, key=lambda b: b[3]) if boxes else (page.rect.width / 2, page.rect.height / 2,
                                                           page.rect.width / 2 + 100, page.rect.height / 2 + 40)
    return pdf.page_count - 1, (bottom[0], bottom[1] - 40, bottom[2], bottom[3])


def _seal(size: int, rng):
    """A round red seal as an alpha mask: two rings, a ring of capitals between them, a star in the middle."""
    import math

    from PIL import Image, ImageDraw, ImageFont

    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    r = size / 2
    draw.ellipse((2, 2, size - 3, size - 3), outline=255, width=max(3, size // 45))
    inner = 0.68 * r
    draw.ellipse((r - inner, r - inner, r + inner, r + inner), outline=255, width=max(2, size // 80))
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), max(8, int(0.16 * r)))
    words = "ỦY BAN NHÂN DÂN * TỈNH * " + "".join(rng.choice(list("ABCDEGHIKLMNOPQRSTUVXY"), 8))
    for k, ch in enumerate(words):
        angle = -math.pi / 2 + 2 * math.pi * k / len(words)
        glyph = Image.new("L", (int(0.3 * r), int(0.3 * r)), 0)
        ImageDraw.Draw(glyph).text((0.15 * r, 0.15 * r), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        cx, cy = r + 0.84 * r * math.cos(angle), r + 0.84 * r * math.sin(angle)
        mask.paste(255, (int(cx - glyph.width / 2), int(cy - glyph.height / 2)), glyph)
    star = [(r + (0.42 if k % 2 == 0 else 0.17) * r * math.cos(-math.pi / 2 + k * math.pi / 5),
             r + (0.42 if k % 2 == 0 else 0.17) * r * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=255)
    return mask


def _stroke(width: int, height: int, rng):
    """A signature as an alpha mask: a pen stroke looping left to right."""
    import math

    from PIL import Image, ImageDraw

    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    a, b, phase = rng.uniform(0.2, 0.35), rng.uniform(3, 6), rng.uniform(0, math.pi)
    points = []
    for k in range(200):
        t = k / 199
        x = 0.05 * width + 0.9 * width * t + 0.08 * width * math.sin(b * 2 * math.pi * t + phase)
        y = height / 2 + a * height * math.sin(2 * b * math.pi * t) + 0.15 * height * math.cos(7 * t + phase)
        points.append((x, y))
    draw.line(points, fill=255, width=max(2, height // 25), joint="curve")
    return mask


def _ink(arr, mask, colour, strength):
    """Ink laid on paper: the page darkened towards the ink's colour where the mask is, as ink multiplies."""
    import numpy as np

    alpha = (np.asarray(mask, dtype=np.float32) / 255.0 * strength)[..., None]
    ink = np.asarray(colour, dtype=np.float32) / 255.0
    return arr * (1 - alpha + alpha * ink)


def make_field_scan(pdf_path: Path, out: Path, *, seed: int = NOISE_SEED, footer: bool = True) -> None:
    """A provincial portal's scan of a printed plan: an image-only PDF of colour JPEG pages at 150 dpi.

    Yellowed paper with grain, "Trang N/M" at the foot of each page (when
    `footer`), a red seal stamped over the signature block and a blue
    signature stroke across it, each page turned by 1.5–3° (random sign),
    JPEG at quality 70. The same `seed` gives the same file.
    """
    import numpy as np
    import pymupdf
    from PIL import Image

    rng = np.random.default_rng(seed)
    src = pymupdf.open(pdf_path)
    if footer:
        for number, page in enumerate(src, start=1):
            text = f"Trang {number}/{src.page_count}"
            x = (page.rect.width - pymupdf.get_text_length(text, fontsize=10)) / 2
            page.insert_text((x, page.rect.height - 25), text, fontsize=10)
    seal_page, (x0, y0, x1, y1) = _signature_anchor(src)
    scale = FIELD_DPI / 72
    scan = pymupdf.open()
    for index, page in enumerate(src):
        pix = page.get_pixmap(dpi=FIELD_DPI, colorspace="rgb")
        arr = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, 3).astype(np.float32)
        arr = arr * (np.asarray(PAPER, dtype=np.float32) / 255.0)
        if index == seal_page:
            size = int(1.45 * 72 * scale)  # a 3.7 cm seal
            cx = (x0 + 0.35 * (x1 - x0)) * scale + rng.uniform(-10, 10)
            cy = (y0 + y1) / 2 * scale + rng.uniform(-10, 10)
            seal = _seal(size, rng).rotate(float(rng.uniform(0, 360)), resample=Image.BICUBIC)
            mask = Image.new("L", (pix.width, pix.height), 0)
            mask.paste(seal, (int(cx - size / 2), int(cy - size / 2)))
            blotch = Image.fromarray((rng.uniform(0.55, 1.0, (pix.height // 8 + 1, pix.width // 8 + 1)) * 255)
                                     .astype(np.uint8)).resize((pix.width, pix.height), Image.BILINEAR)
            mask = Image.fromarray((np.asarray(mask, dtype=np.float32) * np.asarray(blotch) / 255).astype(np.uint8))
            arr = _ink(arr, mask, SEAL_INK, 0.85)
            w, h = int((x1 - x0) * scale * 0.9), int(0.55 * size)
            sign = Image.new("L", (pix.width, pix.height), 0)
            sign.paste(_stroke(w, h, rng), (int(x0 * scale + 0.3 * (x1 - x0) * scale), int(cy - h / 2)))
            arr = _ink(arr, sign, SIGNATURE_INK, 0.9)
        arr = arr + rng.normal(0, 4.0, arr.shape[:2])[..., None]
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
        angle = float(rng.uniform(*FIELD_ANGLES) * rng.choice([-1, 1]))
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=PAPER)
        _add_image_page(scan, page.rect, img, quality=70, dpi=FIELD_DPI)
    _write_image_pdf(scan, out)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--field-scans", metavar="DIR", help="write every seed's digital PDF and field scan into DIR")
    parser.add_argument("--noise-seed", type=int, default=NOISE_SEED, help="the field scans' random seed")
    parser.add_argument("sources", nargs="*", help="with --field-scans: these documents (any format kehoach reads, "
                        "e.g. ../shared/real/docs/*.md) instead of the seeds, printed as they are read")
    args = parser.parse_args()
    corpus = ROOT / "corpus"
    if args.field_scans and args.sources:
        out = Path(args.field_scans)
        out.mkdir(parents=True, exist_ok=True)
        for n, source in enumerate(args.sources):
            stem = Path(source).stem
            make_pdf(source, out / f"{stem}.pdf")
            make_field_scan(out / f"{stem}.pdf", out / f"{stem}.field.pdf", seed=args.noise_seed + n)
            print(f"{stem}.field.pdf {(out / f'{stem}.field.pdf').stat().st_size // 1024} KB", file=sys.stderr)
        return
    if args.field_scans:
        out = Path(args.field_scans)
        out.mkdir(parents=True, exist_ok=True)
        for text in sorted(corpus.glob("0*.txt")):
            seed = text.stem
            make_pdf(seed, out / f"{seed}.pdf")
            make_field_scan(out / f"{seed}.pdf", out / f"{seed}.field.pdf", seed=args.noise_seed + int(seed[:3]))
            print(f"{seed}.field.pdf {(out / f'{seed}.field.pdf').stat().st_size // 1024} KB", file=sys.stderr)
        return
    for seed in SEEDS:
        make_docx(seed, corpus / f"{seed}.docx")
        make_pdf(seed, corpus / f"{seed}.pdf")
        make_scan(corpus / f"{seed}.pdf", corpus / f"{seed}.scan.pdf")
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in sorted(corpus.glob(f"{seed}.*")) if p.suffix != ".txt")
        print(sizes, file=sys.stderr)


if __name__ == "__main__":
    main()
