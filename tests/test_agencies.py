import pytest

from kehoach.extract.agencies import (
    SECTORS,
    by_key,
    by_sector,
    candidates,
    find_mentions,
    fold_keep,
    listed_bodies,
    lookup,
)
from kehoach.extract.places import province_names


def test_every_sector_of_the_schema_has_a_body():
    for sector in SECTORS:
        if sector != "other":
            assert by_sector(sector), sector


@pytest.mark.parametrize(
    "name, key",
    [
        ("Sở Văn hóa, Thể thao và Du lịch", "so-van-hoa-the-thao-du-lich"),
        ("Sở Văn hóa - Thể thao và Du lịch", "so-van-hoa-the-thao-du-lich"),
        ("Sở VHTTDL", "so-van-hoa-the-thao-du-lich"),
        ("Sở Lao động - Thương binh và Xã hội", "so-lao-dong-tbxh"),
        ("Sở LĐTBXH", "so-lao-dong-tbxh"),
        ("Sở LĐ-TB&XH", "so-lao-dong-tbxh"),
        ("Sở Nông nghiệp và Môi trường", "so-nong-nghiep-moi-truong"),  # the 2025 body; lineage links its predecessors
        ("Sở Dân tộc và Tôn giáo", "so-dan-toc-ton-giao"),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "ubnd-huyen"),
        ("Uỷ ban nhân dân các huyện, thị xã, thành phố", "ubnd-huyen"),
        ("UBND các xã, phường, thị trấn", "ubnd-xa"),
        ("Phòng Y tế", "phong-y-te"),
        ("Trung tâm Y tế huyện", "trung-tam-y-te-huyen"),
    ],
)
def test_variants_and_abbreviations_resolve(name, key):
    assert lookup(name).key == key


def test_levels_come_from_the_words_after_the_name():
    found = find_mentions("Công an huyện phối hợp với Hội Liên hiệp Phụ nữ tỉnh")
    assert [(m.agency.sector, m.agency.level) for m in found] == [("police", "district"), ("womens_union", "province")]
    assert find_mentions("Hội Nông dân", default_level="district")[0].agency.level == "district"


def test_a_place_in_a_name_resolves_to_the_body():
    found = find_mentions("Báo Quảng Bình, Đài Phát thanh và Truyền hình Quảng Bình")
    assert [m.agency.sector for m in found] == ["media", "media"]
    assert found[0].text == "Báo Quảng Bình"


def test_no_place_name_resolves_to_a_body():
    for name in province_names():
        assert lookup(name) is None, name
        assert find_mentions(f"tỉnh {name}") == []


def test_common_nouns_are_not_bodies():
    assert find_mentions("tăng cường thanh tra, kiểm tra; lực lượng công an các cấp; báo cáo kết quả") == []


def test_typos_and_queries_without_diacritics():
    assert lookup("Sở Y tês").key == "so-y-te"
    assert candidates("so y te")[0][0].key == "so-y-te"
    assert candidates("SYT")[0][0].key == "so-y-te"
    assert by_key("hoi-lien-hiep-phu-nu-huyen").level == "district"


def test_fold_keeps_one_character_per_character():
    text = "Sở Lao động - Thương binh và Xã hội (LĐ-TB&XH)"
    assert len(fold_keep(text)) == len(text)
    assert fold_keep("Đắk") == "dak"


def test_commune_bodies():
    from kehoach.extract.agencies import find_mentions

    found = [(m.agency.sector, m.agency.level) for m in find_mentions(
        "Công chức Văn hóa - Xã hội, Trạm Y tế xã, Ban Chỉ huy Quân sự xã, Công chức Tư pháp - Hộ tịch, Công an xã")]
    assert found == [("labour_social", "commune"), ("health", "commune"), ("military", "commune"), ("justice", "commune"),
                     ("police", "commune")]


