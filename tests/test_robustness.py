"""A batch never stops for one file: every failure is that file's one-line error.

Mutated bytes of every file of corpus/ (truncated, bit-flipped, spliced,
given the wrong extension or re-encoded) go through reading and extraction;
whatever a reader or a rule makes of them, only a KehoachError (the file's
error line) may come out. Duplicates (the same content under two names) are
one document in one run, across worker processes and across runs.
"""

from __future__ import annotations

import random
import shutil

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.corpus import ReadOptions, read
from kehoach.errors import KehoachError
from kehoach.extract import extract_safely

OPTIONS = ReadOptions(ocr="never", check_language=True)
EXTENSIONS = [".txt", ".md", ".pdf", ".docx", ".doc", ".png", ".jpg"]


def _mutations(data: bytes, rng: random.Random):
    n = len(data)
    yield "truncated", data[: rng.randrange(1, max(2, n // 2))]
    flipped = bytearray(data)
    for _ in range(max(1, n // 500)):
        i = rng.randrange(n)
        flipped[i] ^= 1 << rng.randrange(8)
    yield "bit-flipped", bytes(flipped)
    a, b = sorted(rng.randrange(n) for _ in range(2))
    yield "spliced", data[:a] + data[b:] + data[a:b]
    yield "zeroed", data[: n // 3] + b"\x00" * (n // 3) + data[2 * n // 3 :]
    if data[:4] not in (b"%PDF", b"PK\x03\x04"):
        text = data.decode("utf-8", errors="replace")
        yield "utf-16-be", text.encode("utf-16-be")
        yield "utf-16 broken surrogate", "\ufeff".encode("utf-16-le") + text[:300].encode("utf-16-le") + b"\x00\xd8" + text[300:600].encode("utf-16-le")
        yield "latin-1", text.encode("latin-1", errors="replace")


def _corpus_files(corpus_dir):
    return sorted(p for p in corpus_dir.iterdir() if p.is_file())


@pytest.mark.slow
def test_no_reader_or_rule_lets_an_exception_escape(tmp_path, corpus_dir):
    rng = random.Random(20261207)
    tried = 0
    for original in _corpus_files(corpus_dir):
        data = original.read_bytes()
        for what, mutated in _mutations(data, rng):
            ext = rng.choice(EXTENSIONS) if what != "truncated" else original.suffix
            path = tmp_path / f"{original.stem}.{what.replace(' ', '-')}{ext}"
            path.write_bytes(mutated)
            tried += 1
            try:
                extract_safely(read(path, options=OPTIONS))
            except KehoachError as err:  # the file's own error: a cause in words, naming the file
                assert err.path == str(path) and err.message
    assert tried >= 50


def test_an_unexpected_exception_is_the_files_error_line(tmp_path, corpus_dir, monkeypatch):
    """A bug in one rule costs one file: the others are read, the exit status says so, --debug shows the trace."""
    import kehoach.extract as extract_module

    real = extract_module.extract

    def broken(doc):
        if "002_" in doc.source:
            raise KeyError("central")
        return real(doc)

    monkeypatch.setattr(extract_module, "extract", broken)
    bad, good = corpus_dir / "002_b0250836c3ee820c.txt", corpus_dir / "003_5695c2d38cc07562.txt"
    result = CliRunner().invoke(cli, ["extract", "--json", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"kehoach: {bad}: extraction failed: KeyError: 'central' "
                                     "(run with --debug for the traceback, and report it)")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and '"error"' in lines[0] and '"assignments"' in lines[1]
    debug = CliRunner().invoke(cli, ["extract", "--json", "--debug", str(bad), str(good)])
    assert "Traceback" in debug.stderr and "KeyError" in debug.stderr


def test_utf16_with_a_broken_surrogate_is_read(tmp_path, corpus_dir):
    text = (corpus_dir / "002_b0250836c3ee820c.txt").read_text(encoding="utf-8")
    path = tmp_path / "utf16.txt"
    path.write_bytes(b"\xff\xfe" + text[:2000].encode("utf-16-le") + b"\x00\xd8" + text[2000:].encode("utf-16-le"))
    doc = read(path)
    assert "Kiên Giang" in doc.text and "\ufffd" in doc.text


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_content_twice_in_one_batch_is_one_document(tmp_path, corpus_dir, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("002_b0250836c3ee820c.txt", "003_5695c2d38cc07562.txt"):
        shutil.copy(corpus_dir / name, folder / name)
    shutil.copy(corpus_dir / "002_b0250836c3ee820c.txt", folder / "copy-of-002.txt")
    ws = tmp_path / "ws"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(ws), "--workers", str(workers), "--json"])
    assert result.exit_code == 0, result.output
    import json

    summary = json.loads(result.stdout)
    assert summary["read"] == 2 and summary["failed"] == []
    assert [d["source"].endswith("copy-of-002.txt") for d in summary["duplicates"]] == [True]
    # across runs: the copy is unchanged content, not a new document
    (folder / "another-copy.txt").write_bytes((corpus_dir / "003_5695c2d38cc07562.txt").read_bytes())
    again = json.loads(CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(ws), "--json"]).stdout)
    assert again["read"] == 0 and again["failed"] == []
    status = CliRunner().invoke(cli, ["status", "--workspace", str(ws), "--json"])
    assert json.loads(status.stdout.splitlines()[0])["documents"] == 2
