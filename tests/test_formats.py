"""Every format reads into the same clean text: PDF, scan, DOCX, legacy encodings."""

import shutil
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz.fuzz import ratio

from kehoach.corpus import ReadOptions, read
from kehoach.corpus.legacy import detect, fix

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def folded(text):
    return " ".join(text.split())


@pytest.mark.parametrize("seed", ["000_cd3a10cc7c8fb063", "004_28c2f7b1913e88ac"])
@pytest.mark.parametrize("ext, floor", [(".pdf", 98), (".docx", 98)])
def test_renderings_read_like_the_seed(corpus_dir, seed, ext, floor):
    original = read(corpus_dir / f"{seed}.txt").text
    doc = read(corpus_dir / f"{seed}{ext}")
    assert ratio(folded(doc.text), folded(original)) >= floor


def test_pdf_pages_tables_and_provenance(corpus_dir):
    doc = read(corpus_dir / "004_28c2f7b1913e88ac.pdf")
    assert doc.format == "pdf" and len(doc.pages) > 5
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    assert all(a.end == b.start for a, b in zip(doc.pages, doc.pages[1:]))
    assert doc.tables and doc.tables[0].rows[0][:2] == ["TT", "Mục tiêu, chỉ tiêu"]
    assert "\n2\n" not in doc.text  # page numbers dropped


@pytest.mark.slow
def test_scans_are_read_by_ocr(corpus_dir):
    doc = read(corpus_dir / "000_cd3a10cc7c8fb063.scan.pdf")
    assert doc.format == "pdf-ocr" and all(p.ocr and p.confidence > 50 for p in doc.pages)
    original = read(corpus_dir / "000_cd3a10cc7c8fb063.txt").text
    assert ratio(folded(doc.text), folded(original)) >= 97


def test_ocr_never_leaves_a_scan_without_text(corpus_dir):
    from kehoach.errors import KehoachError

    with pytest.raises(KehoachError) as err:
        read(corpus_dir / "000_cd3a10cc7c8fb063.scan.pdf", options=ReadOptions(ocr="never"))
    assert err.value.code == "no_text"


@pytest.mark.slow
def test_images_are_ocred(tmp_path, corpus_dir):
    import pymupdf

    pdf = pymupdf.open(corpus_dir / "000_cd3a10cc7c8fb063.scan.pdf")
    png = tmp_path / "page.png"
    pdf[0].get_pixmap(dpi=200).save(png)
    doc = read(png)
    assert doc.format == "image-ocr" and "KẾ HOẠCH" in doc.text


