from helpers import doc
from kehoach.extract.refs import extract_refs
from kehoach.model import Metadata


def refs(text, **meta):
    return {r.key: r for r in extract_refs(doc(text), Metadata(**meta))}


def test_numbered_with_date_and_issuer():
    r = refs("Thực hiện Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ về việc phê duyệt")["2232/QĐ-TTg"]
    assert (r.doc_type, r.number, r.symbol, r.year, r.issued_date, r.issuer) == (
        "Quyết định", "2232", "QĐ-TTg", 2020, "2020-12-28", "Thủ tướng Chính phủ")


def test_year_inside_the_number_and_no_so():
    r = refs("theo Thông tư 191/2009/TT-BTC ngày 01/10/2009 của Bộ Tài chính")["191/2009/TT-BTC"]
    assert (r.doc_type, r.number, r.symbol, r.year) == ("Thông tư", "191", "TT-BTC", 2009)


def test_ocr_noise_in_the_symbol_and_a_glued_date():
    found = refs("Công văn số 418/LĐT BXH-BĐG ngày 23/02/2022 và số 1303/LĐT BXH-VBĐGngày 29/3/2024")
    assert "418/LĐTBXH-BĐG" in found and found["418/LĐTBXH-BĐG"].issued_date == "2022-02-23"
    assert any(k.startswith("1303/LĐTBXH-VBĐG") for k in found)


def test_party_documents_and_long_dates():
    found = refs("Chỉ thị số 37-CT/TW ngày 16/5/1994 của Ban Bí thư; Kế hoạch số 762/KH-UBND ngày 04 tháng 4 năm 2023")
    assert found["37-CT/TW"].doc_type == "Chỉ thị" and found["37-CT/TW"].issued_date == "1994-05-16"
    assert found["762/KH-UBND"].issued_date == "2023-04-04"


def test_named_laws_without_year_and_amending_laws():
    found = refs("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015; Luật sửa đổi, bổ sung một số điều của Luật "
                 "Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương năm 2019; Bộ luật Lao động năm 2019; "
                 "Luật Phòng, chống bạo lực gia đình; văn bản quy phạm pháp luật.")
    assert set(found) == {
        "Luật Tổ chức chính quyền địa phương",
        "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
        "Bộ luật Lao động",
        "Luật Phòng, chống bạo lực gia đình",
    }


def test_each_document_once_with_every_citation_and_its_own_number_self():
    text = "Số: 12/KH-UBND\nThực hiện Nghị định 125/2021/NĐ-CP; theo Nghị định số 125/2021/NĐ-CP ngày 28/12/2021.\n"
    found = refs(text, number="12/KH-UBND")
    assert len(found["125/2021/NĐ-CP"].citations) == 2
    assert found["125/2021/NĐ-CP"].issued_date == "2021-12-28"
    assert found["12/KH-UBND"].self


def test_footnote_citations():
    found = refs("thi hành Luật¹.\n¹ Nghị định 70/2008/NĐ-CP ngày 04/6/2008 của Chính phủ quy định chi tiết.")
    assert found["70/2008/NĐ-CP"].issuer == "Chính phủ"


def test_corpus_identity_is_the_same_across_spellings():
    a = refs("Công văn số 418/LĐT BXH-BĐG ngày 23/02/2022")["418/LĐTBXH-BĐG"]
    b = refs("Công văn 418/LĐTBXH-BĐG ngày 23/2/2022")["418/LĐTBXH-BĐG"]
    assert a.identity == b.identity


def test_a_capitals_title_does_not_glue_ngay_to_the_symbol():
    assert list(refs("KẾ HOẠCH TRIỂN KHAI CHỈ THỊ SỐ 08/CT-TTG NGÀY 04/02/2020 CỦA THỦ TƯỚNG")) == ["08/CT-TTG"]


def test_named_laws_stop_before_their_date():
    found = refs("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003; Luật sửa đổi, bổ sung một số "
                 "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;")
    assert sorted(k.lower() for k in found) == [
        "luật sửa đổi, bổ sung một số điều của luật tổ chức chính phủ và luật tổ chức chính quyền địa phương",
        "luật tổ chức hội đồng nhân dân và ủy ban nhân dân"]


def test_ocr_doubles_a_letter_and_drops_a_diacritic():
    found = refs("Thực hiện Công văn số 418/LĐĐT BXH-BĐG ngày 23/02/2022; Luật sửa đổi, bố sung một số điều của "
                 "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương năm 2019;")
    assert "418/LĐTBXH-BĐG" in found
    assert [k.lower() for k in found if k.startswith("Luật")] == [
        "luật sửa đổi, bố sung một số điều của luật tổ chức chính phủ và luật tổ chức chính quyền địa phương"]


def test_a_type_code_one_letter_off_the_printed_type_is_set_right():
    from kehoach.extract.refs import clean_symbol

    assert clean_symbol("TIr-LĐTBXH", "Tờ trình") == "TTr-LĐTBXH"
    assert clean_symbol("SYT-NVY", "Công văn") == "SYT-NVY"  # no code of that type is that close
    assert clean_symbol("TIr-LĐTBXH") == "TIr-LĐTBXH"  # no type printed: nothing to check against


