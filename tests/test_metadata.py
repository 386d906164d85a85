import pytest

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


WEB_PAGE = ("- 1Luật Bình đẳng giới 2006\n- 2Nghị định 70/2008/NĐ-CP hướng dẫn Luật bình đẳng giới\n"
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 192/KH-UBND | Ninh Bình, ngày 15 tháng 12 năm 2022 |\nKẾ HOẠCH\n"
            "TRIỂN KHAI CÔNG TÁC KIỂM TRA VỀ AN TOÀN THỰC PHẨM NĂM 2023\nA. MỤC ĐÍCH, YÊU CẦU\n"
            "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ;\n")


def test_a_web_page_list_of_related_documents_is_not_the_document():
    from kehoach.extract.refs import extract_refs

    d = doc(WEB_PAGE)
    m = extract_metadata(d)
    assert d.text[m.extra["header_start"] :].startswith("ỦY BAN NHÂN DÂN")
    assert (m.number, m.title, m.year) == ("192/KH-UBND", "TRIỂN KHAI CÔNG TÁC KIỂM TRA VỀ AN TOÀN THỰC PHẨM NĂM 2023", 2023)
    assert [r.key for r in extract_refs(d, m)] == ["192/KH-UBND", "28/NQ-CP"]


def test_a_plain_document_starts_at_its_first_line():
    assert "header_start" not in meta("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/KH-UBND\n").extra


@pytest.mark.parametrize("title, issued, year", [
    ("Thực hiện công tác bình đẳng giới năm 2022", 2022, 2022),
    ("TRIỂN KHAI CÔNG TÁC AN TOÀN THỰC PHẨM NĂM 2023", 2022, 2023),
    ("Chương trình điều chỉnh mức sinh phù hợp đến năm 2030", 2022, 2022),
    ("Kế hoạch hành động giai đoạn 2006 - 2010", 2007, 2007),
    ("Kế hoạch hành động giai đoạn 2021 - 2025", 2020, 2021),
    ("đến năm 2025, tầm nhìn đến năm 2030", 2020, 2020),
])
def test_the_year_a_plan_covers(title, issued, year):
    from kehoach.extract.metadata import plan_year

    assert plan_year(title, issued) == year


def test_a_title_stops_where_the_body_begins():
    m = meta("KẾ HOẠCH\nTRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2014\nNăm 2014, Thành phố tiếp tục tập trung chỉ đạo.\n")
    assert m.title == "TRIỂN KHAI THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2014"


def test_signer_on_the_title_line_or_after_stray_punctuation():
    m = meta("Nơi nhận:\n- Lưu VT.\nPHÓ CHỦ TỊCHNguyễn Thị Thu\n")
    assert (m.signer, m.signer_title) == ("Nguyễn Thị Thu", "Phó Chủ tịch")
    m = meta("Nơi nhận:\n- Lưu VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Thành Lập ;\n")
    assert (m.signer, m.signer_title) == ("Trần Thành Lập", "Phó Chủ tịch")


def test_ocr_noise_in_the_number_and_the_signer_title():
    m = meta("Số: 1458/UBND-VX¿\n⁄v triển khai công tác năm 2020\nHà Tĩnh, ngày 13 tháng 3 năm 2020\n"
             "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHO CHỦ TỊCH\nĐặng Quốc Vinh\n")
    assert (m.number, m.doc_type, m.signer, m.signer_title) == ("1458/UBND-VX", "Công văn", "Đặng Quốc Vinh", "Phó Chủ tịch")


def test_a_signer_a_scan_reads_before_the_title_line_the_seal_overlaps():
    m = meta("Nơi nhận:\n- Lưu: VT, VX1.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH ci\nĐặng Quốc Vinh\nPHÓ CHỦ TỊCH\n")
    assert (m.signer, m.signer_title) == ("Đặng Quốc Vinh", "Phó Chủ tịch")
    m = meta("Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐặng Quốc Vinh\nPHỤ LỤC\n")
    assert (m.signer, m.signer_title) == ("Đặng Quốc Vinh", "Phó Chủ tịch")  # an annex after the name is no title