@pytest.mark.parametrize("name, sector, level", [
    ("Huyện đoàn", "youth_union", "district"), ("Tỉnh đoàn", "youth_union", "province"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "health", "province"), ("Chi cục Dân số - Kế hoạch hóa gia đình", "health", "province"),
    ("Trung tâm Công tác xã hội tỉnh", "labour_social", "province"), ("Bảo hiểm xã hội huyện", "other", "district"),
    ("Ngân hàng Chính sách xã hội tỉnh", "other", "province"), ("Sở Ngoại vụ", "other", "province"),
    ("Hội Người khuyết tật tỉnh", "other", "province"), ("Hội Bảo trợ người khuyết tật và trẻ mồ côi huyện", "other", "district"),
    ("Hội Nạn nhân chất độc da cam/dioxin tỉnh", "other", "province"), ("Hội Sinh viên tỉnh", "youth_union", "province"),
    ("Trung tâm Trợ giúp pháp lý nhà nước tỉnh", "justice", "province"), ("Bệnh viện Đa khoa tỉnh", "health", "province"),
])
def test_more_bodies_of_the_genre(name, sector, level):
    from kehoach.extract.agencies import find_mentions

    found = find_mentions(name, default_level="province")
    assert [(m.agency.sector, m.agency.level) for m in found] == [(sector, level)]


@pytest.mark.parametrize("name, key, sector", [
    ("Bộ Tài chính", "bo-tai-chinh", "finance"), ("Bộ Quốc phòng", "bo-quoc-phong", "military"),
    ("Bộ LĐTBXH", "bo-lao-dong-tbxh", "labour_social"), ("Bộ NN&PTNT", "bo-nong-nghiep-ptnt", "agriculture"),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "ubnd-tinh", "people_committee"),
    ("các Bộ, cơ quan ngang Bộ", "cac-bo-nganh", "all_departments"),
])
def test_ministries_are_central_bodies_not_departments(name, key, sector):
    found = find_mentions(name)
    assert [(m.agency.key, m.agency.sector) for m in found] == [(key, sector)]
    assert found[0].agency.level == ("province" if key == "ubnd-tinh" else "central")
    assert lookup("Bộ Y tế").key == "bo-y-te" and lookup("Sở Y tế").key == "so-y-te"
    branch = find_mentions("Ngân hàng Nhà nước chi nhánh khu vực 14 chủ trì", unknown=True)
    assert [m.agency.level for m in branch] == ["province"]  # a branch is no ministry-level body


def test_ministries_listed_after_their_shared_word():
    text = ("Các Bộ, cơ quan: Tài chính, Xây dựng, Văn hóa, Thể thao và Du lịch, Công Thương và Ngoại giao "
            "theo chức năng, nhiệm vụ khẩn trương rà soát")
    assert [m.agency.key for m in find_mentions(text)] == [
        "bo-tai-chinh", "bo-xay-dung", "bo-van-hoa-the-thao-du-lich", "bo-cong-thuong", "bo-ngoai-giao"]
    # a name that is no ministry ends the list; the group stays a group where nothing is listed
    assert [m.agency.key for m in find_mentions("các Bộ: Y tế, Hà Nội")] == ["bo-y-te"]
    assert [m.agency.key for m in find_mentions("Yêu cầu các Bộ, ngành tập trung")] == ["cac-bo-nganh"]
    # departments after "các sở:", as a directive lists them
    text = "Yêu cầu Giám đốc các sở: Xây dựng, Giao thông vận tải, Nông nghiệp và Phát triển nông thôn, Công Thương rút ngắn"
    assert [m.agency.key for m in find_mentions(text)] == [
        "so-xay-dung", "so-giao-thong-van-tai", "so-nong-nghiep", "so-cong-thuong"]


def test_party_bodies_and_regional_offices_in_one_request():
    from kehoach.extract.assignments import subject_bodies

    text = ("Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Đoàn đại biểu Quốc "
            "hội và HĐND tỉnh, Thuế tỉnh, Kho bạc nhà nước khu vực XI, Chi cục Hải quan khu vực XI tăng cường công tác "
            "bảo vệ bí mật nhà nước.")
    found = [(m.text, m.agency.sector) for m in subject_bodies(text, default_level="province")]
    assert found[:4] == [("Văn phòng Tỉnh ủy", "party"), ("các Ban Xây dựng Đảng", "party"), ("Ủy ban Kiểm tra Tỉnh ủy", "party"),
                         ("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh", "other")]
    assert found[-1] == ("Chi cục Hải quan khu vực XI", "other")  # the name ends before the predicate


def test_a_level_word_is_spelt_as_one():
    from kehoach.extract.agencies import find_mentions

    found = find_mentions("UBND cấp xã và các Sở, ban, ngành quản lý quy hoạch; Công an Quận 1; Sở Y tế tinh", default_level="province")
    assert [(m.text, m.agency.level) for m in found] == [("UBND cấp xã", "commune"), ("các Sở, ban, ngành", "province"),
                                                         ("Công an Quận", "district"), ("Sở Y tế", "province")]


