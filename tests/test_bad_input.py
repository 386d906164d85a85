"""Bad input: one line on stderr naming the file and the cause; the batch goes on; exit 1."""

import pytest
from click.testing import CliRunner

from kehoach.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["text", *map(str, args)])


@pytest.fixture
def good(corpus_dir):
    return corpus_dir / "002_b0250836c3ee820c.txt"


def _bad(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def encrypted_pdf(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Kế hoạch bình đẳng giới")
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="secret")
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: _bad(t, "empty.txt", b""), "the file is empty"),
        (lambda t: _bad(t, "broken.pdf", b"%PDF-1.7\n1 0 obj <<"), "the file is damaged or truncated"),
        (encrypted_pdf, "the PDF is password-protected"),
        (lambda t: _bad(t, "data.bin", b"\x00\x01\x02\x03" * 100), "unsupported file type"),
        (lambda t: _bad(t, "english.txt", b"This plan is written in English and nothing else. " * 20),
         "the text does not look Vietnamese"),
        (lambda t: _bad(t, "latin.txt", "Ceci n'est pas un plan vietnamien à traduire ".encode("cp1252") * 20 + b"\x81"),
         "the text is in no encoding kehoach knows"),
    ],
)
def test_one_line_per_bad_file_and_the_rest_is_read(tmp_path, good, make, message):
    bad = make(tmp_path)
    result = run(bad, good)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"kehoach: {bad}: {message}")
    assert "Traceback" not in result.output
    assert "Kiên Giang" in result.stdout


def test_a_file_over_the_size_limit(good):
    result = CliRunner().invoke(cli, ["text", "--max-size", "0.001", str(good)])
    assert result.exit_code == 1 and "over the 0 MB limit" in result.stderr


def test_a_folder_with_no_documents(tmp_path, good):
    (tmp_path / "notes.xyz").write_text("x")
    result = run(tmp_path, good)
    assert result.exit_code == 1
    assert result.stderr == f"kehoach: {tmp_path}: the directory holds no documents kehoach can read\n"


def test_a_folder_is_read_recursively(tmp_path, corpus_dir):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "plan.txt").write_bytes((corpus_dir / "001_8e36cee14575c564.txt").read_bytes())
    result = run(tmp_path)
    assert result.exit_code == 0 and "TỈNH HÀ TĨNH" in result.stdout