def test_commune_and_department_plans():
    m = meta("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Tân Phú, ngày 05 tháng 3 năm 2023\nKẾ HOẠCH\nBình đẳng giới trên địa bàn xã năm 2023\n"
             "Căn cứ Kế hoạch số 20/KH-UBND ngày 10/02/2023 của UBND huyện Đức Hòa;\n")
    assert (m.level, m.province, m.issuer) == ("commune", "Long An", "UBND xã Tân Phú")
    m = meta("UBND TỈNH NGHỆ AN\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 300/KH-SLĐTBXH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Nghệ An, ngày 05 tháng 3 năm 2023\nKẾ HOẠCH\nTruyền thông về bình đẳng giới năm 2023\n")
    assert (m.number, m.level, m.issuer) == ("300/KH-SLĐTBXH", "province", "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An")


def test_a_web_page_around_the_document_and_a_signature_in_a_bar_row():
    from kehoach.extract.refs import extract_refs

    d = doc("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 45/KH-UBND | Lạng Sơn, ngày 02 tháng 3 năm 2023 |\n"
            "KẾ HOẠCH\nBình đẳng giới năm 2023\nCăn cứ Luật Bình đẳng giới;\n"
            "| Nơi nhận: - Bộ Lao động - TB&XH (b/c); - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nông Thị Thu Hằng |\n"
            "Văn bản gốc | Tải về | In văn bản\nBài viết liên quan\nKế hoạch 106/KH-UBND năm 2022 thực hiện Đề án\n")
    m = extract_metadata(d)
    assert (m.signer, m.signer_title) == ("Nông Thị Thu Hằng", "Phó Chủ tịch")
    assert [r.key for r in extract_refs(d, m)] == ["45/KH-UBND", "Luật Bình đẳng giới"]


def test_a_signer_title_read_across_from_the_distribution_list():
    m = meta("Nơi nhận:\n- Bộ Lao động - Thương binh và Xã hội (b/c); PHÓ CHỦ TỊCH\n- Lưu: VT.\nHoàng Văn Nam\n")
    assert (m.signer, m.signer_title) == ("Hoàng Văn Nam", "Phó Chủ tịch")