def test_a_name_by_its_form_keeps_a_two_word_connector_whatever_its_capitals():
    from kehoach.extract.agencies import find_mentions

    found = find_mentions("Thuế Thành phố và Trung tâm Phục vụ hành chính công Thành phố chủ trì", default_level="province",
                          unknown=True)
    assert [m.text for m in found] == ["Thuế Thành phố", "Trung tâm Phục vụ hành chính công Thành phố"]


def test_the_merged_party_boards_of_2025_are_one_body():
    """Since 2025 a provincial party committee has one "Ban Tuyên giáo và Dân vận": "Tỉnh ủy" after it is whose
    board it is, not a second body."""
    from kehoach.extract.agencies import find_mentions

    found = [(m.text, m.agency.sector) for m in find_mentions("Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy: ban hành văn bản")]
    assert found == [("Ban Tuyên giáo và Dân vận Tỉnh ủy", "party")]


def test_practising_organisations_are_bodies():
    """"Tổ chức hành nghề công chứng, Ủy ban nhân dân cấp xã có trách nhiệm cập nhật …": notaries (and lawyers',
    auctioneers' practices) are bodies the justice department's rules give duties to; "tổ chức" alone stays a verb."""
    from kehoach.extract.agencies import find_mentions

    found = [m.text for m in find_mentions("a) Tổ chức hành nghề công chứng, Ủy ban nhân dân cấp xã có trách nhiệm cập "
                                           "nhật", default_level="province", unknown=True)]
    assert found == ["Tổ chức hành nghề công chứng", "Ủy ban nhân dân cấp xã"]
    assert not find_mentions("Tổ chức tập huấn cho cán bộ công chứng", default_level="province", unknown=True)


def test_units_of_a_department():
    """A department's own units (an unknown "Trung tâm …", "Chi cục …") work in its field: in its own document,
    and wherever "… thuộc Sở X" names it; the sub-departments of agriculture are known bodies."""
    from helpers import doc
    from kehoach.extract import extract

    letter = ("UBND TỈNH LÀO CAI\nSỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nSố: 512/SNN-CNTY\nV/v phòng, chống dịch tả lợn châu Phi\n"
              "Lào Cai, ngày 05 tháng 3 năm 2019\nKính gửi: Các đơn vị thuộc Sở.\n"
              "1. Chi cục Chăn nuôi và Thú y: tổng hợp tình hình dịch bệnh, báo cáo Sở.\n"
              "2. Trung tâm Giống cây trồng Bắc Hà: sản xuất giống ngô thay thế.\n"
              "3. Trung tâm Kiểm nghiệm Dược phẩm thuộc Sở Y tế: phối hợp lấy mẫu thức ăn chăn nuôi.\n")
    found = {a.agency: a.sector for a in extract(doc(letter)).assignments}
    assert found == {"Chi cục Chăn nuôi và Thú y": "agriculture", "Trung tâm Giống cây trồng Bắc Hà": "agriculture",
                     "Trung tâm Kiểm nghiệm Dược phẩm thuộc Sở Y tế": "health"}


def test_a_departments_units_in_its_labels_and_its_wrapped_letterhead():
    """A department's plan whose letterhead the copy wrapped ("SỞ THÔNG TIN VÀ TRUYỀN" / "THÔNG") is the
    department's; its units named in a label ("Đơn vị phối hợp: Phòng Thông tin - Báo chí - Xuất bản") are bodies
    in its field, though the gazetteer does not hold them."""
    from helpers import doc
    from kehoach.extract import extract

    plan = ("UBND TỈNH BÌNH ĐỊNH\nSỞ THÔNG TIN VÀ TRUYỀN\nTHÔNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 15/KH-STTTT\nBình Định, ngày 24 tháng 01 năm 2024\nKẾ HOẠCH\n"
            "Thông tin, tuyên truyền về chuyển đổi số năm 2024\nIII. NHIỆM VỤ CỤ THỂ\n"
            "1. Duy trì chuyên mục “Chuyển đổi số” trên Cổng thông tin điện tử tỉnh.\n"
            "- Đơn vị chủ trì: Đài Phát thanh và Truyền hình Bình Định.\n"
            "- Đơn vị phối hợp: Phòng Thông tin - Báo chí - Xuất bản.\n- Thời gian thực hiện: Quý II/2024.\n")
    record = extract(doc(plan))
    assert record.metadata.issuer == "Sở Thông tin và Truyền thông tỉnh Bình Định"
    assert [(a.agency, a.sector, a.role) for a in record.assignments] == [
        ("Đài Phát thanh và Truyền hình", "media", "lead"),
        ("Phòng Thông tin - Báo chí - Xuất bản", "information", "support")]