def test_a_space_after_the_hyphen_of_a_symbol():
    assert "2282/QĐ-TTg" in refs("Quyết định số 2282/QĐ- TTg ngày 31/12/2020 của Thủ tướng Chính phủ")
    assert "125/2021/NĐ-CP" in refs("Nghị định số 125/2021/NĐ-CP ngày 28/12/2021 của Chính phủ")


def test_the_office_of_ban_chi_dao_138_in_a_symbol():
    assert "425/BCĐ138/CP-VPTT" in {k.replace(" ", "") for k in refs("Công văn số 425/BCĐ 138/CP-VPTT ngày 12/3/2024 của Văn phòng")}


def test_a_youth_union_number_with_its_unit():
    assert "215-KH/TWĐTN-CTTN" in refs("Thực hiện Kế hoạch số 215-KH/TWĐTN-CTTN ngày 10/4/2024 của Ban Bí thư Trung ương Đoàn")
    assert "09/KH-BCĐ138/CP" in refs("Kế hoạch số 09/KH-BCĐ138/CP ngày 15/01/2024 của Ban Chỉ đạo 138/CP")


def test_a_named_law_ends_at_punctuation_and_known_names_keep_their_commas():
    from helpers import doc
    from kehoach.extract.refs import extract_refs
    from kehoach.model import Metadata

    text = ("Căn cứ Nghị định số 134/2016/NĐ-CP quy định chi tiết thi hành Luật Thuế xuất khẩu, thuế nhập khẩu;\n"
            "Căn cứ Thông tư hướng dẫn thi hành Luật Kiểm định;*\n*Căn cứ Quyết định số 5/QĐ-UBND;\n"
            "hướng dẫn thi hành Luật Dược.\nMẫu số 27\n")
    named = sorted(r.key for r in extract_refs(doc(text), Metadata()) if r.kind == "named")
    assert named == ["Luật Dược", "Luật Kiểm định", "Luật Thuế xuất khẩu, thuế nhập khẩu"]


def test_a_forms_blank_number_is_no_citation():
    from helpers import doc
    from kehoach.extract.refs import extract_refs
    from kehoach.model import Metadata

    text = "Mẫu số 01\nCăn cứ Luật Chính quyền địa phương số……………………………\n*Căn cứ…………………………\n"
    assert [r.key for r in extract_refs(doc(text), Metadata()) if r.kind == "named"] == []


def test_the_laws_a_numbered_law_amends_are_its_title_not_citations():
    from helpers import doc
    from kehoach.extract.refs import extract_refs
    from kehoach.model import Metadata

    text = ("Căn cứ Luật Đấu thầu số 22/2023/QH15;\nCăn cứ Luật số 90/2025/QH15 sửa đổi, bổ sung một số điều của Luật Đấu "
            "thầu, Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan, Luật Quản lý, sử dụng tài sản công;\n"
            "Căn cứ Nghị định số 243/2025/NĐ-CP quy định chi tiết Luật Đầu tư theo phương thức đối tác công tư;\n")
    named = [r.key for r in extract_refs(doc(text), Metadata()) if r.kind == "named"]
    assert named == ["Luật Đầu tư theo phương thức đối tác công tư"]


def test_a_symbol_whose_hyphen_a_scan_lost():
    """In a title in capitals a scan may drop the hyphen ("CHỈ THỊ SỐ 32/CTTTG"): the printed type's code and an
    issuer's code put back together, it is the same directive the body cites as 32/CT-TTg."""
    from kehoach.extract.refs import clean_symbol

    assert clean_symbol("CTTTG", "Chỉ thị") == "CT-TTg"
    assert clean_symbol("KHĐT", "Công văn") == "KHĐT"  # no type code of a letter opens it: left alone


def test_a_speck_inside_a_known_laws_name():
    """A scan's speck read as "(" between a known law's words ("Luật Tổ chức (chính quyền địa phương") is the law;
    a parenthesis after the whole name ("Luật Đất đai (sửa đổi)") leaves the name as it is."""
    from helpers import doc
    from kehoach.extract.refs import extract_refs
    from kehoach.model import Metadata

    d = doc("Căn cứ Luật Tổ chức (chính quyền địa phương năm 2015; Luật Đất đai (sửa đổi) năm 2024;")
    assert [r.key for r in extract_refs(d, Metadata()) if r.kind == "named"] == [
        "Luật Tổ chức chính quyền địa phương", "Luật Đất đai"]


def test_law_names_with_and():
    """Laws whose names hold "và" (older ones too: "Luật Bảo vệ và phát triển rừng" of 2004, cited until 2018),
    known or not; "và" before a kind of document or a stop word ends the name."""
    keys = lambda text: [k for k, r in refs(text, year=2016).items() if r.kind == "named"]  # noqa: E731
    assert keys("Căn cứ Luật Bảo vệ và Phát triển rừng ngày 03/12/2004;") == ["Luật Bảo vệ và Phát triển rừng"]
    assert keys("Căn cứ Luật Trồng rừng và phát triển cây dược liệu năm 2010;") == ["Luật Trồng rừng và phát triển cây dược liệu"]
    assert keys("theo quy định của Luật Abc và văn bản hướng dẫn;") == ["Luật Abc"]
    assert keys("Căn cứ Luật Lâm nghiệp và Nghị định số 156/2018/NĐ-CP;") == ["Luật Lâm nghiệp"]
