"""Corpus scale: ingest speed, store and index size, search and duties latency — whoosh, FTS5, tantivy.

    .venv/bin/python benchmarks/corpus.py 1000 [10000 ...]

A synthetic corpus is generated from the sample plans: each document takes a
seed, a province and a year at random (fixed seed), drops about a fifth of
its bullets and shuffles runs of the rest, so no two documents are copies.
Everything is measured on this machine (2 cores) and printed as a Markdown
table row for benchmarks/README.md.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["so y te", "bạo lực gia đình", '"tháng hành động"', "cán bộ nữ lãnh đạo", "truyền thông bình đẳng giới",
           "kinh phí", "hoa giai", "mất cân bằng giới tính khi sinh", "phụ nữ dân tộc thiểu số", "báo cáo 6 tháng"]
BODIES = ["so y te", "Sở LĐTBXH", "Công an tỉnh", "Hội Liên hiệp Phụ nữ", "Sở Giáo dục và Đào tạo"]


def generate(n: int, folder: Path, *, seed: int = 7) -> None:
    from kehoach.extract.places import province_names

    rng = random.Random(seed)
    seeds = sorted((ROOT / "corpus").glob("0*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    places = ["Quảng Bình", "Hà Tĩnh", "Kiên Giang", "Cao Bằng", "Bắc Ninh"]
    provinces = province_names()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = rng.randrange(len(texts))
        text, province, year = texts[k], rng.choice(provinces), rng.randint(2015, 2025)
        for place in places:
            text = text.replace(place, province)
        text = re.sub(r"\b20(1\d|2\d)\b", lambda m, year=year: str(year if rng.random() < 0.7 else year - 1), text)
        lines = text.split("\n")
        out, run = [], []
        for line in lines + [""]:
            if line.lstrip().startswith(("- ", "+ ")):
                if rng.random() > 0.2:
                    run.append(line)
                continue
            rng.shuffle(run)
            out += run + [line]
            run = []
        (folder / f"{i:05d}_{seeds[k].stem[:3]}.txt").write_text("\n".join(out), encoding="utf-8")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def bench(n: int) -> dict:
    from kehoach.extract.agencies import fold_keep
    from kehoach.index.engine import Index
    from kehoach.index.ingest import ingest
    from kehoach.index.search import duties, resolve_agency, search
    from kehoach.index.store import Store

    tmp = Path(tempfile.mkdtemp())
    generate(n, tmp / "plans")
    start = time.perf_counter()
    summary = ingest([str(tmp / "plans")], workspace=tmp / "ws", workers=2)
    ingest_s = time.perf_counter() - start
    store = Store.open(tmp / "ws")
    index = Index.open(store.path)
    row = {"documents": n, "ingest_docs_per_s": round(len(summary.read) / ingest_s, 1), "failed": len(summary.failed),
           "store_mb": round((store.path / "kehoach.db").stat().st_size / 2**20, 1)}

    def timed(fn, rounds=3):
        out = []
        for _ in range(rounds):
            for q in QUERIES:
                t = time.perf_counter()
                fn(q)
                out.append(time.perf_counter() - t)
        return out

    row["fts5_index_mb"] = round(size(store.path / "index"), 1)
    search(store, index, "warm up", limit=20)
    lat = timed(lambda q: search(store, index, q, limit=20))
    row["search_p50_ms"], row["search_p95_ms"] = round(pct(lat, 0.5), 1), round(pct(lat, 0.95), 1)
    # the same rows and queries on whoosh
    from kehoach.index.engine import WhooshIndex

    wix = WhooshIndex(tmp / "whoosh")
    ids = sorted(store.document_ids())
    t = time.perf_counter()
    for start_ in range(0, len(ids), 200):
        wix.write(store.iter_index_rows(ids[start_ : start_ + 200]))
    row["whoosh_build_s"] = round(time.perf_counter() - t, 1)
    row["whoosh_mb"] = round(size(tmp / "whoosh"), 1)
    lat = timed(lambda q: wix.search(q, limit=20))
    row["whoosh_search_p50_ms"], row["whoosh_search_p95_ms"] = round(pct(lat, 0.5), 1), round(pct(lat, 0.95), 1)
    dl = []
    for _ in range(3):
        for b in BODIES:
            t = time.perf_counter()
            duties(store, keys=resolve_agency(store, b).keys)
            dl.append(time.perf_counter() - t)
    row["duties_p50_ms"], row["duties_p95_ms"] = round(pct(dl, 0.5), 1), round(pct(dl, 0.95), 1)

    # the FTS5 engine alone (kehoach's default), rebuilt from the store, for the build time
    from kehoach.index.engine import Fts5Index

    fix = Fts5Index(tmp / "fts5")
    t = time.perf_counter()
    for start_ in range(0, len(ids), 200):
        fix.write(store.iter_index_rows(ids[start_ : start_ + 200]))
    row["fts5_build_s"] = round(time.perf_counter() - t, 1)
    lat = timed(lambda q: fix.search(q, limit=20))
    row["fts5_search_p50_ms"], row["fts5_search_p95_ms"] = round(pct(lat, 0.5), 1), round(pct(lat, 0.95), 1)
    rows = list(store.iter_index_rows(ids))

    try:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("folded", stored=False)
        builder.add_text_field("key", stored=True)
        schema = builder.build()
        (tmp / "tantivy").mkdir()
        tix = tantivy.Index(schema, path=str(tmp / "tantivy"))
        writer = tix.writer()
        t = time.perf_counter()
        for r in rows:
            writer.add_document(tantivy.Document(folded=fold_keep(r["text"]), key=r["id"]))
        writer.commit()
        tix.reload()
        row["tantivy_build_s"] = round(time.perf_counter() - t, 1)
        row["tantivy_mb"] = round(size(tmp / "tantivy"), 1)
        searcher = tix.searcher()

        def tq(q):
            folded = " ".join(fold_keep(q).split())
            query = tix.parse_query(f'"{folded}"' if q.startswith('"') else " AND ".join(folded.split()), ["folded"])
            return searcher.search(query, 20).hits

        lat = timed(tq)
        row["tantivy_search_p50_ms"], row["tantivy_search_p95_ms"] = round(pct(lat, 0.5), 1), round(pct(lat, 0.95), 1)
    except ImportError:
        row["tantivy"] = "not installed (pip install tantivy)"

    cli = []
    exe = str(Path(sys.executable).parent / "kehoach")
    for q in QUERIES[:5] + ["duties:" + b for b in BODIES[:3]]:
        args = ["duties", q[7:]] if q.startswith("duties:") else ["search", q]
        t = time.perf_counter()
        subprocess.run([exe, *args, "--json", "--workspace", str(tmp / "ws")], capture_output=True, check=True)
        cli.append(time.perf_counter() - t)
    row["cli_p50_ms"], row["cli_p95_ms"] = round(pct(cli, 0.5)), round(pct(cli, 0.95))
    return row


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        print(json.dumps(bench(int(arg)), ensure_ascii=False), flush=True)
