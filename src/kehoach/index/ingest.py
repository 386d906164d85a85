"""Ingest: files and folders into the workspace store, then into the search index.

Why the order of work: the content hash is checked first (cheap), so a
second run over the same folder reads nothing and changes nothing; reading
and extraction run in worker processes; each document is committed to SQLite
in its own transaction by this process alone, and indexed after its commit.
A run killed at any moment leaves whole documents or none, and documents
not yet indexed are picked up by the next command that opens the index.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.errors import KehoachError
from kehoach.index.engine import Index
from kehoach.index.store import Store

INDEX_BATCH = 200


@dataclass
class IngestSummary:
    read: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the path of the same content read first)
    failed: list[tuple[str, str]] = field(default_factory=list)
    traces: dict[str, str] = field(default_factory=dict)  # path -> traceback of an unexpected failure (--debug)
    warned: list[tuple[str, list[str]]] = field(default_factory=list)  # stored, with what could not be read

    def to_dict(self) -> dict[str, Any]:
        return {"read": len(self.read), "replaced": len(self.replaced), "unchanged": len(self.unchanged),
                "duplicates": [{"source": s, "same_as": o} for s, o in self.duplicates],
                "failed": [{"source": s, "error": m} for s, m in self.failed],
                "warnings": [{"source": s, "warnings": w} for s, w in self.warned]}


@dataclass(frozen=True)
class Job:
    """One file to read and extract: where it is, or its bytes (sent to a cluster's worker, which shares no
    filesystem with the ingest)."""

    source: str  # the resolved path: the store's key for the file
    display: str  # the path as the user gave it: the record's "source"
    ocr: str
    max_size: int
    data: bytes | None = None  # None: read `source` where the work runs
    ocr_fix: bool = True  # correct OCR'd syllables (corpus/ocr_fix.py)


def process(job: Job) -> tuple[str, dict | None, str | None, list | None, dict | None]:
    """Read and extract one file: the one map function of every way of ingesting (this process, local worker
    processes, a Dask cluster's workers). Returns (source, record, text, pages, error)."""
    from kehoach.corpus import ReadOptions, read, read_data
    from kehoach.extract import extract_safely

    try:
        options = ReadOptions(ocr=job.ocr, max_size=job.max_size, ocr_fix=job.ocr_fix)
        doc = read(job.source, options=options) if job.data is None else read_data(job.source, job.data, options=options)
        plan = extract_safely(doc)
    except KehoachError as err:
        error = err.to_dict()
        if err.__cause__ is not None:
            import traceback

            error["trace"] = "".join(traceback.format_exception(err.__cause__))
        return job.source, None, None, None, error
    record = plan.to_dict()
    record["source"] = job.display
    pages = [{"number": p.number, "start": p.start, "end": p.end, "ocr": p.ocr, "confidence": p.confidence} for p in doc.pages]
    return job.source, record, doc.text, pages, None


class IngestLock:
    """One ingest per workspace at a time: a lock file holding the writer's pid."""

    def __init__(self, workspace: Path):
        self.path = Path(workspace) / "ingest.lock"

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pid = self.path.read_text().strip() or "?"
            if pid.isdigit() and not _alive(int(pid)):
                self.path.unlink(missing_ok=True)  # left by a killed run
                return self.__enter__()
            raise KehoachError("busy", detail=f"another kehoach ingest (pid {pid}) is writing to {self.path.parent}; wait for it to finish") from None
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return self

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sync_index(store: Store, index: Index) -> int:
    """Bring the search index in line with the store: add what is missing, drop what is gone.

    The fast path (nothing unindexed, the same number of documents on both
    sides) costs two small queries, so every search can afford it.
    """
    count = store.db.execute("SELECT count(*) FROM documents WHERE best = 1").fetchone()[0]
    if not store.unindexed() and index.doc_count() == count:
        return 0
    stored = store.document_ids()
    indexed = index.doc_ids()
    missing = [i for i in store.unindexed() if i in stored]
    missing += [i for i in stored - indexed if i not in missing]
    gone = indexed - stored
    if not missing and not gone:
        return 0
    for start in range(0, max(len(missing), 1), INDEX_BATCH):
        batch = missing[start : start + INDEX_BATCH]
        index.write(store.iter_index_rows(batch), delete=gone if start == 0 else ())
        store.mark_indexed(batch)
    return len(missing) + len(gone)


def reindex(store: Store, index: Index) -> int:
    """Rebuild the search index from the store."""
    index.reset()
    ids = sorted(store.document_ids())
    with store.db:
        store.db.execute("UPDATE documents SET indexed = 0")
    for start in range(0, len(ids), INDEX_BATCH):
        batch = ids[start : start + INDEX_BATCH]
        index.write(store.iter_index_rows(batch))
        store.mark_indexed(batch)
    return len(ids)


def ingest(
    paths: list[str],
    *,
    workspace: str | os.PathLike | None = None,
    workers: int | None = None,
    ocr: str = "auto",
    max_size: int = 200 * 1024 * 1024,
    progress: Callable[[str, str], None] | None = None,
    force: bool = False,
    cluster: str | None = None,
    shared_path: bool = False,
    ocr_fix: bool = True,
) -> IngestSummary:
    """Read, extract and store every file; `progress(event, source)` is told of each.

    `force` extracts again the files whose content the store already holds under
    their path: what a newer kehoach extracts better replaces what an older one stored.
    `cluster` (a Dask scheduler's address) runs reading and extraction on its workers, sent the files' bytes,
    or their paths with `shared_path` (every worker sees the same filesystem). `ocr_fix` False stores OCR'd
    text as the OCR read it (a file already stored is read again only with `force`).
    """
    from kehoach.corpus import expand

    store = Store.open(workspace, create=True)
    summary = IngestSummary()
    try:
        with IngestLock(store.path):
            index = Index.open(store.path)
            sync_index(store, index)
            jobs = []
            batch: dict[str, str] = {}  # content hash -> the first path of this run that holds it
            for path, err in expand(paths):
                if err is not None:
                    summary.failed.append((path, err.message))
                    continue
                source = str(Path(path).resolve())
                try:
                    data = Path(path).read_bytes()
                except OSError as exc:
                    summary.failed.append((path, KehoachError("not_found" if isinstance(exc, FileNotFoundError) else "corrupt",
                                                              detail=str(exc)).message))
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if digest in batch:  # the same content twice in one run (a copy under another name): one document
                    summary.duplicates.append((path, batch[digest]))
                    if progress:
                        progress("duplicate", path)
                    continue
                batch[digest] = path
                known = store.known(source)
                if known == digest and not force or (known is None and store.has(digest)):
                    summary.unchanged.append(path)
                    if progress:
                        progress("unchanged", path)
                    continue
                # a cluster's workers get the bytes, unless they all see the same paths (--shared-path)
                send = cluster is not None and not shared_path
                jobs.append((Job(source, path, ocr, max_size, data if send else None, ocr_fix=ocr_fix), known is not None))
            pending: list[str] = []
            workers = workers or os.cpu_count() or 1
            replacing_of = {job.source: replacing for job, replacing in jobs}
            display_of = {job.source: job.display for job, _ in jobs}
            results = _run([j for j, _ in jobs], workers, cluster)
            for source, record, text, pages, error in results:
                replacing, path = replacing_of[source], display_of[source]
                if error:
                    summary.failed.append((path, error["message"]))
                    if error.get("trace"):
                        summary.traces[path] = error["trace"]
                    store.log(source, None, "failed", error["message"])
                    if progress:
                        progress("failed", path)
                    continue
                store.put(record, text, source=source, pages=pages)
                store.clear_failure(source)
                pending.append(record["id"])
                (summary.replaced if replacing else summary.read).append(path)
                if record.get("warnings"):
                    summary.warned.append((path, record["warnings"]))
                if progress:
                    progress("replaced" if replacing else "read", path)
                if len(pending) >= INDEX_BATCH:
                    sync_index(store, index)
                    pending = []
            sync_index(store, index)
            store.cells()  # the counts the pages read, once per ingest rather than on a page's first request
    finally:
        store.close()
    return summary


def _run(jobs: list[Job], workers: int, cluster: str | None = None):
    """Each job's result: in input order from this process or local worker processes (in-process when one
    worker or one job makes a pool pointless), in order of completion from a Dask cluster."""
    if cluster is not None:
        yield from _run_on_cluster(jobs, cluster)
        return
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process(job)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_follow_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.map(process, jobs, chunksize=1)


def _run_on_cluster(jobs: list[Job], address: str):
    """The jobs as Dask tasks on the cluster at `address` (a scheduler, `tcp://host:8786`): the same map
    function as local workers; results come back to this process, the store's one writer, as they finish.
    A worker lost mid-run costs its tasks only: the scheduler runs them again on another worker (`retries`
    covers a task that fails for the worker's sake)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KehoachError("usage", detail="--cluster needs Dask distributed: pip install 'kehoach[cluster]'") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise KehoachError("usage", detail=f"no Dask scheduler answers at {address} ({exc})") from None
    try:
        keys = [f"kehoach-{os.getpid()}-{i}" for i in range(len(jobs))]
        futures = client.map(process, jobs, pure=False, retries=2, key=keys)
        job_of = dict(zip(keys, jobs))
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the task failed on every worker that tried it: that file's error line
                job = job_of[future.key]
                yield job.source, None, None, None, {"code": "unreadable",
                                                     "message": f"the cluster could not process it: {type(exc).__name__}: {exc}"}
            future.release()
    finally:
        client.close()


def _follow_parent(parent: int) -> None:
    """End this worker when the ingest that started it is gone.

    A forked worker holds the write end of its own job queue, so it never
    sees the queue close: after a kill -9 of the ingest it would wait forever.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
