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
import shutil
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
        # a number of its own, so that no two plans share a letterhead (they would be one document's renderings)
        text = re.sub(r"Số:\s*[^\s/]+\s*/", f"Số: {i + 1}/", text, count=1)
        text = re.sub(r"(Kèm theo Quyết định số )\d+/", rf"\g<1>{i + 1}/", text)  # a decision's number on its plan
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
    from kehoach.index.engine import Fts5Index, TantivyIndex, WhooshIndex
    from kehoach.index.ingest import ingest
    from kehoach.index.search import duties, resolve_agency, search
    from kehoach.index.store import Store

    tmp = Path(tempfile.mkdtemp())
    try:
        generate(n, tmp / "plans")
        start = time.perf_counter()
        summary = ingest([str(tmp / "plans")], workspace=tmp / "ws", workers=2)  # the default engine indexes as it goes
        ingest_s = time.perf_counter() - start
        store = Store.open(tmp / "ws")
        row = {"documents": n, "ingest_docs_per_s": round(len(summary.read) / ingest_s, 1), "failed": len(summary.failed),
               "store_mb": round((store.path / "kehoach.db").stat().st_size / 2**20, 1)}

        def timed(fn, items, rounds=3):
            fn(items[0])  # warm: the first query opens files
            out = []
            for _ in range(rounds):
                for item in items:
                    t = time.perf_counter()
                    fn(item)
                    out.append(time.perf_counter() - t)
            return round(pct(out, 0.5), 1), round(pct(out, 0.95), 1)

        ids = sorted(store.document_ids())
        for name, engine in (("tantivy", TantivyIndex(tmp / "e" / "tantivy")), ("fts5", Fts5Index(tmp / "e" / "fts5")),
                             ("whoosh", WhooshIndex(tmp / "e" / "whoosh"))):
            t = time.perf_counter()
            for i in range(0, len(ids), 200):
                engine.write(store.iter_index_rows(ids[i : i + 200]))
            row[f"{name}_build_s"] = round(time.perf_counter() - t, 1)
            row[f"{name}_mb"] = round(size(tmp / "e" / name), 1)
            row[f"{name}_engine_p50_ms"], row[f"{name}_engine_p95_ms"] = timed(lambda q, e=engine: e.search(q, limit=20), QUERIES)
            row[f"{name}_search_p50_ms"], row[f"{name}_search_p95_ms"] = timed(
                lambda q, e=engine: search(store, e, q, limit=20), QUERIES)
        keys = {b: resolve_agency(store, b).keys for b in BODIES}
        row["duties_p50_ms"], row["duties_p95_ms"] = timed(lambda b: duties(store, keys=keys[b]), BODIES)

        cli = []
        exe = str(Path(sys.executable).parent / "kehoach")
        calls = [["search", q] for q in QUERIES[:5]] + [["duties", b] for b in BODIES[:3]]
        for args in calls * 2:
            t = time.perf_counter()
            subprocess.run([exe, *args, "--json", "--workspace", str(tmp / "ws")], capture_output=True, check=True)
            cli.append(time.perf_counter() - t)
        row["cli_p50_ms"], row["cli_p95_ms"] = round(pct(cli, 0.5)), round(pct(cli, 0.95))
        store.close()
        return row
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(rows: list[dict]) -> str:
    """The Markdown table of benchmarks/README.md."""
    lines = ["| documents | " + " | ".join(str(r["documents"]) for r in rows) + " |", "|---|" + "---|" * len(rows)]
    fields = [("ingest, text documents/s (2 workers)", "ingest_docs_per_s"), ("store (SQLite), MB", "store_mb"),
              ("duties p50 / p95, ms", ("duties_p50_ms", "duties_p95_ms")),
              ("whole CLI call p50 / p95, ms (search, duties)", ("cli_p50_ms", "cli_p95_ms"))]
    for engine in ("tantivy", "fts5", "whoosh"):
        fields += [(f"{engine}: build s / index MB", (f"{engine}_build_s", f"{engine}_mb")),
                   (f"{engine}: engine p50 / p95, ms", (f"{engine}_engine_p50_ms", f"{engine}_engine_p95_ms")),
                   (f"{engine}: kehoach search p50 / p95, ms", (f"{engine}_search_p50_ms", f"{engine}_search_p95_ms"))]
    for label, key in fields:
        cells = [" / ".join(str(r[k]) for k in key) if isinstance(key, tuple) else str(r[key]) for r in rows]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    results = []
    for arg in sys.argv[1:] or ["1000"]:
        results.append(bench(int(arg)))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print(table(results))
