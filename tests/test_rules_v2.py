"""Gold rules v2: labelled tasks, task tables in every format, bodies kehoach does not know, web-copy layout."""

from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import doc
from kehoach.cli import cli
from kehoach.corpus.text import read_text
from kehoach.extract import extract
from kehoach.extract.stated_time import parse_stated_time


def _records(text: str, fmt: str = "txt"):
    plan = extract(read_text(text, source=f"case.{fmt}", id="0" * 64, format=fmt))
    return plan, [(a.agency, a.sector, a.agency_level, a.role, a.rule, a.text) for a in plan.assignments]


def test_labelled_tasks_give_each_named_body_the_task_with_the_labels_role_and_time():
    plan, found = _records(
        "KẾ HOẠCH\nII. NHIỆM VỤ\n1. Xây dựng cơ sở dữ liệu về người khuyết tật trên địa bàn tỉnh.\n"
        "- Cơ quan chủ trì: Sở Y tế.\n- Cơ quan phối hợp: Sở Tài chính; UBND các xã, phường.\n"
        "- Thời gian thực hiện: Năm 2026.\n"
        "2. Tổ chức tập huấn cho cán bộ cấp xã; cơ quan chủ trì: Sở Nội vụ; thời gian hoàn thành: Quý II/2026.\n")
    task = "Xây dựng cơ sở dữ liệu về người khuyết tật trên địa bàn tỉnh."
    assert found == [
        ("Sở Y tế", "health", "province", "lead", "labelled_task", task),
        ("Sở Tài chính", "finance", "province", "support", "labelled_task", task),
        ("UBND các xã, phường", "people_committee", "commune", "support", "labelled_task", task),
        ("Sở Nội vụ", "home_affairs", "province", "lead", "labelled_task", "Tổ chức tập huấn cho cán bộ cấp xã")]
    assert [(d.kind, d.date, d.end) for d in plan.deadlines] == [("range", "2026-01-01", "2026-12-31"),
                                                                ("before", "2026-06-30", None)]
    assert plan.assignments[0].deadlines == [0] and plan.assignments[3].deadlines == [1]


def test_a_web_copy_table_of_duties_gives_one_record_per_row_and_body():
    text = ("**PHỤ LỤC**\n\nPHÂN CÔNG NHIỆM VỤ\n\n|\n**TT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n"
            "**Thời gian**\n|\n|\n1\n|\nRà soát, cập nhật cơ sở dữ liệu\nvề hộ nghèo\n|\nSở Nội vụ\n|\nUBND các xã, phường\n|\n"
            "Năm 2026\n|\n|\n2\n|\nKiểm tra việc thực hiện chính sách\n|\nNgân hàng Chính sách xã hội khu vực 4\n|\n|\n"
            "Thường xuyên\n|\n")
    plan, found = _records("Số: 12/KH-UBND\n\n" + text, fmt="md")
    assert [(f[0], f[1], f[3], f[5]) for f in found] == [
        ("Sở Nội vụ", "home_affairs", "lead", "Rà soát, cập nhật cơ sở dữ liệu về hộ nghèo"),
        ("UBND các xã, phường", "people_committee", "support", "Rà soát, cập nhật cơ sở dữ liệu về hộ nghèo"),
        ("Ngân hàng Chính sách xã hội", "other", "lead", "Kiểm tra việc thực hiện chính sách")]
    assert {a.origin for a in plan.assignments} == {"table"} and {a.rule for a in plan.assignments} == {"table_row"}
    assert [(d.kind, d.recurrence) for d in plan.deadlines] == [("range", None), ("recurring", None)]


def test_a_tab_table_from_pdf_or_docx_is_read_the_same_way():
    plan = extract(doc("PHỤ LỤC\nTT\tNội dung\tĐơn vị thực hiện\tThời gian hoàn thành\n"
                       "1\tTổng kết 5 năm thực hiện Đề án\tSở Văn hóa, Thể thao và Du lịch\tTháng 12/2025\n"))
    assert [(a.sector, a.role, a.text) for a in plan.assignments] == [("culture", "own", "Tổng kết 5 năm thực hiện Đề án")]
    assert [(d.kind, d.date) for d in plan.deadlines] == [("before", "2025-12-31")]


