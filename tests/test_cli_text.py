"""`kehoach text` in-process: output on stdout, errors one line on stderr, honest exit status."""

import json

from click.testing import CliRunner

from kehoach.cli import cli


def test_text_prints_the_normalised_text(corpus_dir):
    result = CliRunner().invoke(cli, ["text", str(corpus_dir / "001_8e36cee14575c564.txt")])
    assert result.exit_code == 0
    assert result.stdout.startswith("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n")
    assert "Số: 1458/UBND-VX1\n" in result.stdout


def test_text_json_has_the_documented_fields(corpus_dir):
    result = CliRunner().invoke(cli, ["text", "--json", str(corpus_dir / "000_cd3a10cc7c8fb063.txt")])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert {"source", "id", "format", "pages", "text"} <= set(record)
    assert record["format"] == "txt" and record["pages"] == []
    assert "\\u" not in result.stdout  # Vietnamese written as characters


def test_a_missing_file_is_one_line_and_the_batch_goes_on(corpus_dir, tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["text", "--json", str(missing), str(corpus_dir / "002_b0250836c3ee820c.txt")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert json.loads(lines[0]) == {
        "source": str(missing),
        "error": {"code": "not_found", "message": "no such file or directory"},
    }
    assert json.loads(lines[1])["format"] == "txt"
    assert result.stderr.strip() == f"kehoach: {missing}: no such file or directory"


def test_extract_summary_shows_what_could_not_be_read(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("KẾ HOẠCH\nTruyền thông năm 2023\nIII. TỔ CHỨC THỰC HIỆN\n1. Phòng Bình đẳng giới\n- Tham mưu.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(plan)])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert '"Phòng Bình đẳng giới" names no body kehoach knows' in text and "warning: no task was found" in text
