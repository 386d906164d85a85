from kehoach.corpus import read
from kehoach.corpus.layout import Line, join_lines
from kehoach.corpus.text import strip_markdown


def test_markdown_markers_are_removed_and_kept_as_hints():
    assert strip_markdown("### **3. Đẩy mạnh truyền thông**") == ("3. Đẩy mạnh truyền thông", "heading", 3)
    assert strip_markdown("**I. MỤC ĐÍCH, YÊU CẦU**") == ("I. MỤC ĐÍCH, YÊU CẦU", "bold", 0)
    assert strip_markdown("Số: 1458/UBND-VX<sub>1</sub>  ")[0] == "Số: 1458/UBND-VX1"
    assert strip_markdown("Số: *H32* /KH-UBND")[0] == "Số: H32 /KH-UBND"


def test_a_sentence_cut_by_a_page_break_is_joined():
    lines = [Line("- Tăng cường công tác bồi dưỡng, tập huấn, giảng dạy các nội dung giáo"), Line(""),
             Line("dục về giới, giới tính."), Line(""), Line("- Tiếp tục tổ chức.")]
    assert [p.text for p in join_lines(lines)] == [
        "- Tăng cường công tác bồi dưỡng, tập huấn, giảng dạy các nội dung giáo dục về giới, giới tính.",
        "- Tiếp tục tổ chức.",
    ]


def test_lone_page_numbers_are_dropped():
    lines = [Line("- Thực hiện nghiêm việc lồng ghép."), Line("4"), Line("- Tổ chức các lớp tập huấn.")]
    assert [p.text for p in join_lines(lines)] == ["- Thực hiện nghiêm việc lồng ghép.", "- Tổ chức các lớp tập huấn."]


def test_hard_wrapped_text_reads_like_clean_text(corpus_dir):
    doc = read(corpus_dir / "003_5695c2d38cc07562.txt")
    assert "của Ủy ban nhân dân tỉnh Cao Bằng về việc triển khai" in doc.text
    assert "\n4\n" not in doc.text
    assert "I. MỤC ĐÍCH, YÊU CẦU\n1. Tăng cường sự lãnh đạo" in doc.text


def test_every_seed_reads_with_hints_and_an_id(corpus_dir):
    for path in sorted(corpus_dir.glob("0*.txt")):
        doc = read(path)
        assert len(doc.id) == 64
        assert "**" not in doc.text and "<sub>" not in doc.text
        for hint in doc.hints:
            assert doc.text[hint.start : hint.end].strip()


def test_line_breaks_written_out_as_escapes_are_made_real():
    from kehoach.corpus.text import unescape_breaks

    assert unescape_breaks("a\\r\\nb\\r\\nc\\r\\nd") == "a\nb\nc\nd"
    assert unescape_breaks("Lưu: VT d:\\new\\plan.doc\n") == "Lưu: VT d:\\new\\plan.doc\n"


def test_web_header_rows_and_capitals_titles_are_not_joined():
    from helpers import doc

    d = doc("- 6Nghị định 111/2021/NĐ-CP sửa đổi Nghị định 43/2017/NĐ-CP về nhãn hàng hóa và các quy định khác\n"
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|\nSố: 192/KH-UBND | Ninh Bình, ngày 15 tháng 12 năm 2022 |\n"
            "KẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC KIỂM TRA NĂM 2023\nA. MỤC ĐÍCH, YÊU CẦU\nI. Mục đích\n"
            "1. Tăng cường trách nhiệm và đánh giá công tác quản lý nhà nước về an toàn thực phẩm của các cấp\n")
    assert d.text.split("\n")[1:6] == ["ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
                                       "Số: 192/KH-UBND | Ninh Bình, ngày 15 tháng 12 năm 2022 |", "KẾ HOẠCH",
                                       "TRIỂN KHAI CÔNG TÁC KIỂM TRA NĂM 2023", "A. MỤC ĐÍCH, YÊU CẦU"]


