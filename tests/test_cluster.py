"""Ingest on a Dask cluster: a LocalCluster of worker processes on 127.0.0.1 stores what local workers store.

The cluster path shares `kehoach.index.ingest.process` with the local one; these tests check that a file's
bytes sent to a worker give the same records as reading it locally, that bad files give the same one-line
errors, and that a worker killed mid-run costs no file (the scheduler runs its tasks again).
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kehoach.cli import cli

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as c:
        yield c


def _texts(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(corpus_dir.glob("0*.txt")):
        shutil.copy(p, folder / p.name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _store(ws):
    import sqlite3

    db = sqlite3.connect(f"{ws}/kehoach.db")
    try:
        docs = sorted(r[0] for r in db.execute("SELECT id FROM documents"))
        tasks = sorted(db.execute("SELECT doc_id, agency_key, role, text, span_start FROM assignments").fetchall())
        deadlines = sorted(db.execute('SELECT doc_id, kind, date, "end" FROM deadlines').fetchall())
        refs = sorted(db.execute("SELECT doc_id, identity FROM citations").fetchall())
    finally:
        db.close()
    return docs, tasks, deadlines, refs


def test_a_cluster_stores_what_local_workers_store(tmp_path, corpus_dir, cluster):
    """All of corpus/ (text, PDF, DOCX and scans) and two bad files, on the cluster and with --workers 2."""
    folder = _texts(tmp_path, corpus_dir)
    for p in corpus_dir.iterdir():
        if p.suffix != ".txt":
            shutil.copy(p, folder / p.name)
    local = CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(tmp_path / "local"), "--workers", "2", "--json"])
    remote = CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(tmp_path / "remote"),
                                      "--cluster", cluster.scheduler_address, "--json"])
    assert local.exit_code == remote.exit_code == 1  # the two bad files
    a, b = json.loads(local.stdout), json.loads(remote.stdout)
    assert a["read"] == b["read"] == len(list(corpus_dir.iterdir()))
    assert sorted(map(tuple, (f.values() for f in a["failed"]))) == sorted(map(tuple, (f.values() for f in b["failed"])))
    assert sorted(local.stderr.splitlines()) == sorted(remote.stderr.splitlines())
    assert _store(tmp_path / "local") == _store(tmp_path / "remote")


def test_shared_path_reads_the_files_where_the_workers_are(tmp_path, corpus_dir, cluster):
    folder = _texts(tmp_path, corpus_dir)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(tmp_path / "ws"),
                                      "--cluster", cluster.scheduler_address, "--shared-path", "--json"])
    assert json.loads(result.stdout)["read"] == 5


def test_a_worker_killed_mid_run_loses_no_file(tmp_path, corpus_dir):
    """Many files on two workers; one worker process is killed once the first documents are stored and while
    tasks remain: every file is still stored (the scheduler runs the lost tasks again on the other worker)."""
    import sqlite3
    import threading
    import time

    from distributed import Client, LocalCluster

    folder = _texts(tmp_path, corpus_dir)
    text = (corpus_dir / "003_5695c2d38cc07562.txt").read_text(encoding="utf-8")
    for i in range(60):  # more work than the first wave, so the kill falls mid-run
        (folder / f"copy{i}.txt").write_text(text + f"\nBản sao {i}.\n", encoding="utf-8")
    ws = tmp_path / "ws"
    killed: dict[str, float] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as c:
        client = Client(c.scheduler_address)

        def kill_one():
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    with sqlite3.connect(ws / "kehoach.db") as db:
                        stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.Error as exc:
                    killed["error"] = str(exc)
                    stored = 0
                if stored >= 3:
                    killed["at"], killed["stored"] = time.time(), stored
                    workers = list(client.scheduler_info()["workers"])
                    try:  # the worker dies before it can answer
                        client.run(lambda: __import__("os")._exit(1), workers=workers[:1])
                    except Exception as exc:
                        killed["run"] = type(exc).__name__
                    killed["workers_before"] = len(workers)
                    return
                time.sleep(0.05)

        threading.Thread(target=kill_one, daemon=True).start()
        result = CliRunner().invoke(cli, ["ingest", str(folder), "--workspace", str(ws),
                                          "--cluster", c.scheduler_address, "--json"])
        client.close()
    summary = json.loads(result.stdout)
    assert "at" in killed and killed["stored"] < 65 and killed.get("workers_before") == 2, ("no worker was killed mid-run", killed)
    assert summary["read"] == 65 and {f["source"].rsplit("/", 1)[-1] for f in summary["failed"]} == {"broken.pdf", "empty.txt"}


def test_a_scans_pages_run_as_cluster_tasks_and_read_as_locally(tmp_path, corpus_dir, cluster):
    """A scanned PDF on the cluster: its pages are OCR'd as tasks of their own; the text is the local one."""
    from distributed import Client

    from kehoach.corpus import ReadOptions, read
    from kehoach.index.ingest import Job, process

    scan = corpus_dir / "000_cd3a10cc7c8fb063.scan.pdf"
    local = read(scan, options=ReadOptions(ocr="auto"))
    with Client(cluster.scheduler_address) as client:
        source, record, text, pages, error = client.submit(process, Job(str(scan), str(scan), "auto", 200 * 2**20,
                                                                         scan.read_bytes()), pure=False).result()
        counts = client.run_on_scheduler(
            lambda dask_scheduler: {k: sum(p.state_counts.values()) for k, p in dask_scheduler.task_prefixes.items()})
    assert error is None and text == local.text and len(pages) == len(local.pages)
    assert counts.get("ocr_image", 0) >= len(local.pages)  # one task a page
