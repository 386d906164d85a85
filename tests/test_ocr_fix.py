"""OCR post-correction (corpus/ocr_fix.py): marks put right from context, on OCR'd pages only, spans kept,
and off with --no-ocr-fix. No OCR runs here: an OCR'd document is made by a stand-in image reader."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.corpus import READERS, ReadOptions, read, read_data
from kehoach.corpus.ocr_fix import correct, correct_document, edits, runs
from kehoach.extract import extract
from kehoach.model import Document, Page

# a plan's sentences as an OCR misreads their marks: "đoàn thế", "kiếm tra", "bình đảng giới", "Ban Tố chức"
MISREAD = ("Phối hợp với các đoàn thế tổ chức tuyên truyền.\n"
           "Tăng cường công tác kiếm tra, giám sát việc thực hiện bình đảng giới trên địa bàn.\n"
           "Ban Tố chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ.")
RIGHT = ("Phối hợp với các đoàn thể tổ chức tuyên truyền.\n"
         "Tăng cường công tác kiểm tra, giám sát việc thực hiện bình đẳng giới trên địa bàn.\n"
         "Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ.")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(("wrong", "right"), [
    ("các đoàn thế tổ chức", "các đoàn thể tổ chức"),
    ("công tác kiếm tra, giám sát", "công tác kiểm tra, giám sát"),
    ("thực hiện bình đảng giới", "thực hiện bình đẳng giới"),
    ("Ban Tố chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
    ("IV. TỔ CHỨC THỤC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"),
])
def test_a_misread_mark_is_corrected_in_context(wrong, right):
    assert correct(wrong)[0] == right


@pytest.mark.parametrize("sentence", [
    RIGHT,
    "Tổ chức nói chuyện chuyên đề về bình đẳng giới cho nam giới và nữ công nhân lao động.",
    "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006; phụ nữ Việt Nam nhân các sự kiện.",
    "Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các huyện, thành phố.",
])
def test_a_right_sentence_is_left_alone(sentence):
    assert correct(sentence) == (sentence, [])


@pytest.mark.parametrize("text", [
    "Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ",
    "Công văn số 418/LĐTBXH-Tố chức",  # a code's letters, however they read, beside a slash and a hyphen
    "mã kiếm2 tra",  # a digit glued to the word
    "UBND tỉnh; HĐND tỉnh; Nguyễn Văn Thế",  # not syllables; a capitalised name with nothing after it
])
def test_numbers_codes_and_names_are_never_touched(text):
    assert correct(text) == (text, [])


def test_corrections_carry_their_spans_and_keep_lengths():
    fixed, fixes = correct(MISREAD)
    assert fixed == RIGHT and len(fixed) == len(MISREAD)
    assert [(f.original, f.corrected) for f in fixes] == [("thế", "thể"), ("kiếm", "kiểm"), ("đảng", "đẳng"), ("Tố", "Tổ")]
    for f in fixes:
        start, end = f.span
        assert MISREAD[start:end] == f.original and fixed[start:end] == f.corrected


def test_case_is_kept():
    assert correct("BAN TỐ CHỨC TỈNH ỦY")[0] == "BAN TỔ CHỨC TỈNH ỦY"
    assert correct("Kiếm tra, giám sát")[0] == "Kiểm tra, giám sát"


def test_punctuation_and_line_breaks_end_a_context():
    assert [[t.text for t in run] for run in runs("công tác kiểm\ntra, giám sát (Sở Y tế)")] == [
        ["công", "tác", "kiểm"], ["tra"], ["giám", "sát"], ["Sở", "Y", "tế"]]


def test_marks_apart():
    assert edits("kiếm", "kiểm") == 1 and edits("đảng", "đẳng") == 1 and edits("thuc", "thực") == 2


def _ocr_pages(text: str, pages: list[tuple[int, int, bool]]) -> Document:
    return Document(source="scan.png", id="x", format="image-ocr", text=text, raw_text=text,
                    pages=[Page(number=i + 1, start=s, end=e, ocr=ocr) for i, (s, e, ocr) in enumerate(pages)])


def test_only_ocr_pages_are_corrected():
    half = MISREAD.index("Ban")
    doc = correct_document(_ocr_pages(MISREAD, [(0, half, False), (half, len(MISREAD), True)]))
    assert doc.text == MISREAD[:half] + RIGHT[half:]
    assert [(f.page, f.original, f.corrected) for f in doc.ocr_fixes] == [(2, "Tố", "Tổ")]
    assert doc.raw_text == MISREAD  # what the OCR read stays


def test_digital_text_is_never_corrected(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(MISREAD, encoding="utf-8")
    doc = read(path)
    assert doc.text == MISREAD and doc.ocr_fixes == []


@pytest.fixture
def fake_ocr(monkeypatch):
    """The image reader replaced by one that 'reads' MISREAD as one OCR'd page."""
    from kehoach.corpus import readers  # noqa: F401  (fills READERS before it is patched)

    def reader(path, data, options):
        return _ocr_pages(MISREAD, [(0, len(MISREAD), True)])

    monkeypatch.setitem(READERS, "image", reader)


def test_read_options_turn_it_off(fake_ocr):
    on = read_data("scan.png", PNG)
    off = read_data("scan.png", PNG, options=ReadOptions(ocr_fix=False))
    assert on.text == RIGHT and len(on.ocr_fixes) == 4
    assert off.text == MISREAD and off.ocr_fixes == []


def test_extract_json_lists_the_corrections(fake_ocr):
    record = extract(read_data("scan.png", PNG)).to_dict()
    assert record["ocr_fixes"][0] == {"page": 1, "span": [22, 25], "original": "thế", "corrected": "thể"}


def test_cli_no_ocr_fix(fake_ocr, tmp_path):
    scan = tmp_path / "scan.png"
    scan.write_bytes(PNG)
    on = CliRunner().invoke(cli, ["extract", "--json", str(scan)])
    off = CliRunner().invoke(cli, ["text", "--json", "--no-ocr-fix", str(scan)])
    assert on.exit_code == 0 and off.exit_code == 0, on.output + off.output
    assert [f["corrected"] for f in json.loads(on.stdout)["ocr_fixes"]] == ["thể", "kiểm", "đẳng", "Tổ"]
    record = json.loads(off.stdout)
    assert record["ocr_fixes"] == [] and record["text"] == MISREAD


def test_the_data_file_is_small():
    data = resources.files("kehoach.data").joinpath("syllables.json.gz")
    assert data.is_file() and len(data.read_bytes()) < 2 * 2**20


def test_a_capital_at_a_line_start_is_no_name():
    assert correct("giám sát;\nKiếm tra việc thực hiện")[0] == "giám sát;\nKiểm tra việc thực hiện"


def test_ingest_honours_it(fake_ocr, tmp_path):
    from kehoach.index.ingest import Job, process

    scan = tmp_path / "scan.png"
    scan.write_bytes(PNG)
    on = process(Job(str(scan), str(scan), "auto", 2**20))
    off = process(Job(str(scan), str(scan), "auto", 2**20, ocr_fix=False))
    assert len(on[1]["ocr_fixes"]) == 4 and on[2] == RIGHT
    assert off[1]["ocr_fixes"] == [] and off[2] == MISREAD
