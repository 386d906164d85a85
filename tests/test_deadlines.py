from helpers import doc
from kehoach.extract.deadlines import extract_deadlines
from kehoach.extract.refs import extract_refs
from kehoach.model import Metadata


def deadlines(text, year=2022):
    d = doc(text)
    meta = Metadata(year=year)
    return [(x.kind, x.date, x.end, x.recurrence, x.year_inferred) for x in extract_deadlines(d, meta, extract_refs(d, meta))]


def test_before_with_and_without_year():
    assert deadlines("Báo cáo trước ngày 10/6/2022.") == [("before", "2022-06-10", None, None, False)]
    assert deadlines("gửi báo cáo trước 05 tháng 6.", year=2024) == [("before", "2024-06-05", None, None, True)]
    assert deadlines("chậm nhất ngày 15/12 năm nay") == [("before", "2022-12-15", None, None, True)]


def test_ranges():
    assert deadlines("(từ 15/11/2022 đến 15/12/2022)") == [("range", "2022-11-15", "2022-12-15", None, False)]
    assert deadlines("Từ ngày 15/11 đến 15/12/2024") == [("range", "2024-11-15", "2024-12-15", None, False)]


def test_periodic_with_dates():
    found = deadlines("báo cáo định kỳ 6 tháng (trước ngày 10/6), cả năm (trước ngày 10/11) về Sở.", year=2020)
    assert found == [("before", "2020-06-10", None, "half-yearly", True), ("before", "2020-11-10", None, "yearly", True)]


def test_a_period_without_a_date_is_recurring():
    assert deadlines("- Hàng năm báo cáo số lượng cán bộ nữ.") == [("recurring", None, None, "yearly", False)]
    assert deadlines("bố trí ngân sách nhà nước hàng năm, ưu tiên") == []


def test_issue_dates_of_cited_documents_are_never_deadlines():
    assert deadlines("Thực hiện Công văn số 418/LĐTBXH-BĐG ngày 23/02/2022 của Bộ.") == []


def test_a_quarter_anywhere_or_a_month_in_a_reporting_sentence_is_recurring():
    assert deadlines("2. Công an tỉnh gửi số liệu về các vụ bạo lực gia đình đã được phát hiện, xử lý về Sở Văn hóa, "
                     "Thể thao và Du lịch hằng quý để phục vụ công tác thống kê.") == [("recurring", None, None, "quarterly", False)]
    assert deadlines("Ủy ban nhân dân các xã cập nhật số liệu về các vụ bạo lực trên địa bàn hằng quý, gửi Sở Nội vụ.") == [
        ("recurring", None, None, "quarterly", False)]
    assert deadlines("- Hằng tháng cung cấp số liệu về các vụ xâm hại trẻ em cho Sở.") == [("recurring", None, None, "monthly", False)]
    # a year's period is an adjective as often as a duty: it must stand by its report word
    assert deadlines("Xây dựng kế hoạch hằng năm về bình đẳng giới, gửi Sở Lao động.") == []
    assert deadlines("Xây dựng kế hoạch hằng quý của Ban.") == []
    # a quarter qualifies a duty even with no report word: "hằng quý phối hợp kiểm tra …"
    assert deadlines("- Hằng quý phối hợp kiểm tra việc thực hiện chế độ đối với lao động nữ.") == [
        ("recurring", None, None, "quarterly", False)]


def test_a_period_whose_date_comes_later_in_the_clause_is_that_deadline():
    assert deadlines("Đề nghị Chi cục Thống kê cung cấp số liệu về giới hằng năm cho Sở Nội vụ trước ngày 30/9/2025.",
                     year=2025) == [("before", "2025-09-30", None, "yearly", False)]
    found = deadlines("Định kỳ hằng quý, 6 tháng (trước ngày 15/6/2025) và năm (trước ngày 15/12/2025), các sở báo cáo.",
                      year=2025)
    assert ("recurring", None, None, "quarterly", False) in found and len(found) == 3



def test_a_sentence_that_opens_with_its_period():
    """"Hằng ngày, …" opening a sentence inside a paragraph is the duty's frequency, as at an item's start; when
    the sentence goes on to a date, that dated deadline carries the period, far as the date may be."""
    assert deadlines("Cấp hộp thư cho cá nhân mới. Hằng ngày, bộ phận văn thư kiểm tra hộp thư điện tử công vụ.") == [
        ("recurring", None, None, "daily", False)]
    assert deadlines("sử dụng theo quy định; Hàng năm, các cơ quan, đơn vị gửi báo cáo tình hình quản lý, sử dụng hệ "
                     "thống Thư điện tử công vụ (trước ngày 11 /12).", year=2025) == [("before", "2025-12-11", None, "yearly", True)]
    assert deadlines("phục vụ đời sống hằng ngày của nhân dân.") == []


