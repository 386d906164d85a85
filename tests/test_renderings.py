"""One document, several files: a plan stored as text, DOCX and PDF is counted and read once."""

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.index.renderings import backfill, document_key
from kehoach.index.store import Filters, Store


def kehoach(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def folders(tmp_path, corpus_dir):
    """`one`: plan 000 as text only, and plan 001; `all`: the same with 000's DOCX and PDF beside its text."""
    one, every = tmp_path / "one", tmp_path / "all"
    for folder, names in ((one, ["000_cd3a10cc7c8fb063.txt", "001_8e36cee14575c564.txt"]),
                          (every, ["000_cd3a10cc7c8fb063.txt", "000_cd3a10cc7c8fb063.docx", "000_cd3a10cc7c8fb063.pdf",
                                   "001_8e36cee14575c564.txt"])):
        folder.mkdir()
        for name in names:
            shutil.copy(corpus_dir / name, folder / name)
    for folder in (one, every):
        result = kehoach("ingest", folder, "--workers", "1", "--workspace", tmp_path / f"ws-{folder.name}")
        assert result.exit_code == 0, result.output
    return tmp_path / "ws-one", tmp_path / "ws-all"


def test_status_says_how_many_files_collapsed(folders):
    _, ws = folders
    status = json.loads(kehoach("status", "--workspace", ws, "--json").stdout)
    assert (status["documents"], status["files"]) == (2, 4)
    assert status["by_format"] == {"docx": 1, "pdf": 1, "txt": 2}
    assert sum(status["by_province"].values()) == 2
    assert "2 documents (4 files)" in kehoach("status", "--workspace", ws).stdout


def test_duties_list_each_task_once_with_its_renderings(folders):
    one, every = folders
    single = [json.loads(x) for x in kehoach("duties", "so y te", "--json", "--workspace", one).stdout.splitlines()]
    rows = [json.loads(x) for x in kehoach("duties", "so y te", "--json", "--workspace", every).stdout.splitlines()]
    assert len(rows) == len(single) > 0
    plan = [r for r in rows if r["number"] == "H32/KH-UBND"]
    assert plan and all(len(r["renderings"]) == 3 for r in plan)
    assert plan[0]["source"] == plan[0]["renderings"][0]  # the reading listed is the one read
    assert {p.rsplit(".", 1)[1] for p in plan[0]["renderings"]} == {"txt", "docx", "pdf"}
    table = kehoach("duties", "so y te", "--format", "table", "--workspace", every)
    assert "also stored as" in table.stderr


def test_search_and_export_count_the_document_once(folders, tmp_path):
    one, every = folders
    for ws in (one, every):
        hits = [json.loads(x) for x in kehoach("search", "bình đẳng giới", "--json", "--limit", "50", "--workspace", ws)
                .stdout.splitlines()]
        docs = [h for h in hits if h["kind"] == "document"]
        assert len(docs) == len({h["doc_id"] for h in docs}) == 2
        out = tmp_path / f"{ws.name}.json"
        assert kehoach("export", "--format", "json", "--out", out, "--workspace", ws).exit_code == 0
    a, b = (json.loads((tmp_path / f"{ws.name}.json").read_text()) for ws in (one, every))
    assert len(a["documents"]) == len(b["documents"]) == 2
    assert len(a["assignments"]) == len(b["assignments"])


def test_removing_the_best_reading_elects_the_next(folders):
    _, ws = folders
    store = Store.open(ws)
    files = store.renderings()
    best_id, group = next((k, v) for k, v in files.items() if len(v) == 3)
    assert group[0]["best"] and group[0]["source"].endswith(".docx")  # no OCR, exact text: the DOCX reads best
    store.remove(best_id)
    after = store.renderings()
    successor = next(v for v in after.values() if len(v) == 2)
    assert successor[0]["source"].endswith(".txt")
    assert len(store.documents()) == 2
    store.close()
    hits = kehoach("search", "bình đẳng giới", "--json", "--limit", "50", "--workspace", ws).stdout
    assert successor[0]["id"] in hits and best_id not in hits  # the index follows the election


def test_files_without_number_or_date_stay_apart(tmp_path):
    assert document_key({"metadata": {"number": None, "issued_date": "2022-03-21", "province": "Hà Tĩnh"}}) is None
    a = document_key({"metadata": {"number": "H32/KH-UBND", "issued_date": "2022-03-21", "province": "Quảng Bình"}})
    b = document_key({"metadata": {"number": "h32 / kh-ubnd", "issued_date": "2022-03-21", "province": "Quảng Bình"}})
    c = document_key({"metadata": {"number": "H32/KH-UBND", "issued_date": "2022-03-21", "province": "Hà Tĩnh"}})
    assert a == b != c


def test_a_store_written_before_renderings_is_backfilled(folders):
    _, ws = folders
    db = sqlite3.connect(ws / "kehoach.db")
    with db:
        db.execute("UPDATE documents SET document = NULL, quality = NULL, best = 1")
        backfill(db)
    assert db.execute("SELECT count(*) FROM documents WHERE best = 1").fetchone()[0] == 2
    db.close()
    store = Store.open(ws)
    assert len(store.documents(Filters(renderings=True))) == 4
    assert len(store.documents()) == 2


def test_the_count_tables_follow_every_write(folders):
    from kehoach.index.compare import compare

    def direct(store):
        return {(r[0], r[1]): r[2] for r in store.db.execute(
            "SELECT a.agency_key, d.province, count(*) FROM assignments a JOIN documents d ON d.id = a.doc_id "
            "WHERE d.best = 1 GROUP BY 1, 2")}

    def counted(store):
        matrix = compare(store, by="province")
        return {(r["agency_key"], c): r[c] for r in matrix["rows"] for c in matrix["columns"] if r[c]}

    _, ws = folders
    store = Store.open(ws)
    assert counted(store) == direct(store) and direct(store)
    best = next(k for k, v in store.renderings().items() if len(v) == 3)
    store.remove(best)  # the next reading of the same document takes its place in the counts
    assert counted(store) == direct(store)
    other = next(k for k, v in store.renderings().items() if len(v) == 1)
    store.remove(other)  # a document gone altogether
    assert counted(store) == direct(store) and len({k[1] for k in counted(store)}) == 1
