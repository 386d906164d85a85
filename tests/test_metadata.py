from helpers import doc
from kehoach.extract.metadata import extract_metadata
from kehoach.extract.places import after_2025, find_district


def meta(text):
    return extract_metadata(doc(text))


def test_two_column_header_flattened():
    m = meta("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 1458/UBND-VX1\nV/v triển khai công tác bình đẳng giới năm 2020\nHà Tĩnh, ngày 13 tháng 3 năm 2020\n"
             "Kính gửi: Các sở\nNơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Quốc Vinh\n")
    assert (m.doc_type, m.number, m.province, m.level, m.issued_date, m.year, m.signer, m.signer_title) == (
        "Công văn", "1458/UBND-VX1", "Hà Tĩnh", "province", "2020-03-13", 2020, "Đặng Quốc Vinh", "Phó Chủ tịch")


def test_web_copied_header_with_bars_and_glued_words():
    m = meta("ỦY BAN NHÂN DÂNTỈNH QUẢNG BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 32/KH-UBND | Quảng Bình, ngày 21 tháng 3 năm 2022\nKẾ HOẠCH\nTriển khai công tác bình đẳng giới năm 2022\n"
             "I. MỤC ĐÍCH\n")
    assert (m.doc_type, m.number, m.province, m.issued_date, m.year) == ("Kế hoạch", "32/KH-UBND", "Quảng Bình", "2022-03-21", 2022)


def test_number_with_spaces_and_italics():
    assert meta("Số: *H32* /KH-UBND\nQuảng Bình, ngày 21 tháng 3 năm 2022\nKẾ HOẠCH\nVề việc\n").number == "H32/KH-UBND"


def test_district_plan_takes_its_province_from_the_text():
    m = meta("KẾ HOẠCH\nTriển khai công tác Bình đẳng giới huyện Trùng Khánh năm 2023\nThực hiện Kế hoạch số 762/KH-UBND "
             "ngày 04 tháng 4 năm 2023 của Ủy ban nhân dân tỉnh Cao Bằng; Ủy ban nhân dân huyện ban hành Kế hoạch\n")
    assert (m.province, m.district, m.level, m.year, m.number) == ("Cao Bằng", "Trùng Khánh", "district", 2023, None)


def test_decision_issuing_a_plan_takes_its_number_from_the_annex():
    m = meta("QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện công tác bình đẳng giới năm 2024\nĐiều 1. Ban hành.\n"
             "KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2024 (Kèm theo Quyết định số 373/QĐ-UBND ngày 08 tháng 4 năm 2024 "
             "của Chủ tịch UBND tỉnh Bắc Ninh)\n")
    assert (m.doc_type, m.number, m.issued_date, m.province, m.year) == ("Quyết định", "373/QĐ-UBND", "2024-04-08", "Bắc Ninh", 2024)
    assert m.extra["plan_title"].startswith("Thực hiện công tác")


def test_places_follow_the_2025_merger():
    assert after_2025("Quảng Bình") == "Quảng Trị"
    assert after_2025("Hà Tĩnh") == "Hà Tĩnh"
    assert find_district("huyện Trùng Khánh", "Cao Bằng") == "Trùng Khánh"
