"""Scans of corpus/ ingested on a Dask LocalCluster of 1 and 2 workers against --workers 1 and 2.

    .venv/bin/python benchmarks/cluster.py

Measures pages per second (and per worker) for each way, the cluster path's overhead against local workers
on the same cores, and projects 320,000 pages on N workers. Each run ingests into a fresh workspace; the
figures go to benchmarks/README.md by hand.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scans() -> list[str]:
    return [str(p) for p in sorted((ROOT / "corpus").glob("*.scan.pdf"))]


def pages(paths: list[str]) -> int:
    import pymupdf

    return sum(pymupdf.open(p).page_count for p in paths)


def timed_ingest(paths: list[str], **kwargs) -> float:
    from kehoach.index.ingest import ingest

    with tempfile.TemporaryDirectory() as ws:
        start = time.perf_counter()
        summary = ingest(paths, workspace=ws, **kwargs)
        elapsed = time.perf_counter() - start
    assert not summary.failed and len(summary.read) == len(paths), summary.failed
    return elapsed


def main() -> None:
    from distributed import LocalCluster

    paths = scans()
    n = pages(paths)
    print(f"{len(paths)} scanned PDFs, {n} pages; {sys.version.split()[0]}")
    results = {}
    for workers in (1, 2):
        t = timed_ingest(paths, workers=workers)
        results[f"--workers {workers}"] = (t, workers)
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=50) as cluster:
            t = timed_ingest(paths, cluster=cluster.scheduler_address)
        results[f"cluster of {workers}"] = (t, workers)
    for name, (t, workers) in results.items():
        print(f"{name:14} {t:7.1f} s  {n / t:5.2f} pages/s  {n / t / workers:5.2f} pages/s per worker")
    for workers in (1, 2):
        local, remote = results[f"--workers {workers}"][0], results[f"cluster of {workers}"][0]
        print(f"{workers} worker(s): the cluster path reaches {local / remote:.0%} of local workers' pages/s")
    per_worker = n / results["cluster of 2"][0] / 2
    for count in (8, 32, 128):
        hours = 320_000 / (per_worker * count) / 3600
        print(f"320,000 pages on {count} such workers: {hours:.1f} h")


if __name__ == "__main__":
    main()
