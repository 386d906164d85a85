from helpers import doc
from kehoach.extract.tables import extract_tables


def test_tab_separated_runs_become_tables_with_captions():
    d = doc("Phụ lục 01\nKẾT QUẢ THỰC HIỆN\nTT\tChỉ tiêu\tĐơn vị\nI\tMục tiêu 1\t%\n1\tChỉ tiêu 1\tngười\nHết.\n")
    [t] = extract_tables(d)
    assert t.caption == "Phụ lục 01" and t.header == ["TT", "Chỉ tiêu", "Đơn vị"]
    assert t.rows == [["I", "Mục tiêu 1", "%"], ["1", "Chỉ tiêu 1", "người"]]
    assert d.text[t.span[0] : t.span[1]].startswith("TT\t")


def test_the_seed_annex(corpus_dir):
    from kehoach.corpus import read

    tables = extract_tables(read(corpus_dir / "004_28c2f7b1913e88ac.txt"))
    assert tables and tables[0].header[:2] == ["TT", "Mục tiêu, chỉ tiêu"]


def test_a_task_table_a_scan_gave_as_loose_lines():
    """Tesseract reads a ruled table cell by cell: the indicator, the bodies, the period, each on its own lines.
    On OCR'd pages the rows are rebuilt (extract/loose_tables.py); a body cell heads no task of the text."""
    from helpers import doc
    from kehoach.extract import extract

    text = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 373/QĐ-UBND
Bắc Ninh, ngày 08 tháng 4 năm 2024
KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU
Mục tiêu, chỉ tiêu
Kết quả năm 2024
Đơn vị tính
Đơn vị chủ trì tham mưu thực hiện
Kỳ báo cáo
Mục tiêu 2: Trong lĩnh vực kinh tế, lao động.
Chỉ tiêu 1: Tăng tỷ lệ lao động nữ làm công, hưởng lương lên đạt 50% vào năm 2025
và khoảng 60% vào năm 2030.
Sở LĐTBXH, Cục
Thống kê
Theo năm
Chỉ tiêu 2: Giảm tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp.
Sở Giáo dục và Đào tạo; Sở Y tế
Theo năm
Tổng số nạn nhân được phát hiện
"""
    from kehoach.model import Page

    scanned = doc(text)
    scanned.pages = [Page(number=1, start=0, end=len(scanned.text), ocr=True)]
    got = [(a["agency_key"], a["role"], a["origin"], a["text"][:12]) for a in extract(scanned).to_dict()["assignments"]]
    assert ("so-lao-dong-tbxh", "lead", "table", "Chỉ tiêu 1: ") in got
    assert ("so-giao-duc-dao-tao", "lead", "table", "Chỉ tiêu 2: ") in got and ("so-y-te", "lead", "table", "Chỉ tiêu 2: ") in got
    assert all(origin == "table" for _, _, origin, _ in got)  # no body cell read as a heading over the lines below
    full = next(a for a in extract(scanned).to_dict()["assignments"] if a["agency_key"] == "so-lao-dong-tbxh")
    assert full["text"].endswith("khoảng 60% vào năm 2030.")  # the indicator's wrapped line is part of it
    digital = extract(doc(text)).to_dict()["assignments"]  # a text layer keeps its own rules
    assert not any(a["rule"] == "table_row" for a in digital)


def test_a_task_table_cut_by_a_page_break_keeps_its_header():
    """A table whose header is not repeated on the next page goes on there, past a short line between (a
    page's foot, a speck a scan read as a word); a table after a caption of its own does not."""
    from kehoach.extract import extract

    head = ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 12/KH-UBND\nBắc Ninh, ngày 08 tháng 4 năm 2024\nKẾ HOẠCH\nPhụ lục\n"
            "TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n1\tTuyên truyền về bình đẳng giới\tSở Văn hóa và Thể thao\tQuý I/2024\n")
    rows = "2\tKiểm tra việc thực hiện chính sách\tSở Y tế\tQuý II/2024\n"
    found = extract(doc(head + "đUÊ\n" + rows)).assignments
    assert [(a.agency, a.origin) for a in found if a.text.startswith("Kiểm tra")] == [("Sở Y tế", "table")]
    other = extract(doc(head + "Phụ lục 02\nBIỂU TỔNG HỢP\n" + rows)).assignments
    assert not [a for a in other if a.text.startswith("Kiểm tra")]


def test_a_ruled_tables_rows_stand_where_the_page_prints_them():
    """A table in the middle of a page is read between the lines above and below it, not after the page's last
    line (a task table under section III, before "IV. TỔ CHỨC THỰC HIỆN", stayed in section III)."""
    from kehoach.corpus.layout import lines_to_paragraph_lines
    from kehoach.corpus.pdf import tables_in_place, with_table_marks
    from kehoach.model import Table

    def line(text, y):
        return {"text": text, "bbox": (50.0, y, 500.0, y + 10), "bold": False, "size": 10}

    lines = [line("III. NỘI DUNG, TIẾN ĐỘ THỰC HIỆN", 100), line("IV. TỔ CHỨC THỰC HIỆN", 300),
             line("1. Sở Nông nghiệp và Phát triển nông thôn chủ trì.", 320)]
    table = Table(rows=[["TT", "Nội dung", "Cơ quan thực hiện"], ["1", "Rà soát", "UBND các huyện"]], page=2)
    marked = with_table_marks(lines, [150.0])
    out = tables_in_place(lines_to_paragraph_lines(marked, page=2, edges=(50.0, 500.0)), [table], 2)
    assert [ln.text for ln in out] == ["III. NỘI DUNG, TIẾN ĐỘ THỰC HIỆN", "TT\tNội dung\tCơ quan thực hiện",
                                       "1\tRà soát\tUBND các huyện", "IV. TỔ CHỨC THỰC HIỆN",
                                       "1. Sở Nông nghiệp và Phát triển nông thôn chủ trì."]
    # a table whose place is unknown follows the page's lines, as before
    out = tables_in_place(lines_to_paragraph_lines(with_table_marks(lines, [None]), page=2, edges=(50.0, 500.0)), [table], 2)
    assert out[-1].text == "1\tRà soát\tUBND các huyện"


def test_a_rule_read_as_a_bar_gives_its_words_back_to_their_cell():
    """"", "TT|Nội dung công việc": a scan read the column rule as "|"; the header is found again."""
    from kehoach.extract import extract

    text = ("Điều 1. Ban hành kế hoạch.\n\tTT|Nội dung công việc\tCơ quan thực hiện\tThời gian hoàn thành\n"
            "1\tRà soát, xác định đối tượng hộ gia đình được hỗ trợ\tUBND các huyện, thành phố\tTháng 12/2015\n")
    found = extract(doc(text)).assignments
    assert [(a.agency_key, a.origin) for a in found] == [("ubnd-huyen", "table")]
