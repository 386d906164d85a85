"""Real documents as legal-document web sites print them (../shared/real/docs), against answers written by
helpers who never saw the code (tests/data/real, batches R1–R14, gold rules v2). Skipped where ../shared is
absent. The floors are the figures measured when the answers were kept (benchmarks/README.md): a change
that loses recall on real documents fails here. (R11, central documents, lowered the totals when it came:
the set changed, not the code.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import cli

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real" / "docs"

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is not beside this checkout")]

FLOORS = {"metadata": 0.98, "assignments": 0.80, "refs_numbered": 0.98, "refs_named": 0.98, "deadlines": 0.81}
# the kinds the held-out set holds: local plans, decisions issuing plans, directives, letters
PLAN_FLOORS = {"assignments": 0.92, "table_recall": 0.95, "refs_named": 0.98, "deadlines": 0.80}


def test_real_documents_against_their_answers():
    sys.path.insert(0, str(ROOT / "scripts"))
    import score_real

    results = [r for batch in score_real.score_all().values() for r in batch]
    assert len(results) >= 86
    totals = score_real.totals(results)
    low = {k: round(totals[k], 3) for k, floor in FLOORS.items() if totals[k] < floor}
    assert not low, low


def test_real_plans_directives_and_letters_against_their_answers():
    sys.path.insert(0, str(ROOT / "scripts"))
    import score_real

    results = [r for batch in score_real.score_all(kind="plans").values() for r in batch]
    assert len(results) >= 14
    totals = score_real.totals(results)
    low = {k: round(totals[k], 3) for k, floor in PLAN_FLOORS.items() if totals[k] < floor}
    assert not low, low


@pytest.mark.slow
def test_every_real_document_is_stored_and_the_duplicate_counted_once(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(REAL), "--workspace", str(tmp_path / "ws"), "--workers", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    files = len(list(REAL.glob("*.md")))
    assert summary["failed"] == [] and len(summary["duplicates"]) == 1
    assert summary["read"] == files - 1