def test_periods_of_whole_months_and_quarters():
    assert deadlines("Tổ chức tuyên truyền từ tháng 4 đến hết tháng 9/2024 tại các xã.", year=2024) == [
        ("range", "2024-04-01", "2024-09-30", None, False)]
    assert deadlines("kiểm tra liên ngành trong Quý III/2024; báo cáo kết quả.", year=2024) == [
        ("range", "2024-07-01", "2024-09-30", None, False)]
    assert deadlines("hoàn thành trong quý II.", year=2023) == [("range", "2023-04-01", "2023-06-30", None, True)]
    assert deadlines("Tháng hành động quốc gia (tháng 6/2024).", year=2024) == []  # a month alone is when, not by when


def test_rules_v2_frequencies_open_ranges_and_years_of_a_period_plan():
    from helpers import doc
    from kehoach.extract import extract

    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 12/KH-UBND\nĐắk Lắk, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\n"
            "Bảo vệ nguồn lợi thủy sản giai đoạn 2026 - 2030\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n"
            "- Hằng năm, phối hợp với các địa phương quan trắc môi trường nuôi trồng thủy sản.\n"
            "- Thường xuyên kiểm tra các cơ sở sản xuất giống.\n- Thời gian thực hiện: Thường xuyên.\n"
            "- Sao lưu dữ liệu định kỳ (01 lần/ngày) và báo cáo trước ngày 15/12 hằng năm.\n"
            "- Theo dõi từ tháng 3 đến tháng 11 hằng năm; thực hiện từ ngày 01/01/2026.\n"
            "Kế hoạch có hiệu lực kể từ ngày 01/12/2025.\n")
    found = {(d.kind, d.date, d.end, d.recurrence) for d in extract(doc(text)).deadlines}
    assert found >= {("recurring", None, None, "yearly"), ("recurring", None, None, None), ("recurring", None, None, "daily"),
                     ("before", "2025-12-15", None, "yearly"), ("range", "2026-03-01", "2026-11-30", None),
                     ("range", "2026-01-01", None, None)}
    assert ("range", "2025-12-01", None, None) not in found  # the day it takes effect is no deadline
    # "Thường xuyên" opening a duty is its wording; as a label's value it is the task's stated time
    assert [d.text for d in extract(doc(text)).deadlines if d.kind == "recurring" and d.recurrence is None] == ["Thường xuyên."]


def test_a_time_label_on_a_line_of_its_own_is_a_stated_time():
    from kehoach.extract import extract

    text = ("KẾ HOẠCH\n1.3. Tỷ lệ cắt giảm chi phí: 100%.\n*1.4. Lộ trình thực hiện: *Năm 2025 - 2026.\n"
            "- Thời hạn hoàn thành: Quý II/2026\n")
    from kehoach.corpus.text import read_text

    plan = extract(read_text(text, source="case.md", id="0" * 64, format="md"))
    assert {(d.kind, d.date, d.end) for d in plan.deadlines} == {("range", "2025-01-01", "2026-12-31"),
                                                                 ("before", "2026-06-30", None)}


def test_a_year_less_date_takes_the_plan_year_and_the_next_year_when_the_text_says_so():
    # gold rules: "a date with no year takes the plan year", even a date before the day the document was issued
    text = ("Định kỳ (trước ngày 30 tháng 6 hằng năm), Ủy ban nhân dân cấp xã báo cáo.\n"
            "Báo cáo trước ngày 31 tháng 01 của năm tiếp theo.\nTổng kết trong Quý I năm liền kề.\n")
    found = {(k, d, e) for k, d, e, *_ in deadlines(text, year=2025)}
    assert found == {("before", "2025-06-30", None), ("before", "2026-01-31", None), ("range", "2026-01-01", "2026-03-31")}


def test_frequencies_by_the_day_week_and_month():
    found = {(k, r) for k, d, e, r, i in deadlines(
        "- Hằng ngày, kiểm tra hệ thống thư điện tử.\n- Sao lưu dữ liệu định kỳ tối thiểu 01 tuần/lần.\n"
        "- Thu gom định kỳ 01 tháng 01 lần.\n- Định kỳ hàng tháng (trước ngày 16 hàng tháng) báo cáo Sở Công Thương.\n")}
    assert found == {("recurring", "daily"), ("recurring", "weekly"), ("recurring", "monthly")}


def test_a_period_from_the_day_the_document_was_issued():
    from kehoach.extract import extract

    text = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/KH-UBND\nNghệ An, ngày 19 tháng 11 năm 2025\nKẾ HOẠCH\nThi đua\n"
            "- Thời gian: từ nay đến năm 2030.\n- Đợt thi đua từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội.\n"
            "Kế hoạch này có hiệu lực kể từ ngày ký đến khi có văn bản thay thế.\n")
    found = {(d.kind, d.date, d.end) for d in extract(doc(text)).deadlines}
    assert found == {("range", "2025-11-19", "2030-12-31"), ("range", "2025-11-19", None)}


