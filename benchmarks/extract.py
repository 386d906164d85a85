"""Extraction speed: documents and characters per second, and where the time goes.

    .venv/bin/python benchmarks/extract.py [ROUNDS]

Measures extraction alone (documents are read first) on the sample plans,
one process: the whole `extract()`, then its stages, then the NLP route
(underthesea segmentation and the spaCy pipeline) over the same texts for
comparison. Models and gazetteers load once, before timing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int = 5) -> None:
    from kehoach.corpus import read
    from kehoach.extract import extract
    from kehoach.extract.agencies import find_mentions
    from kehoach.extract.assignments import extract_assignments
    from kehoach.extract.deadlines import extract_deadlines
    from kehoach.extract.metadata import extract_metadata
    from kehoach.extract.nlp import find_mentions_spacy, pipeline, segment
    from kehoach.extract.refs import extract_refs
    from kehoach.extract.structure import parse
    from kehoach.extract.tables import extract_tables

    docs = [read(p) for p in sorted((ROOT / "corpus").glob("0*.txt"))]
    chars = sum(len(d.text) for d in docs)
    extract(docs[0])
    pipeline()

    from kehoach.corpus.normalise import fold_keep
    from kehoach.extract.agencies import _find

    def timed(fn) -> float:
        # the mention and fold caches live for one document's rules: emptied before each document, as a corpus
        # of different documents would find them, so repeated rounds measure no cache hits between documents
        elapsed = 0.0
        for _ in range(rounds):
            for d in docs:
                _find.cache_clear()
                fold_keep.cache_clear()
                start = time.perf_counter()
                fn(d)
                elapsed += time.perf_counter() - start
        return elapsed / rounds

    total = timed(extract)
    stages = {
        "structure": timed(parse),
        "metadata": timed(extract_metadata),
        "legal refs": timed(lambda d: extract_refs(d, extract_metadata(d))) - timed(extract_metadata),
        "assignments (gazetteer matcher + rules)": timed(lambda d: extract_assignments(d, parse(d))) - timed(parse),
        "deadlines": timed(lambda d: extract_deadlines(d, extract_metadata(d), [])) - timed(extract_metadata),
        "tables": timed(extract_tables),
    }
    print(f"extract(): {len(docs)} documents, {chars:,} characters: {len(docs) / total:.1f} documents/s, "
          f"{chars / total:,.0f} characters/s (one core)")
    for name, t in stages.items():
        print(f"  {name:42} {t / total:6.1%}")
    seg = timed(lambda d: segment(d.text))
    spacy_t = timed(lambda d: find_mentions_spacy(d.text))
    rules = timed(lambda d: find_mentions(d.text))
    print(f"agency mentions over the whole text: gazetteer matcher {chars / rules:,.0f} chars/s; "
          f"spaCy pipeline {chars / spacy_t:,.0f} chars/s, of which underthesea segmentation "
          f"{seg / spacy_t:.0%} ({chars / seg:,.0f} chars/s) and spaCy + EntityRuler {1 - seg / spacy_t:.0%}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
