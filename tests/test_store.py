"""The workspace: ingest, idempotence, replacement, removal, crash recovery, migrations, queries."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli
from kehoach.index.migrations import MIGRATIONS, migrate
from kehoach.index.store import Store


@pytest.fixture
def plans(tmp_path, corpus_dir):
    folder = tmp_path / "plans"
    folder.mkdir()
    for p in sorted(corpus_dir.glob("0*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def kehoach(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def dump(workspace):
    db = sqlite3.connect(workspace / "kehoach.db")
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


@pytest.fixture
def workspace(tmp_path, plans):
    ws = tmp_path / "ws"
    result = kehoach("ingest", plans, "--workers", "1", "--workspace", ws)
    assert result.exit_code == 0, result.output
    return ws


def test_ingest_summary_and_status(tmp_path, plans):
    ws = tmp_path / "ws"
    result = kehoach("ingest", plans, "--workers", "2", "--workspace", ws, "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["unchanged"], summary["failed"]) == (5, 0, [])
    status = json.loads(kehoach("status", "--workspace", ws, "--json").stdout)
    assert status["documents"] == 5
    assert status["by_level"] == {"district": 1, "province": 4}
    assert status["by_format"] == {"txt": 5}


def test_a_second_ingest_changes_nothing(workspace, plans):
    before = dump(workspace)
    result = kehoach("ingest", plans, "--workers", "1", "--workspace", workspace, "--json")
    assert json.loads(result.stdout)["unchanged"] == 5
    assert dump(workspace) == before


def test_a_changed_file_replaces_its_record(workspace, plans):
    path = plans / "002_b0250836c3ee820c.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Kiên Giang", "An Giang"), encoding="utf-8")
    summary = json.loads(kehoach("ingest", plans, "--workers", "1", "--workspace", workspace, "--json").stdout)
    assert (summary["replaced"], summary["unchanged"]) == (1, 4)
    store = Store.open(workspace)
    assert [d["province"] for d in store.documents() if d["source"].endswith("002_b0250836c3ee820c.txt")] == ["An Giang"]
    assert len(store.documents()) == 5


def test_remove_by_path_and_by_id(workspace, plans):
    assert kehoach("remove", plans / "000_cd3a10cc7c8fb063.txt", "--workspace", workspace).exit_code == 0
    store = Store.open(workspace)
    doc_id = store.documents()[0]["id"]
    assert kehoach("remove", doc_id[:12], "--workspace", workspace).exit_code == 0
    assert len(Store.open(workspace).documents()) == 3
    result = kehoach("remove", "nothing-like-this", "--workspace", workspace)
    assert result.exit_code == 1 and "no such document" in result.stderr
    hits = kehoach("search", "Quảng Bình", "--workspace", workspace, "--json").stdout
    assert "Quảng Bình" not in hits


def test_failed_files_are_reported_and_listed(tmp_path, plans):
    (plans / "empty.txt").write_bytes(b"")
    ws = tmp_path / "ws"
    result = kehoach("ingest", plans, "--workers", "1", "--workspace", ws)
    assert result.exit_code == 1 and "empty.txt: the file is empty" in result.stderr
    status = json.loads(kehoach("status", "--workspace", ws, "--json").stdout)
    assert status["documents"] == 5 and status["failed"][0]["message"] == "the file is empty"


def test_search_is_diacritic_and_tone_insensitive(workspace):
    rows = [json.loads(x) for x in kehoach("search", "so y te", "--workspace", workspace, "--json", "--tasks-only").stdout.splitlines()]
    assert rows and {r["sector"] for r in rows} >= {"health"}
    assert all({"province", "year", "agency", "section", "page", "snippet"} <= set(r) for r in rows)
    exact = kehoach("search", "hoà giải", "--exact", "--workspace", workspace, "--json").stdout
    assert "hòa" in exact
    assert kehoach("search", "hoa giai", "--exact", "--workspace", workspace, "--json").stdout == ""
    phrase = kehoach("search", '"mất cân bằng giới tính"', "--province", "Bắc Ninh", "--year", "2020-2024",
                     "--workspace", workspace, "--json").stdout.splitlines()
    assert phrase and all(json.loads(x)["province"] == "Bắc Ninh" for x in phrase)


def test_a_bad_query_is_one_line(workspace):
    result = kehoach("search", "   ", "--workspace", workspace)
    assert result.exit_code == 1 and result.stderr.startswith("kehoach: bad query")


def test_duties_resolves_names_and_matches_extract(workspace, plans):
    result = kehoach("duties", "so y te", "--workspace", workspace, "--json")
    assert "body: Sở Y tế (so-y-te)" in result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    expected = 0
    for line in kehoach("extract", "--json", *sorted(plans.iterdir())).stdout.splitlines():
        expected += sum(a["agency_key"] == "so-y-te" for a in json.loads(line)["assignments"])
    assert len(rows) == expected and {r["province"] for r in rows} == {"Quảng Bình", "Hà Tĩnh", "Bắc Ninh"}
    for alias in ("SYT", "Sở Y tês", "so-y-te"):
        assert len(kehoach("duties", alias, "--workspace", workspace, "--json").stdout.splitlines()) == expected
    sector = [json.loads(x) for x in kehoach("duties", "--sector", "health", "--workspace", workspace, "--json").stdout.splitlines()]
    assert len(sector) > expected and "trung-tam-y-te-huyen" in {r["agency_key"] for r in sector}
    csv = kehoach("duties", "Sở LĐTBXH", "--format", "csv", "--workspace", workspace).stdout
    assert csv.startswith("province,district,year,agency")


def test_refs_and_deadlines(workspace):
    top = [json.loads(x) for x in kehoach("refs", "--workspace", workspace, "--json").stdout.splitlines()]
    assert top[0]["key"] == "Luật Bình đẳng giới" and top[0]["plans"] == 5
    cited = json.loads(kehoach("refs", "418/LĐT BXH-BĐG", "--workspace", workspace, "--json").stdout)
    assert [c["province"] for c in cited["cited_by"]] == ["Quảng Bình"]
    rows = [json.loads(x) for x in kehoach("deadlines", "--month", "2022-06", "--workspace", workspace, "--json").stdout.splitlines()]
    assert [r["date"] for r in rows] == ["2022-06-10"]


def test_missing_and_foreign_workspaces(tmp_path):
    result = kehoach("status", "--workspace", tmp_path / "nowhere")
    assert result.exit_code == 1 and "no kehoach workspace" in result.stderr
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "kehoach.db").write_bytes(b"not a database at all" * 100)
    result = kehoach("status", "--workspace", foreign)
    assert result.exit_code == 1 and "not a kehoach database" in result.stderr


def test_migrations_from_blank_from_previous_and_newer(tmp_path):
    db = sqlite3.connect(tmp_path / "a.db")
    assert migrate(db) == len(MIGRATIONS)
    assert migrate(db) == len(MIGRATIONS)  # idempotent
    old = sqlite3.connect(tmp_path / "b.db")
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    migrate(old)
    assert "province_2025" in [r[1] for r in old.execute("PRAGMA table_info(documents)")]
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    from kehoach.errors import KehoachError

    with pytest.raises(KehoachError, match="newer kehoach"):
        migrate(db)


def test_two_ingests_at_once_refuse_cleanly(workspace, plans):
    (workspace / "ingest.lock").write_text(str(os.getpid()))
    result = kehoach("ingest", plans, "--workspace", workspace)
    assert result.exit_code == 1 and "another kehoach ingest" in result.stderr
    (workspace / "ingest.lock").write_text("999999")  # a dead writer's lock is taken over
    assert kehoach("ingest", plans, "--workspace", workspace, "--workers", "1").exit_code == 0


def _processes_with(word: str) -> list[int]:
    """Pids of live processes whose command line holds `word` (Linux /proc)."""
    from pathlib import Path

    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().split()[2]
        except OSError:
            continue
        if state != "Z" and any(word.encode() in a for a in args):
            pids.append(int(cmdline.parent.name))
    return pids


@pytest.mark.slow
def test_an_ingest_killed_midway_leaves_a_store_that_opens(tmp_path, corpus_dir):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        for p in sorted(corpus_dir.glob("0*.txt")):
            text = p.read_text(encoding="utf-8").replace("năm 20", f"năm {i} 20")
            (folder / f"{i:02d}_{p.name}").write_text(text, encoding="utf-8")
    ws = tmp_path / "ws"
    env = dict(os.environ, KEHOACH_WORKSPACE=str(ws))
    proc = subprocess.Popen([sys.executable, "-m", "kehoach.cli", "ingest", str(folder), "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if (ws / "kehoach.db").exists() and Store.open(ws).status()["documents"] >= 5:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # its workers follow it: none is left waiting for work that will never come
    deadline = time.time() + 10
    while _processes_with(str(folder)) and time.time() < deadline:
        time.sleep(0.2)
    assert _processes_with(str(folder)) == []
    store = Store.open(ws)
    n = store.status()["documents"]
    assert 0 < n < 200
    orphans = store.db.execute("SELECT count(*) FROM assignments WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0
    # the next run finishes the job, and the index catches up with the store
    result = kehoach("ingest", folder, "--workspace", ws, "--workers", "2", "--json")
    assert result.exit_code == 0
    assert Store.open(ws).status()["documents"] == 200
    assert len(kehoach("search", "Sở Y tế", "--workspace", ws, "--json", "--limit", "500").stdout.splitlines()) > 40


@pytest.mark.parametrize("engine", ["tantivy", "fts5", "whoosh"])
def test_both_engines_answer_alike(tmp_path, plans, monkeypatch, engine):
    monkeypatch.setenv("KEHOACH_ENGINE", engine)
    ws = tmp_path / engine
    assert kehoach("ingest", plans, "--workers", "1", "--workspace", ws).exit_code == 0
    hits = [json.loads(x) for x in kehoach("search", "so y te", "--tasks-only", "--limit", "50", "--workspace", ws, "--json").stdout.splitlines()]
    assert {h["agency_key"] for h in hits} >= {"so-y-te", "trung-tam-y-te-huyen"}
    phrase = kehoach("search", '"phòng, chống bạo lực gia đình"', "--exact", "--workspace", ws, "--json").stdout
    assert phrase and "bạo lực gia đình" in phrase.replace("[", "").replace("]", "")
    assert kehoach("reindex", "--workspace", ws).exit_code == 0
    assert len(kehoach("search", "so y te", "--tasks-only", "--limit", "50", "--workspace", ws, "--json").stdout.splitlines()) == len(hits)


def test_search_by_province_in_any_spelling_and_across_the_merger(workspace):
    def provinces(*args):
        out = kehoach("search", "kinh phí", "--workspace", workspace, "--json", "--limit", "50", *args).stdout.splitlines()
        return {json.loads(x)["province"] for x in out}

    assert provinces("--province", "quang binh") == {"Quảng Bình"}
    assert provinces("--province", "Quảng Trị") == {"Quảng Bình"}  # Quảng Bình is part of Quảng Trị since 2025
    assert provinces("--province", "Bac Ninh", "--year", "2024") == {"Bắc Ninh"}


def test_force_extracts_unchanged_files_again(workspace, plans):
    summary = json.loads(kehoach("ingest", plans, "--workers", "1", "--workspace", workspace, "--force", "--json").stdout)
    assert (summary["replaced"], summary["unchanged"]) == (5, 0)
    assert json.loads(kehoach("status", "--workspace", workspace, "--json").stdout)["documents"] == 5
    hits = kehoach("search", "so y te", "--tasks-only", "--workspace", workspace, "--json", "--limit", "50").stdout.splitlines()
    assert len(hits) == len({(json.loads(h)["doc_id"], json.loads(h)["span"][0]) for h in hits}) > 0


def test_a_search_while_an_ingest_holds_the_index_writer(workspace):
    from kehoach.index.engine import Index, TantivyIndex

    store = Store.open(workspace)
    with store.db:
        store.db.execute("UPDATE documents SET indexed = 0")  # as if an ingest had stored them and not yet indexed
    index = Index.open(workspace)
    if not isinstance(index, TantivyIndex):
        pytest.skip("the tantivy engine's writer lock")
    writer = index.ix.writer(heap_size=50_000_000, num_threads=1)  # the ingest's writer, holding the lock
    try:
        result = kehoach("search", "so y te", "--workspace", workspace, "--json")
        assert result.exit_code == 0 and result.stdout.strip()
    finally:
        writer.rollback()


def test_ingest_lists_the_documents_stored_with_warnings(tmp_path, plans):
    summary = json.loads(kehoach("ingest", plans, "--workers", "1", "--workspace", tmp_path / "w", "--json").stdout)
    warned = {Path(w["source"]).name: w["warnings"] for w in summary["warnings"]}
    assert warned["003_5695c2d38cc07562.txt"] == ["metadata not found: number, issued_date"]
    assert "000_cd3a10cc7c8fb063.txt" not in warned


def test_duties_of_a_department_take_in_its_divisions(tmp_path):
    plan = tmp_path / "plans" / "sldtbxh.txt"
    plan.parent.mkdir()
    plan.write_text("UBND TỈNH ĐẮK LẮK\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 3148/KH-SLĐTBXH\n"
                    "Đắk Lắk, ngày 25 tháng 10 năm 2024\nKẾ HOẠCH\nTổ chức Tháng hành động vì bình đẳng giới năm 2024\n"
                    "V. TỔ CHỨC THỰC HIỆN\n1. Phòng Bình đẳng giới và Trẻ em\n- Chủ trì tham mưu Giám đốc Sở triển khai Kế hoạch.\n"
                    "2. Phòng Bảo trợ xã hội\n- Phối hợp rà soát danh sách nạn nhân bạo lực trên cơ sở giới.\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert kehoach("ingest", plan.parent, "--workspace", ws).exit_code == 0
    department = kehoach("duties", "Sở LĐTBXH", "--workspace", ws, "--json")
    assert len(department.stdout.splitlines()) == 2
    division = kehoach("duties", "phong binh dang gioi va tre em", "--workspace", ws, "--json")
    assert "so-lao-dong-tbxh/phong-binh-dang-gioi-va-tre-em" in division.stderr
    assert [json.loads(x)["role"] for x in division.stdout.splitlines()] == ["lead"]
