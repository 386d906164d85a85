"""How close `kehoach text` of a rendering is to the seed's own text.

    .venv/bin/python benchmarks/fidelity.py [corpus/]     # one line per rendering
    .venv/bin/python benchmarks/fidelity.py DIR           # renderings elsewhere (field scans), seeds from corpus/

Similarity is RapidFuzz `ratio` (0-100) of the two texts after folding
whitespace (and markdown, which the text reader already removes). The
issue's floors: ≥ 98 for PDF and DOCX, ≥ 97 for 200-dpi scans.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rapidfuzz.fuzz import ratio

from kehoach.corpus import read

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def folded(text: str) -> str:
    return " ".join(text.split())


def similarity(rendering: Path, seed: Path) -> float:
    return ratio(folded(read(rendering).text), folded(read(seed).text))


def main(folder: str = "corpus") -> None:
    root = Path(folder)
    for path in sorted(root.iterdir()):
        if path.suffix not in (".pdf", ".docx") :
            continue
        seed = root / (path.name.split(".")[0] + ".txt")
        if not seed.exists():
            seed = CORPUS / seed.name
        if not seed.exists():
            continue
        t = time.perf_counter()
        score = similarity(path, seed)
        print(f"{path.name:40} {score:6.2f}  ({time.perf_counter() - t:.1f} s)")


if __name__ == "__main__":
    main(*sys.argv[1:])
