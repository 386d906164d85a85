"""`kehoach serve` at scale: every page's status, content and latency over a synthetic corpus.

    .venv/bin/python benchmarks/web.py 1000 [10000 ...]
    .venv/bin/python benchmarks/web.py --workspace DIR        # the pages of an existing workspace

The corpus is benchmarks/corpus.py's (sample plans with a random province
and year, bullets dropped and shuffled, each with a number of its own), ingested
with 2 workers. Each page is requested in process through Starlette's test
client (the whole application: routing, SQL, templates; no network), 3
and must answer 200 with its expected content: timed once cold (the first
request, which computes the page's counts) and 5 times after (p50, p95;
the counts are kept until the store changes). The first page of `duties`
for the body with most tasks is timed on its own (library call, 20 times).
Figures are printed as a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, pct  # noqa: E402


def pages(store) -> dict[str, tuple[str, str]]:
    """Page kind → (URL, a string the page must contain), chosen from what the store holds."""
    top = store.db.execute("SELECT agency_key, count(*) FROM assignments GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()[0]
    docs = store.db.execute("SELECT id, province, year FROM documents WHERE best = 1 ORDER BY id LIMIT 2").fetchall()
    cited = store.db.execute("SELECT identity, count(*) FROM citations GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()[0]
    province = store.db.execute("SELECT province FROM documents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    return {
        "browse": ("/", "documents"),
        "search": ("/?q=so+y+te", "<mark>"),
        "search, filtered": (f"/?q=b%E1%BA%A1o+l%E1%BB%B1c&province={quote(province)}", "<mark>"),
        "search, page 5": ("/?q=b%C3%ACnh+%C4%91%E1%BA%B3ng+gi%E1%BB%9Bi&page=5", "page 5"),
        "document": (f"/doc/{docs[0][0]}", 'class="task'),
        "body (largest)": (f"/body/{top}", "Tasks by province and year"),
        "body, one cell": (f"/body/{top}?province={quote(province)}", "Tasks ("),
        "bodies": ("/bodies", "bodies are given tasks"),
        "cited list": ("/cited", "Cited documents"),
        "cited (most)": ("/cited/" + quote(cited, safe=""), "The plans that cite it"),
        "compare": ("/compare", "Bodies ×"),
        "compare by year": ("/compare?by=year&sector=health", "Bodies ×"),
        "diff": (f"/diff?a={docs[0][0][:12]}&b={docs[1][0][:12]}", "aligned by"),
    }


def bench(n: int) -> dict:
    from kehoach.index.ingest import ingest

    tmp = Path(tempfile.mkdtemp())
    try:
        generate(n, tmp / "plans")
        ingest([str(tmp / "plans")], workspace=tmp / "ws", workers=2)
        return measure(tmp / "ws", n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure(workspace: Path, n: int | None = None) -> dict:
    """Every page of a workspace (its first request, then 5 more), and the first page of duties."""
    from starlette.testclient import TestClient

    from kehoach.index.search import duties
    from kehoach.index.store import Store
    from kehoach.web.app import create_app

    store = Store.open(workspace)
    client = TestClient(create_app(workspace))
    row = {"documents": n or len(store.documents()), "stored": len(store.documents())}
    client.get("/static/kehoach.css")
    for name, (url, expect) in pages(store).items():
        t = time.perf_counter()
        got = client.get(url)  # cold: the first request of this page
        cold = time.perf_counter() - t
        assert got.status_code == 200 and expect in got.text, (name, url, got.status_code)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t)
        row[name] = (round(cold * 1000, 1), round(pct(times, 0.5), 1), round(pct(times, 0.95), 1))
    top = store.db.execute("SELECT agency_key, count(*) FROM assignments GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()
    times = []
    for _ in range(20):
        t = time.perf_counter()
        duties(store, keys=[top[0]], limit=25)
        times.append(time.perf_counter() - t)
    row["duties first page"] = (round(times[0] * 1000, 1), round(pct(times, 0.5), 1), round(pct(times, 0.95), 1))
    row["largest body"] = f"{top[0]} ({top[1]} tasks)"
    store.close()
    return row


def table(rows: list[dict]) -> str:
    lines = ["| page (first / p50 / p95 after, ms) | " + " | ".join(f"{r['documents']} plans" for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    for name in rows[0]:
        if name in ("documents", "stored", "largest body"):
            continue
        lines.append(f"| {name} | " + " | ".join(" / ".join(map(str, r[name])) for r in rows) + " |")
    lines.append("| largest body | " + " | ".join(r["largest body"] for r in rows) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    results = []
    args = sys.argv[1:] or ["1000"]
    if args[0] == "--workspace":  # an existing workspace: benchmarks/web.py --workspace DIR
        results.append(measure(Path(args[1])))
        args = []
    for arg in args:
        results.append(bench(int(arg)))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print(table(results))
