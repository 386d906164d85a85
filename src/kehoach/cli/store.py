"""`kehoach ingest`, `remove`, `status`, `reindex`: the workspace store."""

from __future__ import annotations

import sys
import time

import click

from kehoach.cli.app import cli, json_option, read_options, workspace_option
from kehoach.cli.output import emit_json, fail, info
from kehoach.errors import KehoachError


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--workers", type=int, default=None, help="Processes for reading and extraction (default: all cores).")
@click.option("--force", is_flag=True, help="Extract unchanged files again (after upgrading kehoach).")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Run reading and extraction on a Dask cluster (tcp://HOST:8786); needs kehoach[cluster].")
@click.option("--shared-path", is_flag=True,
              help="With --cluster: every worker sees these paths (a shared filesystem), so files are not sent.")
@workspace_option
@read_options
@json_option
def ingest(paths, workers, force, cluster, shared_path, workspace, ocr, max_size, ocr_fix, as_json):
    """Read, extract and store files and folders (recursively) in the workspace.

    Unchanged files (same content hash) are skipped, so running it twice
    changes nothing; a file whose content changed replaces its old record.
    """
    from kehoach.index.ingest import ingest as run

    start = time.perf_counter()
    progress_cb, finish = _progress()
    try:
        summary = run(list(paths), workspace=workspace, workers=workers, ocr=ocr, max_size=int(max_size * 2**20), ocr_fix=ocr_fix,
                      progress=progress_cb, force=force, cluster=cluster, shared_path=shared_path)
    except KehoachError as err:
        finish()
        fail(err)
    finish()
    elapsed = time.perf_counter() - start
    from kehoach.cli.output import debug_enabled

    for source, message in summary.failed:
        click.echo(f"kehoach: {source}: {message}", err=True)
        if debug_enabled() and source in summary.traces:
            click.echo(summary.traces[source], err=True)
    done = len(summary.read) + len(summary.replaced)
    if as_json:
        emit_json({**summary.to_dict(), "seconds": round(elapsed, 2)})
    else:
        dup = f"duplicates {len(summary.duplicates)}, " if summary.duplicates else ""
        info(f"read {len(summary.read)}, replaced {len(summary.replaced)}, unchanged {len(summary.unchanged)}, {dup}"
             f"failed {len(summary.failed)} in {elapsed:.1f} s" + (f" ({done / elapsed:.1f} documents/s)" if done else ""))
        if summary.warned:
            info(f"{len(summary.warned)} of them with warnings (what could not be read): --json lists them, "
                 "kehoach extract FILE shows them")
    if summary.failed:
        raise SystemExit(1)


def _progress():
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
                        transient=True)
    progress.start()
    task = progress.add_task("ingest", total=None, rate="", current="")
    start = time.perf_counter()
    state = {"n": 0}

    def update(event: str, source: str) -> None:
        state["n"] += 1
        rate = state["n"] / max(1e-6, time.perf_counter() - start)
        progress.update(task, advance=1, rate=f"{rate:.1f} docs/s", current=source[-60:])

    return update, progress.stop


@cli.command()
@click.argument("refs", nargs=-1, required=True)
@workspace_option
def remove(refs, workspace):
    """Remove documents by path or id from the workspace."""
    from kehoach.index.engine import Index
    from kehoach.index.ingest import sync_index
    from kehoach.index.store import Store

    try:
        store = Store.open(workspace)
        missing = []
        for ref in refs:
            ids = store.remove(ref)
            if not ids:
                missing.append(ref)
            for i in ids:
                info(f"removed {i[:12]} ({ref})")
        sync_index(store, Index.open(store.path))
    except KehoachError as err:
        fail(err)
    for ref in missing:
        click.echo(f"kehoach: {ref}: no such document in the workspace", err=True)
    if missing:
        raise SystemExit(1)


@cli.command()
@workspace_option
@json_option
def status(workspace, as_json):
    """Counts by province, year, level and format; files that failed.

    The files of one document (its PDF, DOCX and scan: the same number, date and province) count as one
    document, read from the best of them; "11 documents (17 files)" says how many collapsed."""
    from kehoach.index.store import Store

    try:
        s = Store.open(workspace).status()
    except KehoachError as err:
        fail(err)
    if as_json:
        emit_json(s)
        return
    collapsed = f" ({s['files']} files)" if s["files"] != s["documents"] else ""
    click.echo(f"{s['workspace']}: {s['documents']} documents{collapsed}, {s['assignments']} tasks, "
               f"{s['legal_refs']} legal references, {s['deadlines']} deadlines")
    for key in ("by_province", "by_year", "by_level", "by_format"):
        click.echo(f"{key[3:]:>9}: " + ", ".join(f"{k} {n}" for k, n in s[key].items()))
    for f in s["failed"]:
        click.echo(f"   failed: {f['source']}: {f['message']}")


@cli.command()
@workspace_option
def reindex(workspace):
    """Rebuild the search index from the store."""
    from kehoach.index.engine import Index
    from kehoach.index.ingest import IngestLock
    from kehoach.index.ingest import reindex as run
    from kehoach.index.store import Store

    try:
        store = Store.open(workspace)
        with IngestLock(store.path):
            n = run(store, Index.open(store.path))
    except KehoachError as err:
        fail(err)
    info(f"reindexed {n} documents")