def test_a_number_whose_so_a_scan_misread():
    m = meta("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\n| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "X ố: 239/KH-UBND | Phú Yên, ngày 27 tháng 10 năm 2023\nKẾ HOẠCH\nTổ chức Tháng hành động năm 2023\n")
    assert (m.number, m.issued_date, m.province) == ("239/KH-UBND", "2023-10-27", "Phú Yên")


def test_a_commune_named_like_a_district_is_a_commune():
    m = meta("ỦY BAN NHÂN DÂN\nXÃ PHÚ LƯƠNG\nSố: 45/QĐ-UBND\nPhú Lương, ngày 19 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
             "Về việc ban hành Kế hoạch thực hiện công tác dân số năm 2026 trên địa bàn xã Phú Lương, tỉnh Thái Nguyên\n")
    assert (m.level, m.district) == ("commune", None)


def test_a_thi_xa_and_a_party_style_number():
    m = meta("ỦY BAN NHÂN DÂN\nTHỊ XÃ MƯỜNG LAY\nSố: 58/KH-UBND\nMường Lay, ngày 04 tháng 3 năm 2024\nKẾ HOẠCH\n"
             "Phòng, chống bạo lực gia đình năm 2024\nThực hiện Kế hoạch của UBND tỉnh Điện Biên.\n")
    assert (m.level, m.district) == ("district", "Mường Lay")
    m = meta("BCH ĐOÀN TNCS HỒ CHÍ MINH\nTỈNH TRÀ VINH\nSố: 87-KH/TĐTN-CTTN\nTrà Vinh, ngày 20 tháng 5 năm 2024\nKẾ HOẠCH\n"
             "Tổ chức Tháng hành động vì trẻ em năm 2024\n")
    assert m.number == "87-KH/TĐTN-CTTN"


@pytest.mark.parametrize("letterhead, issuer", [
    ("**VĂN PHÒNG CHÍNH\nPHỦ**\n-------\nSố: 634/TB-VPCP\n", "Văn phòng Chính phủ"),
    ("BỘ TÀI CHÍNH\n**CỤC THUẾ**\n-------\nSố: 5363/CT-CS\n", None),
])
def test_a_central_letterhead_is_no_province_whatever_its_place_line(letterhead, issuer):
    m = meta(letterhead + "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
             "*Hà Nội, ngày 22 tháng 11 năm 2025*\n**THÔNG BÁO**\nKết luận tại buổi làm việc với tỉnh Thanh Hóa\n")
    assert (m.level, m.province, m.issuer) == ("central", None, issuer)
    local = meta("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n-------\nSố: 12/KH-UBND\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
                 "*Hà Nội, ngày 22 tháng 11 năm 2025*\n**KẾ HOẠCH**\nThực hiện công tác bình đẳng giới\n")
    assert (local.level, local.province) == ("province", "Hà Nội")


def test_the_prime_ministers_code_keeps_its_lower_case_letter():
    from kehoach.extract.metadata import _number

    assert _number("Số: 224/CĐ-TTg\nHà Nội, ngày 20 tháng 11 năm 2025")[0] == "224/CĐ-TTg"
    assert _number("Số: 12/KH-UBND Hà Tĩnh, ngày 3 tháng 1 năm 2024")[0] == "12/KH-UBND"


def test_a_recipients_line_is_no_signer():
    from kehoach.extract.metadata import _signer

    text = ("Nơi nhận:\n- UBND các tỉnh, thành phố: Hồ Chí Minh, Hà Nội, Đồng Tháp, An\nGiang, Cà Mau;\n"
            "- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp")
    assert _signer(text)[0] == "Nguyễn Sỹ Hiệp"


def test_a_signer_read_across_into_the_recipients_column():
    from kehoach.extract.metadata import _signer

    text = ("Nơi nhận:\n- Ủy ban QG VSTBCPN Việt Nam;\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n- Bộ LĐ-TB&XH;\n"
            "- Chánh VP, PVP Trần Tuấn Nghĩa;\nPHÓ CHỦ TỊCH\n- Trung tâm TT-CB-TH; : Đặng Quốc Vinh\n- Lưu: VT, VX1.")
    assert _signer(text) == ("Đặng Quốc Vinh", "Phó Chủ tịch")


def test_a_name_the_signature_stroke_crosses():
    from kehoach.extract.metadata import _signer, _through_the_pen

    assert _through_the_pen("Vương fQưốc Tuấn") == "Vương Quốc Tuấn"
    assert _through_the_pen("Nguyễn Văn Huỳnh") == "Nguyễn Văn Huỳnh"  # no stray letter: left as read
    text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, KGVX (NTT).\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nVương fQưốc Tuấn"
    assert _signer(text)[0] == "Vương Quốc Tuấn"


def test_central_signers_titles_and_a_name_the_copy_wrapped():
    """A department of a ministry signs "KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG"; a web copy may wrap the signer's name
    inside its bold ("**Nguyễn Quỳnh\\nThiện**")."""
    from kehoach.extract.metadata import extract_metadata

    letter = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5363/CT-CS\nV/v lệ phí trước bạ\nHà Nội, ngày 20 tháng 11 năm 2025\n"
              "Kính gửi: Thuế các tỉnh, thành phố.\nCục Thuế đề nghị các đơn vị thực hiện./.\nNơi nhận:\n- Như trên;\n"
              "- Lưu: VT, CS.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nĐặng Ngọc Minh\n")
    meta = extract_metadata(doc(letter))
    assert (meta.signer, meta.signer_title) == ("Đặng Ngọc Minh", "Phó Cục trưởng")
    decision = ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 2637/QĐ-UBND\nVĩnh Long, ngày 16 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
                "Về việc công bố danh mục thủ tục hành chính\nĐiều 1. Công bố kèm theo Quyết định này.\nNơi nhận:\n"
                "- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n**Nguyễn Quỳnh\nThiện**\nPHỤ LỤC I\n")
    meta = extract_metadata(doc(decision))
    assert (meta.signer, meta.signer_title) == ("Nguyễn Quỳnh Thiện", "Phó Chủ tịch")


def test_a_citys_decision_about_its_communes_is_the_citys():
    """The letterhead stands above the number: a title that names "ỦY BAN NHÂN DÂN XÃ, PHƯỜNG, ĐẶC KHU" is what a
    city's decision is about, not who issued it."""
    from kehoach.extract.metadata import extract_metadata

    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 212/2025/QĐ-UBND\nHải Phòng, ngày 18 tháng 11 năm 2025\n"
            "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ TIÊU CHÍ ĐÁNH GIÁ CÁN BỘ, CÔNG CHỨC TẠI CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN "
            "XÃ, PHƯỜNG, ĐẶC KHU\nỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert extract_metadata(doc(text)).level == "province"


