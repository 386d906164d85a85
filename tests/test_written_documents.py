"""Letters, directives, notices, plans and decisions of the kinds ../shared/real lacks (local documents of
2014–2026, most before the 2025 reform), written in the legal-document sites' layout (S8: as text copied from a
PDF, S13 and S15 too) by helpers who never saw the code, with their answers under the gold rules v2 (tests/data/written, batches
S1–S15, 90 documents; benchmarks/README.md "Written batches"). They are kehoach's own test data, so they run everywhere; the scorer is ../shared/eval/score.py.
The floors are the figures measured when they were kept, after the fixes their first scores showed."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kehoach.corpus import read
from kehoach.extract import extract

WRITTEN = Path(__file__).parent / "data" / "written"
FLOORS = {"metadata": 0.99, "assignments": 0.97, "refs_numbered": 0.99, "refs_named": 0.99, "deadlines": 0.96,
          "table_recall": 0.975}


def test_written_documents_against_their_answers(shared_dir):
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import score_real

    results = []
    for path in sorted(WRITTEN.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        results.append(score.score_doc(extract(read(WRITTEN / gold["file"])).to_dict(), gold))
    assert len(results) >= 90
    totals = score_real.totals(results)
    low = {k: round(totals[k], 3) for k, floor in FLOORS.items() if totals[k] is not None and totals[k] < floor}
    assert not low, low


@pytest.mark.parametrize("path", sorted([*WRITTEN.glob("*.md"), *WRITTEN.glob("*.txt")]), ids=lambda p: p.stem)
def test_every_written_document_has_its_answer(path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert gold["file"] == path.name and gold["assignments"]