def test_docx_list_numbering_and_headings(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("TỔ CHỨC THỰC HIỆN", level=1)
    d.add_paragraph("Sở Y tế", style="List Number")
    d.add_paragraph("Tăng cường truyền thông.", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "TT", "Chỉ tiêu"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "Tỷ lệ nữ"
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = read(path, options=ReadOptions(check_language=True))
    lines = doc.text.split("\n")
    assert lines[0] == "TỔ CHỨC THỰC HIỆN" and doc.hints[0].kind == "heading"
    assert lines[1].endswith("Sở Y tế") and lines[1][0].isdigit()
    assert lines[2].startswith(("- ", "• ")) and lines[3:] == ["TT\tChỉ tiêu", "1\tTỷ lệ nữ"]
    assert doc.tables[0].rows == [["TT", "Chỉ tiêu"], ["1", "Tỷ lệ nữ"]]


def _old_tones(text):
    for new, old in (("hòa", "hoà"), ("Hòa", "Hoà"), ("HÒA", "HOÀ"), ("khỏe", "khoẻ"), ("ủy", "uỷ"), ("Ủy", "Uỷ"),
                     ("thủy", "thuỷ"), ("hóa", "hoá")):
        text = text.replace(new, old)
    return text


@pytest.mark.parametrize("seed", sorted(p.name for p in CORPUS.glob("*.txt")))
@pytest.mark.parametrize("spelling", ["NFD", "old tones", "NFD old tones"])
def test_nfd_and_old_tone_marks_read_the_same(tmp_path, corpus_dir, seed, spelling):
    """Line widths are measured after NFC and tone placement: an NFD copy (each tone mark a character of its
    own) or an old-style one ("hoà") joins its printed lines exactly as the NFC text does."""
    original = (corpus_dir / seed).read_text(encoding="utf-8")
    changed = _old_tones(original) if "old" in spelling else original
    changed = unicodedata.normalize("NFD", changed) if "NFD" in spelling else changed
    assert changed != original
    path = tmp_path / seed
    path.write_text(changed, encoding="utf-8")
    assert read(path).text == read(corpus_dir / seed).text


def test_tcvn3_and_vni_are_converted(tmp_path):
    assert fix("Céng hoµ x· héi chñ nghÜa ViÖt Nam. Së Y tÕ") == ("Cộng hoà xã hội chủ nghĩa Việt Nam. Sở Y tế", "tcvn3")
    assert fix("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Sôû Y teá") == ("Cộng hòa xã hội chủ nghĩa Việt Nam. Sở Y tế", "vni")
    assert detect("Cộng hòa xã hội chủ nghĩa Việt Nam") is None
    # a TCVN3 file as bytes (Latin-1 on disk), read end to end
    path = tmp_path / "old.txt"
    path.write_bytes("KÕ ho¹ch triÓn khai c«ng t¸c b×nh ®¼ng giíi n¨m 2022. Së Y tÕ chñ tr×.".encode("latin-1"))
    doc = read(path)
    assert doc.text == "Kế hoạch triển khai công tác bình đẳng giới năm 2022. Sở Y tế chủ trì."
    assert doc.warnings == ["converted from legacy TCVN3 encoding"]


def test_doc_without_a_converter_says_what_to_install(tmp_path, monkeypatch):
    from kehoach.errors import KehoachError

    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(KehoachError) as err:
        read(path)
    assert err.value.code == "converter_missing" and "antiword" in err.value.line()


def _two_column_pdf(path):
    """A letterhead and a signature laid out as two columns side by side, the way office documents print them."""
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    rows = [(60, "ỦY BAN NHÂN DÂN", 300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (60, "TỈNH HÀ TĨNH", 320, "Độc lập - Tự do - Hạnh phúc"),
            (60, "Số: 1458/UBND-VX1", 320, "Hà Tĩnh, ngày 13 tháng 3 năm 2020")]
    y = 60
    for x1, left, x2, right in rows:
        page.insert_text((x1, y), left, fontsize=12, fontname="dv", fontfile=_font())
        page.insert_text((x2, y), right, fontsize=12, fontname="dv", fontfile=_font())
        y += 16
    page.insert_text((60, 150), "Sở Y tế tăng cường truyền thông về bình đẳng giới./.", fontsize=12, fontname="dv", fontfile=_font())
    sign = [(60, "Nơi nhận:", 360, "KT. CHỦ TỊCH"), (60, "- Như trên;", 360, "PHÓ CHỦ TỊCH"), (60, "- Lưu: VT, VX1.", None, None)]
    y = 190
    for x1, left, x2, right in sign:
        page.insert_text((x1, y), left, fontsize=12, fontname="dv", fontfile=_font())
        if right:
            page.insert_text((x2, y), right, fontsize=12, fontname="dv", fontfile=_font())
        y += 16
    page.insert_text((365, 300), "Đặng Quốc Vinh", fontsize=12, fontname="dv", fontfile=_font())
    pdf.save(path)


def _font():
    from pathlib import Path

    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"):
        if Path(candidate).exists():
            return candidate
    pytest.skip("no font with Vietnamese letters on this machine")


def test_pdf_side_by_side_columns_read_left_then_right(tmp_path):
    _two_column_pdf(tmp_path / "letter.pdf")
    assert read(tmp_path / "letter.pdf").text.split("\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 1458/UBND-VX1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Hà Tĩnh, ngày 13 tháng 3 năm 2020", "Sở Y tế tăng cường truyền thông về bình đẳng giới./.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT, VX1.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đặng Quốc Vinh"]


def test_docx_layout_tables_read_column_by_column(tmp_path):
    import docx

    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH"
    header.cell(0, 0).add_paragraph("Số: 1458/UBND-VX1")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Hà Tĩnh, ngày 13 tháng 3 năm 2020")
    d.add_paragraph("Sở Y tế tăng cường truyền thông./.")
    data = d.add_table(rows=2, cols=2)
    data.cell(0, 0).text, data.cell(0, 1).text, data.cell(1, 0).text, data.cell(1, 1).text = "TT", "Chỉ tiêu", "1", "Tỷ lệ nữ"
    d.save(tmp_path / "letter.docx")
    doc = read(tmp_path / "letter.docx")
    assert all(read(tmp_path / "letter.docx").text == doc.text for _ in range(5))  # no cell lost to a reused id
    assert doc.text.split("\n") == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 1458/UBND-VX1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Hà Tĩnh, ngày 13 tháng 3 năm 2020", "Sở Y tế tăng cường truyền thông./.", "TT\tChỉ tiêu", "1\tTỷ lệ nữ"]
    assert [t.rows for t in doc.tables] == [[["TT", "Chỉ tiêu"], ["1", "Tỷ lệ nữ"]]]


def test_specks_a_seal_leaves_at_the_ends_of_ocr_lines_are_dropped():
    from kehoach.corpus.ocr import parse_tsv

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header, "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t"]
    for line, top, words in ((1, 100, [">`~-.", "KT.", "CHỦ", "TỊCH"]), (2, 150, ["(¿", ":", "PHÓ", "CHỦ", "TỊCH", "ˆ"]),
                             (3, 200, ["-", "Lưu:", "VT./."]), (4, 250, ["`", "”"]), (5, 300, ["thực", "hiện", "./."])):
        for n, word in enumerate(words, start=1):
            rows.append(f"5\t1\t1\t1\t{line}\t{n}\t{100 + 80 * n}\t{top}\t60\t40\t90\t{word}")
    lines, _ = parse_tsv("\n".join(rows))
    assert [ln["text"] for ln in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "- Lưu: VT./.", "thực hiện ./."]
    assert lines[0]["bbox"][0] == 260  # the line starts at its first word, not at the speck


def test_ocr_lines_cut_by_a_wide_gap_are_read_as_two_columns():
    from kehoach.corpus.ocr import parse_tsv
    from kehoach.corpus.pdf import lines_to_paragraph_lines

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header, "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t"]

    def words(line, top, *placed):
        for n, (left, word) in enumerate(placed, start=1):
            rows.append(f"5\t1\t1\t1\t{line}\t{n}\t{left}\t{top}\t{18 * len(word)}\t40\t95\t{word}")

    words(1, 100, (150, "ỦY"), (210, "BAN"), (290, "NHÂN"), (390, "DÂN"), (900, "CỘNG"), (1010, "HÒA"))
    words(2, 150, (170, "TỈNH"), (280, "HÀ"), (340, "TĨNH"), (920, "Độc"), (1000, "lập"))
    words(3, 1500, (150, "Nơi"), (230, "nhận:"), (1000, "KT."), (1080, "CHỦ"), (1170, "TỊCH"))
    words(4, 1550, (150, "-"), (180, "Lưu:"), (280, "VT."))
    words(5, 1700, (1010, "Hồ"), (1070, "An"), (1130, "Phong"))
    lines, conf = parse_tsv("\n".join(rows))
    assert conf == 95
    assert [ln.text for ln in lines_to_paragraph_lines(lines, page=1)] == [
        "ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "CỘNG HÒA", "Độc lập", "Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH", "Hồ An Phong"]


def _scan_page(corpus_dir, number: int):
    """One page of the 004 scan as a PDF of its own (OCR'ing the whole scan takes seconds a page)."""
    import pymupdf

    src = pymupdf.open(corpus_dir / "004_28c2f7b1913e88ac.scan.pdf")
    one = pymupdf.open()
    one.insert_pdf(src, from_page=number - 1, to_page=number - 1)
    return one


def test_a_scanned_ruled_table_is_read_cell_by_cell(tmp_path, corpus_dir):
    """OCR reads across a ruled table's cells; the grid of its rules, found in the image, puts each word back
    in its cell, as the digital PDF's reader does, and the table's text leaves the page's lines."""
    path = tmp_path / "annex.pdf"
    _scan_page(corpus_dir, 10).save(path)
    doc = read(path)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert rows[0][:3] == ["TT", "Mục tiêu, chỉ tiêu", "Kết quả năm 2024"] and rows[0][5] == "Kỳ báo cáo"
    assert len(rows) == 3 and rows[1][1] == "Mục tiêu 1: Trong lĩnh vực chính trị."
    assert rows[2][4] == "Sở Nội Vụ; Các huyện, thành phố; Sở Lao động" and rows[2][5] == "Theo năm"
    assert "Sở Nội Vụ; Các huyện, thành phố; Sở Lao động\tTheo năm" in doc.text
    assert "Các |Theo" not in doc.text and "Vụ; Các |" not in doc.text  # no longer read across the cells


def test_a_scanned_image_keeps_its_tables(tmp_path, corpus_dir):
    png = tmp_path / "annex.png"
    _scan_page(corpus_dir, 10)[0].get_pixmap(dpi=200).save(png)
    doc = read(png)
    assert doc.format == "image-ocr" and len(doc.tables) == 1 and doc.tables[0].page == 1
    assert doc.tables[0].rows[2][5] == "Theo năm"


def test_ruled_grid_found_on_a_slanted_page_and_none_in_prose():
    """A table drawn turned by 0.7° (less than the turn `scanprep` corrects): its rules are found along the
    slant; lines of text, however dense, make no grid."""

    import numpy as np
    from PIL import Image, ImageDraw

    from kehoach.corpus.scantables import fill, find_grids

    img = Image.new("L", (1654, 1200), 250)
    draw = ImageDraw.Draw(img)
    xs, ys = [200, 400, 1000, 1400], [300, 400, 520, 640]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=20, width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=20, width=3)
    for y in (800, 830, 860):  # a paragraph's dense lines: no rule
        draw.rectangle([200, y, 1400, y + 14], fill=40)
    turned = np.asarray(img.rotate(0.7, resample=Image.BICUBIC, fillcolor=250))
    slope = -float(np.tan(np.radians(0.7)))
    grids = find_grids(turned, 200, slope)
    assert len(grids) == 1 and len(grids[0].xs) == 4 and len(grids[0].ys) == 4
    # a word's centre, turned with the page, lands in its cell
    centre = (1654 / 2, 1200 / 2)

    def turn(x, y):
        t = np.radians(0.7)
        dx, dy = x - centre[0], y - centre[1]
        return centre[0] + dx * np.cos(t) + dy * np.sin(t), centre[1] - dx * np.sin(t) + dy * np.cos(t)

    words = []
    for (x, y), word in (((300, 350), "1"), ((700, 350), "Sở"), ((760, 350), "Y"), ((800, 350), "tế"),
                         ((1200, 460), "Quý"), ((1250, 460), "I"), ((1200, 380), "|")):
        tx, ty = turn(x, y)
        words.append((word, (int(tx) - 10, int(ty) - 10, int(tx) + 10, int(ty) + 10)))
    assert fill(grids[0], words) == [["1", "Sở Y tế", ""], ["", "", "Quý I"]]


def test_paragraph_spacing_tells_a_new_paragraph_on_a_page_of_short_items():
    """A page of short items spaced apart ("5. Sở Công Thương" over "Chủ trì …"): the gap between two lines of one
    paragraph is measured where a full line runs on in lower case, so a full line that ends a sentence, then a
    paragraph's spacing, then a capital, is two paragraphs."""
    from kehoach.corpus.layout import lines_to_paragraph_lines

    lines, y = [], 100
    for text, right, gap in (("a) Nghiên cứu lồng ghép chỉ tiêu, nhiệm vụ phát triển kinh tế", 1092, 4),
                             ("số, xã hội số vào các quy hoạch, kế hoạch, chương trình, dự án", 1092, 4),
                             ("đầu tư của tỉnh và các cơ chế, chính sách khuyến khích doanh", 1092, 3),
                             ("nghiệp đầu tư.", 400, 13), ("5. Sở Công Thương", 500, 13),
                             ("Chủ trì triển khai các nhiệm vụ tại mục (IV) (3) của Kế hoạch.", 1060, 13),
                             ("Tăng cường quản lý, thanh tra, kiểm tra, tuyên truyền về thương", 1092, 3),
                             ("mại điện tử.", 300, 13), ("6. Sở Y tế", 300, 13)):
        lines.append({"text": text, "bold": False, "size": 30, "bbox": (150, y, right, y + 30)})
        y += 30 + gap
    out = [ln.text for ln in lines_to_paragraph_lines(lines, page=1, edges=(150, 1093))]
    assert "Chủ trì triển khai các nhiệm vụ tại mục (IV) (3) của Kế hoạch." in out
    assert out[0].endswith("khuyến khích doanh nghiệp đầu tư.")


def test_a_speck_read_as_a_foreign_letter_before_an_items_letter():
    from kehoach.corpus.ocr import parse_tsv

    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header, "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t"]
    for n, word in enumerate(["øg)", "UBND", "các", "xã,", "phường"], start=1):
        rows.append(f"5\t1\t1\t1\t1\t{n}\t{100 + 90 * n}\t100\t70\t40\t90\t{word}")
    lines, _ = parse_tsv("\n".join(rows))
    assert [ln["text"] for ln in lines] == ["g) UBND các xã, phường"]
