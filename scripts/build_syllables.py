"""Build src/kehoach/data/syllables.json.gz: the syllable counts of OCR post-correction (corpus/ocr_fix.py).

Why counted here and shipped: the correction needs real Vietnamese
administrative text to know which syllable follows which, and nothing may be
downloaded at run time. The counts come from the 278 real documents of
../shared/real/docs (web-page copies, read through kehoach's own text reader,
so markdown, "|" cells and hard wraps are gone and the spelling is the one
OCR'd text ends up in) and the seed plans of ../shared/seeds. These are the
very texts other tests evaluate kehoach on: benchmarks/ocr_fix.py measures
the correction with models counted without the text it is measured on.

Every syllable and every pair of neighbouring syllables read is kept
(corpus/ocr_fix.table says why); gzipped, about 230 KiB.

Run: .venv/bin/python scripts/build_syllables.py [--without-seeds] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from kehoach.corpus import ReadOptions, read
from kehoach.corpus.ocr_fix import count, table

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "kehoach" / "data" / "syllables.json.gz"


def sources(*, seeds: bool = True) -> list[Path]:
    found = sorted((SHARED / "real" / "docs").glob("*.md"))
    if not found:
        raise SystemExit(f"no real documents under {SHARED / 'real' / 'docs'}")
    return found + (sorted((SHARED / "seeds").glob("*.txt")) if seeds else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--without-seeds", action="store_true", help="count the real documents only")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    paths = sources(seeds=not args.without_seeds)
    texts = (read(p, options=ReadOptions(check_language=False)).text for p in paths)
    what = "../shared/real/docs" + ("" if args.without_seeds else " and ../shared/seeds")
    data = table(*count(texts), about=f"syllable counts of {what} ({len(paths)} texts); scripts/build_syllables.py")
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{args.out}: {len(data['unigrams'])} syllables, {len(data['bigrams'])} bigrams, "
          f"{args.out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