def test_a_title_the_copy_wrapped():
    """A web copy wraps the type word itself ("QUYẾT" / "ĐỊNH") and joins a long capitals title into one line
    after its first word ("PHÂN" / "CẤP THẨM QUYỀN …"): the title is the whole capitals text either way."""
    from kehoach.extract.metadata import extract_metadata

    head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 80/2025/QĐ-UBND\nHà Tĩnh, ngày 24 tháng 11 năm 2025\n"
    wrapped = head + "QUYẾT\nĐỊNH\nBÃI BỎ QUYẾT ĐỊNH\nSỐ 15/2025/QĐ-UBND CỦA ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật;\n"
    meta = extract_metadata(doc(wrapped))
    assert meta.doc_type == "Quyết định" and meta.title.startswith("BÃI BỎ QUYẾT ĐỊNH SỐ 15/2025/QĐ-UBND")
    long = "CẤP THẨM QUYỀN QUYẾT ĐỊNH TIÊU CHUẨN, ĐỊNH MỨC DIỆN TÍCH CHUYÊN DÙNG " * 4
    joined = head + "QUYẾT ĐỊNH\nPHÂN\n" + long.strip() + "\nCăn cứ Luật;\n"
    assert extract_metadata(doc(joined)).title.startswith("PHÂN CẤP THẨM QUYỀN")


def test_a_central_department_whose_name_holds_a_local_word_folded():
    """"BỘ TÀI CHÍNH / CỤC HẢI QUAN" is a central letterhead: folded, "Hải quan" and "Quản lý" read "quan", but
    no "quận" stands in it; "UBND QUẬN 1" is local."""
    from kehoach.extract.metadata import extract_metadata

    letter = ("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 38162/CHQ-GSQL\nV/v hướng dẫn thủ tục hải quan\nHà Nội, ngày 25 tháng 11 năm 2025\n"
              "Kính gửi: Công ty TNHH Minh Long.\nCục Hải quan trả lời để Công ty biết./.\n")
    meta = extract_metadata(doc(letter))
    assert (meta.level, meta.province) == ("central", None)


def test_a_letters_subject_line_however_the_copy_sets_it():
    """"V/v" in the copy's italics with its subject on the next line, or on the number's own line, makes the
    document a letter whatever its symbol's first code says ("CT" is Cục Thuế's, no Chỉ thị); a "CÔNG ĐIỆN"
    title line is a Công điện even with a "V/V" line under it."""
    from kehoach.extract.metadata import extract_metadata

    head = "BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    italic = head + "Số: 5330/CT-CS\n*V/v\nChính sách thuế TNCN*\nHà Nội, ngày 19 tháng 11 năm 2025\nKính gửi: Bà Hằng\n"
    meta = extract_metadata(doc(italic))
    assert (meta.doc_type, meta.title) == ("Công văn", "Chính sách thuế TNCN")
    inline = head + "Số: 5387/CT-CS v/v trả lời phản ánh kiến nghị\nHà Nội, ngày 20 tháng 11 năm 2025\nKính gửi: Độc giả\n"
    assert extract_metadata(doc(inline)).doc_type == "Công văn"
    cable = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 223/CĐ-TTg\n"
             "Hà Nội, ngày 20 tháng 11 năm 2025\nCÔNG ĐIỆN\nV/V TẬP TRUNG ỨNG PHÓ LŨ\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n")
    assert extract_metadata(doc(cable)).doc_type == "Công điện"


def test_a_notice_about_a_period_covers_its_issue_year():
    """A plan for 2026–2030 issued in 2025 covers 2026; a notice of conclusions about a programme for 2026–2035
    only speaks of that period: its year is the year it was issued."""
    from kehoach.extract.metadata import plan_year

    assert plan_year("KẾ HOẠCH XUẤT KHẨU GIAI ĐOẠN 2026 - 2030", 2025) == 2026
    assert plan_year("KẾT LUẬN VỀ CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIAI ĐOẠN 2026-2035", 2025, plan=False) == 2025
    # a letter about next year's work is of the year it was sent (the answers' convention: a plan's year is the
    # year it covers, any other document's its issue year)
    assert plan_year("V/v triển khai nhiệm vụ năm 2026", 2025, plan=False) == 2025


