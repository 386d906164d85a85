"""Score kehoach on the real documents of ../shared/real/docs that have hand-made answers (tests/data/real).

    python scripts/score_real.py [--batch R1] [--kind plans] [--verbose]

The answers were written by helpers who never saw the code, under the gold
rules v2 (../shared/gold/README.md), in batches R1–R14; benchmarks/README.md
records each batch's figures before and after the fixes made for it. Prints
one line per batch and the totals, as ../shared/eval/score.py computes them.
With --kind plans, only the kinds of document the issue's held-out set holds:
local plans, decisions that issue a plan, directives and letters.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "data" / "real"
SHARED = ROOT.parent / "shared"


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def totals(results: list[dict]) -> dict:
    """Micro-averaged figures over documents, as score.py prints them."""
    out = {}
    meta = [r["metadata"] for r in results]
    out["metadata"] = sum(m["equal"] for m in meta) / max(1, sum(m["fields"] for m in meta))
    for key in ("assignments", "refs_numbered", "refs_named", "deadlines"):
        tp = sum(r[key]["tp"] for r in results)
        pred = sum(r[key]["pred"] for r in results)
        gold = sum(r[key]["gold"] for r in results)
        p = tp / pred if pred else 1.0
        rc = tp / gold if gold else 1.0
        out[key] = 2 * p * rc / (p + rc) if p + rc else 0.0
    tg = sum(r["assignments"].get("table_gold", 0) for r in results)
    out["table_recall"] = sum(r["assignments"].get("table_tp", 0) for r in results) / tg if tg else None
    return out


def _is_plan_kind(gold: dict, record: dict) -> bool:
    """A local plan, a decision that issues a plan, a directive or a letter (the held-out set's kinds)."""
    meta = gold["metadata"]
    if meta.get("level") == "central":
        return False
    kind = meta.get("doc_type")
    title = ((record.get("metadata") or {}).get("title") or "").upper()
    return kind in ("Kế hoạch", "Chỉ thị", "Công văn") or kind == "Quyết định" and "KẾ HOẠCH" in title


def score_all(batch: str | None = None, kind: str | None = None) -> dict[str, list[dict]]:
    from kehoach.corpus import read
    from kehoach.extract import extract

    score = scorer()
    by_batch: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(ANSWERS.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if batch and gold["batch"] != batch:
            continue
        record = extract(read(SHARED / "real" / "docs" / gold["file"])).to_dict()
        if kind == "plans" and not _is_plan_kind(gold, record):
            continue
        result = score.score_doc(record, gold)
        result["file"] = gold["file"]
        by_batch[gold["batch"]].append(result)
    return by_batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch")
    parser.add_argument("--kind", choices=["plans"], help="only local plans, decisions issuing plans, directives, letters")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "real" / "docs").is_dir():
        print("../shared/real is not beside this checkout", file=sys.stderr)
        return 1
    by_batch = score_all(args.batch, args.kind)
    cols = ("metadata", "assignments", "table_recall", "refs_numbered", "refs_named", "deadlines")
    print("batch docs " + " ".join(f"{c:>13}" for c in cols))
    everything = []
    for name, results in sorted(by_batch.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
        everything += results
        t = totals(results)
        print(f"{name:5} {len(results):4} " + " ".join(f"{t[c]:13.2f}" if t[c] is not None else f"{'-':>13}" for c in cols))
        if args.verbose:
            for r in results:
                a = r["assignments"]
                print(f"    {r['file']}: assignments {a['tp']}/{a['pred']} pred, {a['gold']} gold")
    t = totals(everything)
    print(f"all   {len(everything):4} " + " ".join(f"{t[c]:13.2f}" if t[c] is not None else f"{'-':>13}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