def test_side_by_side_columns_are_read_one_after_the_other():
    from helpers import doc

    d = doc("ỦY BAN NHÂN DÂN                           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            " TỈNH SÓC TRĂNG                                  Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 85/KH-UBND                            Sóc Trăng, ngày 28 tháng 02 năm 2022\n\n"
            "                                    KẾ HOẠCH\n"
            "Trên đây là Kế hoạch./.\n\n"
            "Nơi nhận:                                                       KT. CHỦ TỊCH\n"
            "- Bộ Lao động - TB&XH (b/c);                                   PHÓ CHỦ TỊCH\n"
            "- Lưu: VT, VX.\n"
            "                                                            Huỳnh Thanh Phong\n")
    assert d.text.split("\n") == ["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG", "Số: 85/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  "Độc lập - Tự do - Hạnh phúc", "Sóc Trăng, ngày 28 tháng 02 năm 2022", "KẾ HOẠCH",
                                  "Trên đây là Kế hoạch./.", "Nơi nhận:", "- Bộ Lao động - TB&XH (b/c);", "- Lưu: VT, VX.",
                                  "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Huỳnh Thanh Phong"]


def test_running_headers_beside_page_numbers_are_dropped():
    from helpers import doc

    lines = ["- Lồng ghép nội dung giới, bình đẳng giới, phòng, chống xâm hại và bạo lực học", "3",
             "UBND tỉnh Sóc Trăng - Kế hoạch BĐG năm 2022", "đường vào hoạt động giáo dục.",
             "- Phối hợp với Sở Lao động - Thương binh và Xã hội và các cơ quan liên quan giám", "4",
             "UBND tỉnh Sóc Trăng - Kế hoạch BĐG năm 2022", "sát việc thực hiện pháp luật về bình đẳng giới tại cơ sở."]
    lines += ["- Bố trí kinh phí, nhân lực để triển khai thực hiện Kế hoạch này theo quy định hiện hành của", "5",
              "UBND tỉnh Sóc Trăng - Kế hoạch BĐG năm 2022", "pháp luật."]
    assert doc("\n".join(lines)).text.split("\n")[:2] == [
        "- Lồng ghép nội dung giới, bình đẳng giới, phòng, chống xâm hại và bạo lực học đường vào hoạt động giáo dục.",
        "- Phối hợp với Sở Lao động - Thương binh và Xã hội và các cơ quan liên quan giám sát việc thực hiện pháp luật về bình đẳng giới tại cơ sở."]


def test_a_centred_title_never_runs_into_the_body_at_the_margin():
    from helpers import doc

    body = ["Thực hiện Luật Trẻ em năm 2016; Nghị định số 56/2017/NĐ-CP ngày 09/5/2017 của",
            "Chính phủ quy định chi tiết một số điều của Luật Trẻ em; Quyết định số 23/QĐ-TTg",
            "ngày 07/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình hành động quốc",
            "gia vì trẻ em giai đoạn 2021 - 2030, Ủy ban nhân dân huyện ban hành Kế hoạch",
            "thực hiện công tác trẻ em năm 2024 như sau:", "I. MỤC ĐÍCH, YÊU CẦU",
            "- Tạo chuyển biến tích cực trong nhận thức và hành động của các cấp, các ngành,",
            "gia đình, nhà trường và cộng đồng về trách nhiệm bảo vệ, chăm sóc trẻ em."]
    lines = ["                                 KẾ HOẠCH",
             "          Thực hiện công tác trẻ em trên địa bàn huyện Bắc Sơn năm 2024", ""] + body
    text = doc("\n".join(lines)).text.split("\n")
    assert text[1] == "Thực hiện công tác trẻ em trên địa bàn huyện Bắc Sơn năm 2024"
    assert text[2].startswith("Thực hiện Luật Trẻ em năm 2016;") and text[2].endswith("như sau:")
    # a paragraph's indented first line runs to the margin: its next line goes on
    indented = doc("\n".join(["        " + body[0]] + body[1:])).text.split("\n")
    assert indented[0].endswith("như sau:")