def test_a_provinces_letterhead_is_no_districts_whatever_the_text_under_it_names():
    """A chairman's directive that counts drownings "tại các huyện Bình Sơn, Tư Nghĩa" under its title, and a
    department's letter about "kế hoạch sử dụng đất năm 2023 cấp huyện" asking "UBND huyện" for files: both are
    the province's. The letter, sent in 2022 about 2023, is of 2022."""
    m = extract_metadata(doc(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 08/CT-UBND\nQuảng Ngãi, ngày 14 tháng 5 năm 2019\nCHỈ THỊ\n"
        "Về việc tăng cường công tác phòng, chống tai nạn đuối nước cho trẻ em\nNăm 2018, toàn tỉnh xảy ra 24 vụ "
        "đuối nước, tập trung tại các huyện Bình Sơn, Tư Nghĩa và Đức Phổ.\n"))
    assert (m.level, m.district) == ("province", None)
    m = extract_metadata(doc(
        "UBND TỈNH VĨNH PHÚC\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 2874/STNMT-QLĐĐ\nV/v lập kế hoạch sử dụng đất năm 2023 "
        "cấp huyện\nVĩnh Phúc, ngày 24 tháng 8 năm 2022\nKính gửi: UBND các huyện, thành phố.\nTrường hợp gửi hồ sơ "
        "chậm, Chủ tịch UBND huyện, thành phố chịu trách nhiệm.\n"))
    assert (m.level, m.district, m.year) == ("province", None, 2022)


def test_a_province_keeps_the_name_it_had_when_the_document_was_issued():
    text = "ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\nSố: 1502/QĐ-UBND\nThừa Thiên Huế, ngày 25 tháng 6 năm {y}\nQUYẾT ĐỊNH\nVề việc …\n"
    assert extract_metadata(doc(text.format(y=2024))).province == "Thừa Thiên Huế"
    assert extract_metadata(doc(text.replace("TỈNH THỪA THIÊN HUẾ", "THÀNH PHỐ HUẾ").replace("Thừa Thiên Huế,", "Huế,")
                                .format(y=2025))).province == "Huế"


def test_a_flattened_department_letterhead_and_a_citys_decision_about_digital_change():
    """"UBND TỈNH ĐẮK NÔNG CỘNG HÒA …" / "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG Độc lập - …": a PDF copy flattened the two
    columns, the department issued it. A city's decision "… chuyển đổi số …" ("chuyển" holds "huyen") that names
    "Ủy ban nhân dân quận Ngô Quyền" in its text is the city's."""
    m = extract_metadata(doc("UBND TỈNH ĐẮK NÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG Độc lập - "
                             "Tự do - Hạnh phúc\nSố: 45/KH-STNMT Đắk Nông, ngày 12 tháng 3 năm 2018\nKẾ HOẠCH\nHưởng ứng "
                             "Ngày Môi trường thế giới năm 2018\n"))
    assert m.issuer.startswith("Sở Tài nguyên và Môi trường")
    m = extract_metadata(doc("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 735/QĐ-UBND\nHải Phòng, ngày 10 tháng 3 năm 2023\n"
                             "QUYẾT ĐỊNH\nBan hành Kế hoạch phục vụ chuyển đổi số quốc gia năm 2023\nĐiều 1. Ban hành kèm "
                             "theo Quyết định này Kế hoạch.\n- Ủy ban nhân dân quận Ngô Quyền thí điểm cấp căn cước.\n"))
    assert (m.level, m.district) == ("province", None)


def test_letterheads_flattened_beside_the_motto_and_a_notice_that_opens_with_its_meetings_date():
    m = extract_metadata(doc("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ ĐỒNG LỘC Độc lập - Tự do - Hạnh phúc\n"
                             "Số: 97/KH-UBND Đồng Lộc, ngày 22 tháng 9 năm 2025\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2025\n"))
    assert m.level == "commune" and m.issuer == "UBND xã Đồng Lộc"
    lines = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc",
             "Số: 186/TB-UBND Quảng Trị, ngày 08 tháng 9 năm 2022", "THÔNG BÁO",
             "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo tiến độ giải phóng mặt bằng Dự án Đường ven",
             "biển kết nối hành lang kinh tế Đông - Tây của tỉnh Quảng Trị trong năm 2022 và những năm tiếp theo",
             "Ngày 05/9/2022, Chủ tịch UBND tỉnh chủ trì cuộc họp nghe báo cáo tiến độ; tham dự có UBND các huyện Gio",
             "Linh, Triệu Phong, Hải Lăng và các sở, ngành liên quan của tỉnh, các chủ đầu tư và các nhà thầu."]
    m = extract_metadata(doc("\n".join(lines)))
    assert (m.level, m.district) == ("province", None) and m.title.endswith("những năm tiếp theo")