def test_a_body_kehoach_does_not_know_keeps_its_duties():
    _, found = _records("III. TỔ CHỨC THỰC HIỆN\n1. Chi cục Hải quan khu vực V\nChủ động kết nối dữ liệu logistics với hệ thống của tỉnh.\n")
    assert found == [("Chi cục Hải quan khu vực V", "other", "province", "own", "heading_task",
                      "Chủ động kết nối dữ liệu logistics với hệ thống của tỉnh.")]


def test_web_copy_headings_and_items_wrapped_anywhere():
    body = ("**ỦY BAN NHÂN DÂN**\n\nSố: 5/KH-UBND\n\n" + "Đoạn mở đầu của kế hoạch,\nxuống dòng giữa câu như trang web.\n\n" * 10
            + "**IV. TỔ CHỨC\nTHỰC HIỆN**\n\n**1. **Sở Tài\nchính\n\nBố trí kinh phí thực hiện\nKế hoạch này.\n")
    plan, found = _records(body, fmt="md")
    assert "IV. TỔ CHỨC THỰC HIỆN" in plan.document.text.split("\n")
    assert [(f[1], f[5]) for f in found] == [("finance", "Bố trí kinh phí thực hiện Kế hoạch này.")]


def test_stated_times():
    cases = {"Năm 2026": ("range", "2026-01-01", "2026-12-31", None), "Quý I/2026": ("range", "2026-01-01", "2026-03-31", None),
             "2026 - 2030": ("range", "2026-01-01", "2030-12-31", None), "Từ 01/7/2025": ("range", "2025-07-01", None, None),
             "Năm 2026 và các năm tiếp theo": ("range", "2026-01-01", None, None), "Hằng năm": ("recurring", None, None, "yearly"),
             "Thường xuyên": ("recurring", None, None, None), "Sở Y tế": None}
    for text, want in cases.items():
        got = parse_stated_time(text)
        assert (got and (got["kind"], got["date"], got["end"], got["recurrence"])) == want, text


def test_a_law_cited_by_its_number_is_a_numbered_reference_only():
    plan = extract(doc("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\nCăn cứ Luật Bình đẳng giới năm 2006;\n"
                       "Thực hiện Luật Tổ chức chính quyền địa phương, UBND tỉnh ban hành kế hoạch.\n"))
    assert sorted((r.kind, r.key) for r in plan.legal_refs) == [("named", "Luật Bình đẳng giới"), ("numbered", "72/2025/QH15")]


def test_why_shows_the_rule_beside_each_task(corpus_dir):
    result = CliRunner().invoke(cli, ["extract", "--why", str(corpus_dir / "002_b0250836c3ee820c.txt")])
    assert result.exit_code == 0 and "why each task was read" in result.stdout and "heading_task" in result.stdout
    record = json.loads(CliRunner().invoke(cli, ["extract", "--json", str(corpus_dir / "002_b0250836c3ee820c.txt")]).stdout)
    assert all(a["rule"] and a["origin"] in ("text", "table") for a in record["assignments"])


def _plan(number: str, date: str, body: str, task: str) -> str:
    d, m, y = date.split("/")
    return (f"ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: {number}\n"
            f"Nghệ An, ngày {d} tháng {m} năm {y}\nKẾ HOẠCH\nThực hiện công tác bình đẳng giới năm {y}\n"
            f"III. TỔ CHỨC THỰC HIỆN\n1. {body}\n- {task}\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n")


