from helpers import doc
from kehoach.extract.structure import parse


def _headings(text):
    outline = parse(doc(text))
    return [(n.path, n.part, outline.body(n)) for n in outline.nodes if not n.is_para and not n.is_bullet]


def test_numbering_styles_nest_and_paths_follow():
    text = "I. MỤC ĐÍCH\n1. Mục đích\n- một\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\na) Chủ trì việc\n- hai\n2.1. Sở Tư pháp\n"
    assert _headings(text) == [
        ("I", None, "MỤC ĐÍCH"),
        ("I.1", None, "Mục đích"),
        ("II", "implementation", "TỔ CHỨC THỰC HIỆN"),
        ("II.1", "implementation", "Sở Y tế"),
        ("II.1.a", "implementation", "Chủ trì việc"),
        ("II.2.1", "implementation", "Sở Tư pháp"),
    ]


def test_jumps_and_missing_numbers_do_not_break_the_tree():
    text = "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n- việc\nV. CHẾ ĐỘ BÁO CÁO\n1. Sở Tư pháp báo cáo kết quả.\n"
    parts = {path: part for path, part, _ in _headings(text)}
    assert parts == {"III": "implementation", "III.1": "implementation", "V": "reporting", "V.1": "reporting"}


def test_part_headings_are_found_in_any_wording():
    for title in ("Phân công nhiệm vụ", "TRÁCH NHIỆM THỰC HIỆN", "Tổ chức thực hiện và chế độ báo cáo"):
        outline = parse(doc(f"2. {title}\n2.1. Sở Y tế\n- việc\n"))
        assert outline.nodes[0].part in ("implementation", "reporting"), title
    assert parse(doc("III. KINH PHÍ THỰC HIỆN\n- ngân sách\n")).nodes[0].part is None


def test_a_bold_heading_without_number_is_a_heading():
    outline = parse(doc("**TỔ CHỨC THỰC HIỆN**\n\n**Sở Y tế**\n\n- Tăng cường truyền thông.\n"))
    assert [n.style for n in outline.nodes] == ["bold", "bold", "bullet-"]


def test_a_plan_after_its_decision_starts_a_new_tree():
    text = "Điều 3. Thủ trưởng các sở thi hành.\nKẾ HOẠCH\nI. MỤC ĐÍCH\n"
    assert _headings(text)[-1] == ("I", None, "MỤC ĐÍCH")


def test_a_heading_that_lost_its_bold_still_owns_its_bullets():
    outline = parse(doc("IV. TỔ CHỨC THỰC HIỆN\n14. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\nTham gia triển khai Kế hoạch.\n"
                        "Đề nghị Hội Liên hiệp phụ nữ tỉnh\n- Tuyên truyền.\n15. Sở Y tế\n- Truyền thông.\n"))
    heading = next(n for n in outline.nodes if outline.title(n).startswith("Đề nghị"))
    bullet = next(n for n in outline.nodes if outline.title(n) == "- Tuyên truyền.")
    assert heading.style == "bold" and bullet.parent == heading.index


def test_part_headings_as_a_scan_misreads_them():
    from helpers import doc
    from kehoach.extract.structure import parse

    for heading in ("V. TỔ CHÚC THỤỰC HIỆN", "v. TỔ CHỨC THỰC HIỆN"):
        outline = parse(doc(f"IV. KINH PHÍ\n- Ngân sách tỉnh.\n{heading}\n1. Sở Y tế\n- Truyền thông.\n"))
        parts = [(n.style, n.label, n.part) for n in outline.nodes]
        assert parts[2] == ("roman", "V", "implementation") and parts[0][2] is None, heading
