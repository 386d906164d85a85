"""Shared fixtures: the sample corpus, the optional ../shared folder, an isolated workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = sorted(CORPUS.glob("0*.txt"))


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture
def shared_dir() -> Path:
    """../shared, for measuring against gold answers; skip where it is absent."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(autouse=True)
def _isolated_workspace(tmp_path, monkeypatch):
    """No test touches a real workspace: KEHOACH_WORKSPACE points into tmp_path."""
    monkeypatch.setenv("KEHOACH_WORKSPACE", str(tmp_path / "workspace"))