def test_a_date_long_before_the_document_is_a_condition_not_a_deadline():
    from kehoach.extract import extract

    text = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/QĐ-UBND\nNghệ An, ngày 19 tháng 11 năm 2025\nQUYẾT ĐỊNH\nCông bố thủ tục\n"
            "1. Cấp Giấy chứng nhận cho hộ gia đình sử dụng đất trước ngày 01/7/2004.\n"
            "2. Sở Tài chính báo cáo trước ngày 15/12/2025.\n")
    assert {(d.kind, d.date) for d in extract(doc(text)).deadlines} == {("before", "2025-12-15")}


def test_a_date_in_a_legal_ground_is_the_cited_documents():
    from kehoach.extract import extract

    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/KH-UBND\nĐồng Tháp, ngày 27 tháng 11 năm 2025\nKẾ HOẠCH\nChuyển đổi số\n"
            "Căn cứ Quyết định số 03-QĐ/BCĐ ngày 13/8/2025 ban hành Chương trình công tác của Ban Chỉ đạo từ nay đến cuối năm 2025;\n"
            "Định kỳ hằng năm (trước ngày 30 tháng 11), các sở báo cáo Ủy ban nhân dân tỉnh.\n")
    assert {(d.kind, d.date) for d in extract(doc(text)).deadlines} == {("before", "2025-11-30")}


def test_from_a_year_on():
    """"… tham mưu tổ chức thực hiện chấm điểm từ năm 2026": an open range from the year's first day; a target's
    year ("Từ năm 2025 trở đi, 100% …", "… đạt 90% từ năm 2026") and a closed range are not."""
    assert deadlines("Sở Nội vụ tham mưu tổ chức thực hiện chấm điểm từ năm 2026.", year=2025) == [
        ("range", "2026-01-01", None, None, False)]
    assert deadlines("Từ năm 2025 trở đi, 100% xã có tin, bài về bình đẳng giới.", year=2025) == []
    assert deadlines("Tỷ lệ hồ sơ trực tuyến đạt 90% từ năm 2026.", year=2025) == []


def test_two_periods_of_one_report():
    """"báo cáo tổng hợp hàng quý và hàng năm": each period once; the first read takes only its own word."""
    found = deadlines("- Kết quả quan trắc, báo cáo tổng hợp hàng quý và hàng năm được lưu trữ bằng văn bản.", year=2025)
    assert sorted(x[3] for x in found) == ["quarterly", "yearly"]


def test_done_within_a_year():
    """"hoàn thành trong năm 2025" is done by the year's last day, as "hoàn thành trong tháng 12/2025" is by the
    month's; "hoàn thành trước năm 2030" is a horizon, not read."""
    assert deadlines("Các bộ, ngành hoàn thành trong năm 2025 việc sắp xếp.", year=2025) == [
        ("before", "2025-12-31", None, None, False)]
    assert deadlines("Phấn đấu hoàn thành trước năm 2030 mục tiêu.", year=2025) == []


def test_several_times_a_day_is_daily():
    assert deadlines("Văn thư kiểm tra hộp thư điện tử ít nhất 02 lần/ngày vào đầu buổi sáng.", year=2025) == [
        ("recurring", None, None, "daily", False)]
    assert deadlines("Tần suất thu gom tối thiểu 03 lần/tuần đối với khu vực đô thị.", year=2025) == []


def test_days_counted_from_the_issue_date():
    """"chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định" is due five working days after the issue
    date (a Saturday's decision: the next Friday); plain days count the calendar; days from another event
    ("kể từ ngày nhận đủ hồ sơ") have no date."""
    def found(text, issued):
        d = doc(text)
        meta = Metadata(year=int(issued[:4]), issued_date=issued)
        return [(x.kind, x.date) for x in extract_deadlines(d, meta, extract_refs(d, meta))]

    text = "Sở Tư pháp niêm yết công khai.\nThời hạn chậm nhất 05 ngày làm việc\nkể từ ngày ban hành Quyết định."
    assert found(text, "2025-11-18") == [("before", "2025-11-25")]
    assert found(text, "2025-11-22") == [("before", "2025-11-28")]
    assert found("Các sở báo cáo trong vòng 10 ngày kể từ ngày ký Kế hoạch này.", "2025-11-25") == [("before", "2025-12-05")]
    assert found("Giải quyết trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.", "2025-11-25") == []