def test_group_heads_a_branch_and_a_word_folded_like_a_level():
    """"Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh, Chủ tịch UBND các huyện … quán triệt": the
    departments named twice are one group; "quán" (of "quán triệt") folds like "quận" but ends the districts'
    name. A central body's branch written after it is one body at the province's level."""
    from helpers import doc
    from kehoach.extract import extract
    from kehoach.extract.assignments import subject_bodies

    text = ("Giám đốc các sở, Thủ trưởng các ban, ngành cấp tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố quán "
            "triệt, triển khai nghiêm túc các nhiệm vụ được giao.")
    found = subject_bodies(text, default_level="province")
    assert [m.agency.sector for m in found] == ["all_departments", "all_departments", "people_committee"]
    assert found[-1].text == "UBND các huyện, thị xã, thành phố"
    task = extract(doc("1. " + text + "\n")).assignments
    assert [a.sector for a in task] == ["all_departments", "people_committee"]
    branch = find_mentions("Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Thanh Hóa phối hợp", unknown=True)
    assert [(m.text, m.agency.level) for m in branch] == [("Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Thanh Hóa", "province")]


def test_bodies_a_responsibility_cell_lists_by_their_form():
    """In a table's responsibility cell every piece is a body: "Các công ty TNHH MTV lâm nghiệp", "Ban quản lý rừng
    phòng hộ" count by their form though their names are in lower case; "Viên chức …" is no "Viện"."""
    from kehoach.extract.agencies import listed_bodies

    cell = "Các công ty TNHH MTV lâm nghiệp, Ban quản lý rừng phòng hộ, UBND các xã có rừng"
    assert [m.text for m in listed_bodies(cell, default_level="province")] == [
        "Các công ty TNHH MTV lâm nghiệp", "Ban quản lý rừng phòng hộ", "UBND các xã"]
    assert listed_bodies("Viên chức tiếp nhận hồ sơ", default_level="province") == []


def test_a_youth_unions_plan_and_units_named_with_their_parent():
    """A Tỉnh đoàn's plan ("BCH ĐOÀN TỈNH LẠNG SƠN" above its number, its motto after) is the Tỉnh đoàn's; its
    own boards ("Ban Phong trào Tỉnh đoàn") work in its field; a unit named "(thuộc Sở Công Thương)" in that
    department's; the district stations of agriculture are known bodies."""
    from helpers import doc
    from kehoach.extract import extract

    plan = ("**BCH ĐOÀN TỈNH LẠNG SƠN**\n***\nSố: 86-KH/TĐTN-PT\n**ĐOÀN TNCS HỒ CHÍ MINH**\n"
            "*Lạng Sơn, ngày 12 tháng 5 năm 2016*\n**KẾ HOẠCH**\nTỔ CHỨC CHIẾN DỊCH THANH NIÊN TÌNH NGUYỆN HÈ NĂM 2016\n"
            "**IV. TỔ CHỨC THỰC HIỆN**\n1. Ban Phong trào Tỉnh đoàn: chủ trì tổ chức Lễ ra quân cấp tỉnh.\n"
            "2. Trung tâm Khuyến công và Tư vấn phát triển nông thôn (thuộc Sở Công Thương): hỗ trợ đào tạo nghề.\n"
            "3. Trạm Chăn nuôi và Thú y huyện: hướng dẫn tiêu độc khử trùng.\n")
    record = extract(doc(plan))
    assert record.metadata.issuer == "Tỉnh đoàn Lạng Sơn"
    assert [a.sector for a in record.assignments] == ["youth_union", "industry_trade", "agriculture"]


def test_district_youth_unions_and_village_heads():
    """"Các huyện, thành đoàn" are the district youth unions; "Trưởng các thôn, bản" the heads of a commune's
    villages ("Trưởng các bản" alone folds like "Trưởng các Ban", heads of boards, and is left alone)."""
    assert [(m.agency.sector, m.agency.level) for m in find_mentions("Các huyện, thành đoàn báo cáo nhanh kết quả")] == [
        ("youth_union", "district")]
    assert [(m.agency.sector, m.agency.level) for m in find_mentions("Trưởng các thôn, bản tổ chức họp")] == [
        ("other", "commune")]
    assert find_mentions("Trưởng Ban Chỉ đạo triệu tập họp") == [] or all(
        m.agency.key != "thon-to-dan-pho" for m in find_mentions("Trưởng Ban Chỉ đạo triệu tập họp"))


