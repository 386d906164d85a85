"""The real documents with answers, printed and scanned as portals publish them, scored against those answers.

    .venv/bin/python benchmarks/real_scans.py DIR [--kind plans]
    .venv/bin/python benchmarks/real_scans.py DIR --written

Each document of `../shared/real/docs` that has an answer in `tests/data/real`
(with `--kind plans`, only local plans, decisions issuing plans, directives
and letters) is printed as kehoach reads it (`scripts/make_corpus.py
--field-scans`: A4 PDF, tables ruled, then 150-dpi colour JPEG pages with a
seal, a signature, yellowed paper, turned 1.5–3°) into DIR, read back by OCR
and scored against its answer, beside the score of its text. Scans already in
DIR are reused. Needs `../shared` and Tesseract; about 15 s a document. With
`--written`, the written documents of `tests/data/written` the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_corpus  # noqa: E402
import score_real  # noqa: E402


def main() -> int:
    from kehoach.corpus import read
    from kehoach.extract import extract

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--kind", choices=["plans"])
    parser.add_argument("--written", action="store_true",
                        help="the written documents of tests/data/written instead (only ../shared/eval needed)")
    args = parser.parse_args()
    if args.written:
        written = ROOT / "tests" / "data" / "written"
        answers = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(written.glob("*.json"))]
        return _score_scans([(n, gold, written / gold["file"]) for n, gold in enumerate(answers)], Path(args.dir))
    if not (score_real.SHARED / "real" / "docs").is_dir():
        print("../shared/real is absent: nothing to score", file=sys.stderr)
        return 1
    docs = []
    for n, path in enumerate(sorted(score_real.ANSWERS.glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = score_real.SHARED / "real" / "docs" / gold["file"]
        if args.kind == "plans" and not score_real._is_plan_kind(gold, extract(read(source)).to_dict()):
            continue
        docs.append((n, gold, source))  # (n: each answer's own noise seed, whichever are chosen)
    return _score_scans(docs, Path(args.dir))


def _score_scans(docs: list[tuple[int, dict, Path]], out: Path) -> int:
    """Each (seed offset, answer, source) printed, field-scanned into `out` (scans already there are reused), read back and
    scored beside its text; one line a document on stderr, the totals on stdout."""
    from kehoach.corpus import read
    from kehoach.extract import extract

    out.mkdir(parents=True, exist_ok=True)
    score = score_real.scorer()
    text_results, scan_results = [], []
    for n, gold, source in docs:
        scan = out / f"{source.stem}.field.pdf"
        if not scan.exists():
            make_corpus.make_pdf(str(source), out / f"{source.stem}.pdf")
            make_corpus.make_field_scan(out / f"{source.stem}.pdf", scan, seed=make_corpus.NOISE_SEED + n)
        text_results.append(score.score_doc(extract(read(source)).to_dict(), gold))
        scan_results.append(score.score_doc(extract(read(scan)).to_dict(), gold))
        a, b = text_results[-1]["assignments"], scan_results[-1]["assignments"]
        print(f"{gold['file']}: assignments {a['tp']}/{a['pred']}/{a['gold']} as text, {b['tp']}/{b['pred']}/{b['gold']} scanned",
              file=sys.stderr)
    for name, results in (("text", text_results), ("scans", scan_results)):
        figures = score_real.totals(results)
        print(f"{name:6} docs {len(results):3} " + " ".join(f"{k} {v:.2f}" for k, v in figures.items() if v is not None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