def test_duties_lineage_follows_a_body_into_its_successors_from_the_reform_on(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(_plan("10/KH-UBND", "10/01/2024", "Sở Lao động - Thương binh và Xã hội",
                                        "Tổng hợp số liệu lao động nữ trong các doanh nghiệp."), encoding="utf-8")
    (folder / "b.txt").write_text(_plan("11/KH-UBND", "12/02/2024", "Sở Nội vụ",
                                        "Rà soát tỷ lệ nữ lãnh đạo trong các cơ quan nhà nước."), encoding="utf-8")
    (folder / "c.txt").write_text(_plan("12/KH-UBND", "20/11/2025", "Sở Nội vụ",
                                        "Tổng hợp số liệu lao động nữ sau khi hợp nhất."), encoding="utf-8")
    ws = str(tmp_path / "ws")
    assert CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", ws]).exit_code == 0
    plain = CliRunner().invoke(cli, ["duties", "Sở LĐTBXH", "--json", "--workspace", ws])
    assert [json.loads(x)["text"][:8] for x in plain.stdout.splitlines()] == ["Tổng hợp"]
    followed = CliRunner().invoke(cli, ["duties", "Sở LĐTBXH", "--lineage", "--json", "--workspace", ws])
    rows = [json.loads(x) for x in followed.stdout.splitlines()]
    assert [(r["agency"], r["year"], r.get("lineage")) for r in rows] == [
        ("Sở Lao động - Thương binh và Xã hội", 2024, None),
        ("Sở Nội vụ", 2025, "Sở Nội vụ since 2025-03-01, from so-lao-dong-tbxh")]
    assert "lineage: so-lao-dong-tbxh → Sở Nội vụ (so-noi-vu) since 2025-03-01" in followed.stderr


def test_a_web_copy_table_with_no_blank_line_around_it_is_still_found():
    """Some copies have no blank line at all: the letterhead's "|" cells, then the table, then the text run on."""
    from kehoach.corpus.text import pipe_tables_to_rows

    lines = ("|\n**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 5/QĐ-UBND\n|\nngày 1/11/2025\n|\n"
             "# Phần I. DANH MỤC\n|\n**STT**\n|\n**Tên thủ tục**\n|\n**Cơ quan thực hiện**\n|\n|\n1\n|\nThẩm định quy hoạch\n"
             "sử dụng đất\n|\n- UBND tỉnh\n|\n|\n2\n|\nĐịnh giá đất cụ thể\n|\n- Sở Tài chính\n|\nPhần II. NỘI DUNG\n").split("\n")
    rows = [line for line in pipe_tables_to_rows(lines) if "\t" in line]
    assert rows == ["**STT**\t**Tên thủ tục**\t**Cơ quan thực hiện**", "1\tThẩm định quy hoạch sử dụng đất\t- UBND tỉnh",
                    "2\tĐịnh giá đất cụ thể\t- Sở Tài chính"]
    assert "Phần II. NỘI DUNG" in pipe_tables_to_rows(lines)


def test_a_table_whose_header_spans_two_rows_gives_roles_by_the_lower_row():
    """"Trách nhiệm" over "Chủ trì | Phối hợp": a merged cell leaves the first header row half empty."""
    cells = ["**TT**", "**Nội dung nhiệm vụ**", "**Trách nhiệm**", "", "**Thời gian**", "",
             "", "", "**Chủ trì**", "**Phối hợp**", "", "",
             "1", "Tổ chức hội nghị triển khai kế hoạch", "Sở Nội vụ", "Các sở, ngành", "Quý I/2026", "",
             "2", "Kiểm tra việc thực hiện chính sách", "Sở Tài chính", "Sở Y tế", "Năm 2026"]
    table = "\n".join(x for c in cells for x in ("|", c) if x) + "\n|\n"  # an empty cell: two "|" lines
    plan, found = _records("Số: 10/KH-UBND\n\n**PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ**\n\n" + table, fmt="md")
    assert [(f[0], f[3]) for f in found] == [("Sở Nội vụ", "lead"), ("Các sở, ngành", "support"),
                                             ("Sở Tài chính", "lead"), ("Sở Y tế", "support")]


def test_a_letters_giao_and_de_nghi_paragraphs_are_duties_after_its_recipients():
    _, found = _records(
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSố: 1458/UBND-VX1\nV/v triển khai công tác bình đẳng giới năm 2020\nKính gửi:\n"
        "- Các sở, ban, ngành cấp tỉnh;\n- UBND các huyện, thành phố, thị xã.\n"
        "Thực hiện Công văn số 418/LĐTBXH-BĐG ngày 23/2/2020, UBND tỉnh có ý kiến như sau:\n"
        "Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ngành tham mưu triển khai các hoạt động.\n"
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động hội viên thực hiện.\n")
    assert [(f[1], f[4]) for f in found] == [("labour_social", "sentence_subject"), ("fatherland_front", "sentence_subject")]


def test_a_web_copy_table_that_runs_on_into_the_next_table_keeps_its_header_width():
    """The next table follows with no blank line: a wider column count may fit more of the run, the header's gap
    still gives the width."""
    from kehoach.corpus.text import pipe_tables_to_rows

    cells = ["**STT**", "**Tên thủ tục**", "**Lĩnh vực**", "**Cơ quan thực hiện**", ""]
    for i in range(1, 5):
        cells += [str(i), f"Cấp phép nhập khẩu thuốc loại {i}", "Dược phẩm", "Sở Y tế", ""]
    cells = cells[:-1] + ["** ** PHẦN II. NỘI DUNG", "1. Thủ tục", "Cấp phép", "", "Trình tự thực hiện", "", "",
                          "Bước 1: nộp hồ sơ", "", "Cách thức thực hiện"]
    lines = ["|"] + [x for c in cells for x in ([c, "|"] if c else ["|"])]
    rows = [line for line in pipe_tables_to_rows(lines) if "\t" in line]
    assert rows[:5] == ["**STT**\t**Tên thủ tục**\t**Lĩnh vực**\t**Cơ quan thực hiện**"] + [
        f"{i}\tCấp phép nhập khẩu thuốc loại {i}\tDược phẩm\tSở Y tế" for i in range(1, 5)]


def test_a_lead_in_over_paragraphs_that_each_end_a_duty():
    from helpers import doc
    from kehoach.extract.assignments import extract_assignments
    from kehoach.extract.structure import parse
    from kehoach.model import Metadata

    d = doc("QUY ĐỊNH\nChức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ\nĐiều 2. Nhiệm vụ và quyền hạn\n"
            "Sở Nội vụ thực hiện chức năng, nhiệm vụ, quyền hạn của Sở Nội vụ theo quy định.\n"
            "1. Về tổ chức bộ máy:\na) Tham mưu, giúp Ủy ban nhân dân tỉnh:\n"
            "Trình Hội đồng nhân dân tỉnh quyết định việc thành lập cơ quan chuyên môn;\n"
            "Hướng dẫn trình tự, thủ tục thành lập đơn vị sự nghiệp công lập.\nb) Thẩm định đề án vị trí việc làm.\n")
    found = [a.text[:14] for a in extract_assignments(d, parse(d), Metadata(level="province"))]
    assert found[-3:] == ["Trình Hội đồng", "Hướng dẫn trìn", "Thẩm định đề á"]


def test_a_web_copy_table_of_one_row_then_text_with_no_blank_line():
    from kehoach.corpus.text import pipe_tables_to_rows

    lines = ("(Kèm theo Quyết định số 2702/QĐ-UBND)\n# PHẦN I. DANH MỤC\n|\n**TT**\n|\n**Tên thủ tục**\n|\n**Cơ quan thực\n"
             "hiện**\n|\n|\n1\n|\nThẩm định dự án đo đạc và bản đồ cơ bản\n|\nSở Nông nghiệp và Môi trường\n|\n#\n"
             "# PHẦN II. NỘI DUNG\n").split("\n")
    out = pipe_tables_to_rows(lines)
    assert [line for line in out if "\t" in line] == ["**TT**\t**Tên thủ tục**\t**Cơ quan thực hiện**",
                                                      "1\tThẩm định dự án đo đạc và bản đồ cơ bản\tSở Nông nghiệp và Môi trường"]
    assert "# PHẦN II. NỘI DUNG" in out and "# PHẦN I. DANH MỤC" in out


def test_a_long_cell_that_says_chu_tri_is_data_not_a_header():
    from kehoach.extract.table_duties import _columns

    rows = [["STT", "Nội dung chi", "Mức chi", "Ghi chú"],
            ["b", "Chi cho công tác thẩm định văn bản (do cơ quan được giao nhiệm vụ chủ trì thẩm định chi)", "", ""],
            ["2", "Chế độ chi xây dựng một số văn bản khác trình cấp ủy", "Tối đa 5.000.000 đồng", ""]]
    assert _columns(rows) is None


def test_a_web_copy_table_with_group_rows_and_a_cell_spanning_rows_reads_every_task_row():
    """A group of tasks spans its row ("I" | "Công tác chỉ đạo"), a time cell spans two rows and is printed once:
    those rows have fewer cells. Every task row is still read, each in its group, with its own bodies; the site's
    text after the table is never a row."""
    cells = ["**TT**", "**Nội dung nhiệm vụ**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**", "**Thời gian**", "",
             "**I**", "**Công tác chỉ đạo, điều hành**", "",
             "1", "Kiện toàn Ban Chỉ đạo", "Ban Dân tộc tỉnh", "Sở Nội vụ", "Tháng 6/2022", "",
             "2", "Ban hành kế hoạch giai đoạn", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Quý III/2022", "",
             "3", "Hướng dẫn lồng ghép nguồn vốn", "Sở Tài chính", "Kho bạc Nhà nước tỉnh", "",
             "**II. Thực hiện các dự án thành phần**", "",
             "4", "Giải quyết tình trạng thiếu đất ở", "Sở Tài nguyên và Môi trường", "UBND các huyện", "Năm 2022"]
    table = "\n".join(x for c in cells for x in ("|", c) if x) + "\n|\nVăn bản này chưa cập nhật nội dung Tiếng Anh\n|\n|\n|\n"
    plan, found = _records("Số: 98/KH-UBND\n\n**PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ**\n\n" + table, fmt="md")
    assert [(f[0], f[3], f[5]) for f in found] == [
        ("Ban Dân tộc tỉnh", "lead", "Kiện toàn Ban Chỉ đạo"), ("Sở Nội vụ", "support", "Kiện toàn Ban Chỉ đạo"),
        ("Sở Kế hoạch và Đầu tư", "lead", "Ban hành kế hoạch giai đoạn"),
        ("Sở Tài chính", "support", "Ban hành kế hoạch giai đoạn"),
        ("Sở Tài chính", "lead", "Hướng dẫn lồng ghép nguồn vốn"),
        ("Kho bạc Nhà nước tỉnh", "support", "Hướng dẫn lồng ghép nguồn vốn"),
        ("Sở Tài nguyên và Môi trường", "lead", "Giải quyết tình trạng thiếu đất ở"),
        ("UBND các huyện", "support", "Giải quyết tình trạng thiếu đất ở")]
    assert "Văn bản này chưa cập nhật" not in " ".join(a.text for a in plan.assignments)


def test_a_report_table_whose_body_column_is_just_unit():
    """"TT | Đơn vị | Nội dung báo cáo | Thời hạn": each row gives its unit the report; a list of documents'
    "Cơ quan ban hành" column is no body column."""
    table = ("| TT | Đơn vị | Nội dung báo cáo | Thời hạn |\n|---|---|---|---|\n"
             "| 1 | Ban Dân tộc tỉnh | Kết quả thực hiện Chương trình mục tiêu quốc gia 6 tháng | Trước 25/5/2023 |\n"
             "| 2 | Cục Thống kê tỉnh | Số liệu các chỉ tiêu kinh tế - xã hội | Trước 25/5/2023 |\n")
    _, found = _records("Số: 1402/UBND-KT\nV/v báo cáo chương trình mục tiêu quốc gia\n\n" + table, fmt="md")
    assert [(f[1], f[3]) for f in found] == [("ethnic_affairs", "own"), ("statistics", "own")]
    listing = ("| TT | Tên văn bản | Cơ quan ban hành |\n|---|---|---|\n| 1 | Nghị định 27/2022/NĐ-CP | Chính phủ |\n"
               "| 2 | Thông tư 02/2022/TT-UBDT | Ủy ban Dân tộc |\n")
    _, found = _records("Số: 1402/UBND-KT\nV/v báo cáo\n\n" + listing, fmt="md")
    assert not [f for f in found if f[4] == "table_row"]


def test_a_time_label_alone_under_an_item_leaves_the_item_to_the_text_rules():
    _, found = _records("Số: 1402/UBND-KT\nV/v kiểm tra\nKính gửi: Các sở, ngành.\n6. Sở Kế hoạch và Đầu tư chủ trì, phối "
                        "hợp với Ban Dân tộc tỉnh tổ chức kiểm tra tình hình thực hiện các chương trình tại một số huyện.\n"
                        "Thời gian thực hiện: Quý III/2023.\n")
    assert [(f[1], f[3]) for f in found] == [("planning_investment", "lead")]


def test_the_sites_title_after_a_plan_is_no_part_of_its_last_task():
    text = ("Số: 612/QĐ-UBND\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n**TM. ỦY BAN NHÂN DÂN**\n\n"
            "**CHỦ TỊCH**\n\nNguyễn Văn An\n\n**KẾ HOẠCH**\n\n**III. TỔ CHỨC THỰC HIỆN**\n\n**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam "
            "tỉnh, Hội Nông dân tỉnh**\n\nTuyên truyền, vận động hội viên tham gia Chương trình OCOP.\n\n"
            "Quyết định 612/QĐ-UBND năm 2023 ban hành Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm tỉnh Quảng Bình\n"
            "Văn bản này chưa cập nhật nội dung Tiếng Anh\n")
    plan, found = _records(text, fmt="md")
    assert {f[5] for f in found} == {"Tuyên truyền, vận động hội viên tham gia Chương trình OCOP."}
    assert plan.metadata.extra["document_end"] <= plan.document.text.index("Quyết định 612/QĐ-UBND năm 2023")