def test_a_unit_with_its_body_in_brackets_is_one_body_at_that_bodys_level():
    text = "Phòng Phổ biến, giáo dục pháp luật (Sở Tư pháp) và Ban Tuyên giáo (Hội LHPN tỉnh) là đầu mối theo dõi."
    found = find_mentions(text, default_level="province", unknown=True)
    assert [(m.text, m.agency.level) for m in found] == [
        ("Phòng Phổ biến, giáo dục pháp luật (Sở Tư pháp)", "province"), ("Ban Tuyên giáo (Hội LHPN tỉnh)", "province")]
    # a body of its own before the bracket, or a bracket that only says whose a thing is, stays as it was
    assert [m.text for m in find_mentions("Văn phòng UBND tỉnh (Sở Nội vụ) tổng hợp.", unknown=True)] == [
        "Văn phòng UBND tỉnh", "Sở Nội vụ"]


def test_telecom_branches_post_offices_and_a_councils_members_at_its_level():
    found = find_mentions("Đề nghị Viễn thông Gia Lai, Viettel Gia Lai và Bưu điện tỉnh phối hợp.", default_level="province",
                          unknown=True)
    assert [(m.text, m.agency.level) for m in found] == [
        ("Viễn thông Gia Lai", "province"), ("Viettel Gia Lai", "province"), ("Bưu điện tỉnh", "province")]
    # "Viễn thông" names a body only with a province after it; "Quân" is no "quận"
    assert find_mentions("Phòng Viễn thông và Công nghệ thông tin chủ trì.", unknown=True) == []
    assert [m.agency.level for m in find_mentions("Tập đoàn Công nghiệp - Viễn thông Quân đội", default_level="province",
                                                  unknown=True)] == ["province"]
    members = find_mentions("Các cơ quan, đơn vị thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật huyện",
                            default_level="district", unknown=True)
    assert [(m.agency.sector, m.agency.level) for m in members] == [("all_departments", "district")]


def test_peoples_committees_named_by_their_place():
    found = find_mentions("UBND huyện Hòa Vang, UBND quận Liên Chiểu và Ủy ban nhân dân thành phố Vũng Tàu báo cáo.")
    assert [(m.text, m.agency.sector, m.agency.level) for m in found] == [
        ("UBND huyện Hòa Vang", "people_committee", "district"), ("UBND quận Liên Chiểu", "people_committee", "district"),
        ("Ủy ban nhân dân thành phố Vũng Tàu", "people_committee", "district")]
    assert [m.agency.level for m in find_mentions("UBND thành phố Hà Nội; UBND xã Phú Lương")] == ["province", "commune"]
    assert find_mentions("UBND thành phố giao các sở thực hiện") == [m for m in find_mentions(
        "UBND thành phố giao các sở thực hiện") if m.agency.sector != "people_committee"]  # no place: no committee here


def test_a_provincial_capital_is_a_district_and_an_association_a_body():
    found = find_mentions("UBND thành phố Bạc Liêu; UBND thành phố Cần Thơ; Hiệp hội Du lịch tỉnh", unknown=True)
    assert [(m.text, m.agency.level) for m in found] == [
        ("UBND thành phố Bạc Liêu", "district"), ("UBND thành phố Cần Thơ", "province"), ("Hiệp hội Du lịch tỉnh", "province")]


def test_short_forms_of_departments_in_table_cells():
    found = find_mentions("Sở TC; Sở NV; BCH BĐBP thành phố; Sở TP")
    assert [m.agency.sector for m in found] == ["finance", "home_affairs", "military", "justice"]


def test_a_unit_named_in_lower_case_in_a_list_is_named_whole_and_quan_is_no_district():
    found = listed_bodies("Văn phòng Sở; Trung tâm Quan trắc tài nguyên và môi trường.", default_level="province")
    assert [(m.text, m.agency.level) for m in found] == [
        ("Văn phòng Sở", "province"), ("Trung tâm Quan trắc tài nguyên và môi trường", "province")]


def test_a_districts_hospital():
    found = find_mentions("Bệnh viện huyện Củ Chi chuẩn bị đủ thuốc; Bệnh viện Đa khoa tỉnh tiếp nhận", default_level="district")
    assert [(m.agency.sector, m.agency.level) for m in found] == [("health", "district"), ("health", "province")]