def test_the_month_a_duty_closes_with():
    """"… trong tháng 3/2019." closing a duty is the month's range (as a "Thời gian: Tháng 3/2019" label is);
    a month inside a clause ("tổ chức … trong tháng 11/2024 tại huyện …") says when an event happens."""
    assert deadlines("Sở Nông nghiệp kiểm tra các cơ sở chăn nuôi trên phạm vi toàn tỉnh trong tháng 3/2019.", year=2019) == [
        ("range", "2019-03-01", "2019-03-31", None, False)]
    assert deadlines("Tổng kết vào tháng 4 năm 2026.", year=2025) == [("range", "2026-04-01", "2026-04-30", None, False)]
    assert deadlines("Tổ chức Lễ phát động trong tháng 11/2024 tại huyện Krông Pắc.", year=2024) == []


def test_a_daily_report():
    """"Tổng hợp, báo cáo UBND tỉnh … tình hình dịch bệnh hằng ngày" is a daily duty (gold rules v2: "hằng ngày" →
    recurring daily); "bữa ăn hằng ngày" in a sentence that reports nothing is no period."""
    assert deadlines("d) Tổng hợp, báo cáo UBND tỉnh và Bộ Nông nghiệp và Phát triển nông thôn tình hình dịch bệnh "
                     "hằng ngày khi có dịch xảy ra.", year=2019) == [("recurring", None, None, "daily", False)]
    assert deadlines("Bảo đảm an toàn thực phẩm trong bữa ăn hằng ngày của học sinh.", year=2019) == []


def test_two_dates_under_one_trigger_and_a_span_of_months():
    """"định kỳ 6 tháng (trước ngày 15/6 và 15/12)" gives both dates with the period; "chậm nhất đến ngày
    31/01/2024" is a due date; a time cell "Tháng 6 - 10/2024" is the span of those months."""
    from kehoach.extract.stated_time import parse_stated_time

    assert deadlines("Các cơ quan định kỳ 6 tháng (trước ngày 15/6 và 15/12) báo cáo tình hình về Sở.", year=2021) == [
        ("before", "2021-06-15", None, "half-yearly", True), ("before", "2021-12-15", None, "half-yearly", True)]
    assert deadlines("Các chủ đầu tư giải ngân hết kế hoạch vốn chậm nhất đến ngày 31/01/2024.", year=2023) == [
        ("before", "2024-01-31", None, None, False)]
    assert parse_stated_time("Tháng 6 - 10/2024") == {"kind": "range", "date": "2024-06-01", "end": "2024-10-31",
                                                      "recurrence": None, "year_inferred": False}
    assert parse_stated_time("Tháng 6/2024 - 10/2024")["end"] == "2024-10-31"


def test_a_time_cell_that_names_no_year_takes_the_plans():
    """"Cả năm" and "Quý II" in a 2016 plan's time column are that year's; the year is marked inferred."""
    from kehoach.extract.stated_time import parse_stated_time

    assert parse_stated_time("Cả năm", year=2016) == {"kind": "range", "date": "2016-01-01", "end": "2016-12-31",
                                                     "recurrence": None, "year_inferred": True}
    assert parse_stated_time("Quý II", year=2016)["date"] == "2016-04-01"
    assert parse_stated_time("Cả năm") is None  # no plan year: nothing to say
    assert parse_stated_time("15/4 - 15/5/2017")["end"] == "2017-05-15"  # the first date takes the second's year


def test_done_within_a_quarter_is_done_by_its_end():
    assert deadlines("UBND các huyện rà soát các điểm sạt lở, hoàn thành trong Quý II/2020.", year=2020) == [
        ("before", "2020-06-30", None, None, False)]
    assert deadlines("Tổ chức hội thi trong Quý III/2020 tại các huyện.", year=2020) == [
        ("range", "2020-07-01", "2020-09-30", None, False)]


def test_an_hour_before_the_day_a_span_to_the_end_of_a_day_and_two_months_or_quarters():
    assert deadlines("Báo cáo về UBND tỉnh trước 10 giờ ngày 15/02/2024 để tổng hợp.", year=2024) == [
        ("before", "2024-02-15", None, None, False)]
    assert deadlines("Trực Tết (từ ngày 08/02/2024 đến hết ngày 14/02/2024).", year=2024) == [
        ("range", "2024-02-08", "2024-02-14", None, False)]
    assert deadlines("Kiểm tra tàu cá tại các xã ven biển trong tháng 9 và tháng 10/2025.", year=2025) == [
        ("range", "2025-09-01", "2025-10-31", None, False)]
    from kehoach.extract.stated_time import parse_stated_time

    assert parse_stated_time("Quý II - Quý III/2026")["end"] == "2026-09-30"


def test_an_open_range_from_an_hour_of_a_day():
    assert deadlines("Thực hiện lệnh cấm biển từ 12 giờ ngày 27/10/2020 cho đến khi có thông báo mới.", year=2020) == [
        ("range", "2020-10-27", None, None, False)]
