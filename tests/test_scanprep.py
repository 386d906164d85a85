"""Scans prepared for Tesseract: seal and signature ink out, skew corrected, what was done kept per page."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kehoach.corpus.layout import drop_running, running_shapes
from kehoach.corpus.scanprep import estimate_skew, prepare, remove_ink

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PAPER = np.array([244, 234, 203], dtype=np.float32)


def _text_page(width=1240, height=900, lines=14) -> Image.Image:
    """Black lines of text on white, as a printed page at 150 dpi."""
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 26)
    for k in range(lines):
        draw.text((120, 60 + 55 * k), "Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở", fill=0, font=font)
    return img


def _inked(page: Image.Image, mask: Image.Image, colour) -> np.ndarray:
    """The page on yellowed paper with ink laid over it where the mask is, as ink multiplies."""
    arr = np.asarray(page, dtype=np.float32)[..., None] / 255 * PAPER
    alpha = np.asarray(mask, dtype=np.float32)[..., None] / 255 * 0.85
    arr = arr * (1 - alpha + alpha * np.asarray(colour, dtype=np.float32) / 255)
    return np.clip(arr, 0, 255).astype(np.uint8)


def _ring(size, box, width=6) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, outline=255, width=width)
    return mask


def test_ink_removal_drops_a_red_ring_and_keeps_the_black_text_under_it():
    page = _text_page()
    ring = _ring(page.size, (100, 40, 500, 440))
    gray, found = remove_ink(_inked(page, ring, (205, 28, 42)))
    text = np.asarray(page) < 60
    paper = np.asarray(page) == 255  # nowhere near a letter
    on_ring = np.asarray(ring) > 200
    level = np.median(gray[paper & ~on_ring])  # the paper's own grey
    assert found and level > 200
    assert np.median(gray[on_ring & paper]) >= level - 5  # the ring is paper now
    assert np.mean(gray[on_ring & paper] < 128) < 0.01  # nothing of it left dark enough to be read as a stroke
    assert np.median(gray[text & on_ring]) < 80  # the letters the ring crossed are still black
    assert np.median(gray[text & ~on_ring]) < 60


def test_ink_removal_drops_a_blue_signature_too():
    page = _text_page()
    stroke = Image.new("L", page.size, 0)
    ImageDraw.Draw(stroke).line([(150, 300), (400, 200), (700, 350), (900, 250)], fill=255, width=5)
    gray, found = remove_ink(_inked(page, stroke, (28, 48, 165)))
    assert found and np.median(gray[(np.asarray(stroke) > 200) & (np.asarray(page) == 255)]) > 200


def test_a_grey_page_has_no_ink_to_remove():
    _, found = remove_ink(np.repeat(np.asarray(_text_page())[..., None], 3, axis=2))
    assert not found


@pytest.mark.parametrize("angle", [2.2, -1.7, 2.9, 0.0])
def test_deskew_recovers_a_known_angle(angle):
    page = _text_page(height=1700, lines=28).rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    assert abs(estimate_skew(np.asarray(page)) - angle) <= 0.3


def _jpeg(img: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80, dpi=(dpi, dpi))
    return buf.getvalue()


def test_prepare_says_what_it_did():
    page = _text_page(height=1700, lines=28)
    ring = _ring(page.size, (300, 300, 700, 700))
    field = Image.fromarray(_inked(page, ring, (205, 28, 42))).rotate(-2.4, resample=Image.BICUBIC, fillcolor=(244, 234, 203))
    done = prepare(_jpeg(field, 150), dpi=150)
    assert len(done.steps) == 2 and done.steps[0] == "ink" and done.steps[1].startswith("deskew ")
    assert abs(float(done.steps[1].split()[1].rstrip("°")) + 2.4) <= 0.3
    assert done.dpi == 150 and done.height == 1700 and Image.open(io.BytesIO(done.image)).mode == "L"


def test_a_page_with_little_skew_and_no_ink_goes_to_tesseract_as_it_came():
    image = _jpeg(_text_page(height=1700, lines=28).rotate(0.7, resample=Image.BICUBIC, fillcolor=255), 200)
    done = prepare(image)
    assert done.steps == [] and done.image == image and done.dpi == 200  # the JPEG's own resolution tag


def test_running_footers_and_page_numbers_of_scans_are_dropped():
    def line(text, top):
        return {"text": text, "bbox": (100, top, 900, top + 30), "bold": False, "size": 30}

    pages = [[line(str(n), 60), line("Nội dung của trang", 500), line(f"Trang {n}/3", 3350)] for n in (1, 2, 3)]
    pages[1][1] = line("Trang 2/3 là nội dung", 500)  # the same words in the body stay
    shapes = running_shapes(pages, [3508] * 3)
    kept = [[ln["text"] for ln in drop_running(p, 3508, shapes)] for p in pages]
    assert kept == [["Nội dung của trang"], ["Trang 2/3 là nội dung"], ["Nội dung của trang"]]


@pytest.fixture(scope="module")
def field_scan(tmp_path_factory):
    """Plan 001 as a portal publishes it (scripts/make_corpus.py): 150-dpi colour JPEG pages, sealed, skewed."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import make_corpus

    folder = tmp_path_factory.mktemp("field")
    make_corpus.make_pdf("001_8e36cee14575c564", folder / "001.pdf")
    make_corpus.make_field_scan(folder / "001.pdf", folder / "001.field.pdf", seed=make_corpus.NOISE_SEED + 1)
    return folder / "001.field.pdf"


@pytest.mark.slow
def test_a_field_scan_reads_as_its_seed_with_the_signer_through_the_seal(field_scan, corpus_dir):
    from rapidfuzz.fuzz import ratio

    from kehoach.corpus import read
    from kehoach.extract import extract

    doc = read(field_scan)
    seed = read(corpus_dir / "001_8e36cee14575c564.txt")
    assert ratio(" ".join(doc.text.split()), " ".join(seed.text.split())) >= 99.0
    assert all(p.ocr and p.prep and p.prep[0].startswith(("ink", "deskew")) for p in doc.pages)
    assert doc.pages[-1].prep[0] == "ink"  # the seal's page
    assert "Trang" not in doc.text  # the running footer "Trang N/6" is gone
    meta = extract(doc).to_dict()["metadata"]
    assert (meta["signer"], meta["signer_title"]) == ("Đặng Quốc Vinh", "Phó Chủ tịch")