def test_a_letterhead_in_tab_separated_cells_is_read_column_by_column():
    from helpers import doc

    d = doc("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG TRẤN BIÊN\tĐộc lập - Tự do - Hạnh phúc\n"
            "TỈNH ĐỒNG NAI\t\nSố: 18/KH-UBND\tTrấn Biên, ngày 16 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
            "Chỉ tiêu\tNăm 2025\tNăm 2026\nTỷ lệ nữ\t30%\t35%\n")
    assert d.text.split("\n") == ["ỦY BAN NHÂN DÂN", "PHƯỜNG TRẤN BIÊN", "TỈNH ĐỒNG NAI", "Số: 18/KH-UBND",
                                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                  "Trấn Biên, ngày 16 tháng 01 năm 2026", "KẾ HOẠCH", "Chỉ tiêu\tNăm 2025\tNăm 2026",
                                  "Tỷ lệ nữ\t30%\t35%"]


def test_a_justified_line_that_ends_a_page_goes_on_overleaf():
    page1 = [Line("3. Sở Lao động - Thương binh và Xã hội tổng hợp, báo cáo", page=4, runs_on=True)]
    page2 = [Line("UBND tỉnh kết quả thực hiện trước ngày 30/11/2023.", page=5), Line("Trên đây là Kế hoạch.", page=5)]
    assert [p.text for p in join_lines(page1 + page2, wrapped=False)] == [
        "3. Sở Lao động - Thương binh và Xã hội tổng hợp, báo cáo UBND tỉnh kết quả thực hiện trước ngày 30/11/2023.",
        "Trên đây là Kế hoạch."]
    # a short last line ended its paragraph
    page1[0].runs_on = False
    assert len(join_lines(page1 + page2, wrapped=False)) == 3


def test_a_line_at_the_first_line_indent_opens_a_paragraph():
    from helpers import doc

    para = ["        - Tham mưu xây dựng kế hoạch hoạt động vì sự tiến bộ của phụ nữ năm 2023 của ngành, gửi về",
            "  Thường trực Ban trước ngày 31/3/2023 để tổng hợp và theo dõi việc thực hiện kế hoạch.",
            "        - Kiện toàn tổ chức, bổ sung thành viên khi có thay đổi về nhân sự của cơ quan, đơn vị.",
            "        3. Sở Y tế", "        - Chỉ đạo các cơ sở y tế tuyên truyền về bình đẳng giới và chăm sóc sức khỏe",
            "  sinh sản cho phụ nữ, trẻ em gái tại cộng đồng dân cư trên địa bàn tỉnh Quảng Nam.",
            "        10. Đề nghị Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy",
            "        Quan tâm chỉ đạo, hướng dẫn công tác quy hoạch, đào tạo, bồi dưỡng, bố trí cán bộ nữ; định",
            "  hướng công tác tuyên truyền về bình đẳng giới và công tác phụ nữ trong tình hình mới."]
    lines = doc("\n".join(para * 2)).text.split("\n")
    assert "10. Đề nghị Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy" in lines
    assert any(line.startswith("Quan tâm chỉ đạo") and line.endswith("trong tình hình mới.") for line in lines)


def test_a_line_cut_before_a_number_or_after_a_hyphen_goes_on():
    from helpers import doc

    lines = ["- Chủ trì tổ chức các hoạt động hưởng ứng Tháng hành động vì người cao tuổi Việt Nam năm",
             "2022; phối hợp với các cơ quan liên quan tổ chức chúc thọ, mừng thọ người cao tuổi.",
             "Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 28/TTr-",
             "LĐTBXH ngày 18/02/2022."]
    assert doc("\n".join(lines)).text.split("\n") == [
        "- Chủ trì tổ chức các hoạt động hưởng ứng Tháng hành động vì người cao tuổi Việt Nam năm 2022; phối hợp với các "
        "cơ quan liên quan tổ chức chúc thọ, mừng thọ người cao tuổi.",
        "Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 28/TTr-LĐTBXH ngày 18/02/2022."]
