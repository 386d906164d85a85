"""The full-text engine: the only module that imports whoosh.

Why one module: whoosh is no longer maintained, and the choice of engine
should follow measurements (benchmarks/corpus.py compares whoosh, SQLite FTS5
and tantivy on the same queries). Everything else talks to `Index`.

Vietnamese is indexed twice: `folded` holds the text lower-cased with every
diacritic (đ included) removed, so "so y te" finds "Sở Y tế" and tone-mark
placement cannot matter; `exact` holds the normalised text, for `--exact`.
Tokens are syllables (Vietnamese writes one syllable per word), the same at
index and query time. Snippets are cut from the original text: folding keeps
one character per character, so folded offsets are original offsets.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from kehoach.errors import KehoachError
from kehoach.extract.agencies import fold_keep

_TOKEN = r"\w+(?:[/.\-]\w+)*"


def fold_text(text: str) -> str:
    return fold_keep(text)


def exact_text(text: str) -> str:
    """Diacritics kept, case and tone-mark placement ("hoà" = "hòa") not."""
    from kehoach.corpus.normalise import tone_marks

    return tone_marks(unicodedata.normalize("NFC", text)).lower()


def _schema():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer
    from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

    analyzer = RegexTokenizer(r"\w+") | LowercaseFilter()
    return Schema(
        id=ID(unique=True, stored=True),
        doc_id=ID(stored=True),
        kind=ID(stored=True),
        seq=STORED(),
        folded=TEXT(analyzer=analyzer, phrase=True),
        exact=TEXT(analyzer=analyzer, phrase=True),
        province=ID(stored=True),
        year=NUMERIC(stored=True),
        level=ID(stored=True),
        doc_type=ID(stored=True),
        sector=ID(stored=True),
        agency_key=ID(stored=True),
    )


@dataclass
class Hit:
    doc_id: str
    kind: str
    seq: int
    score: float


class Index:
    """A whoosh index in `<workspace>/index`, derived from the store."""

    def __init__(self, path: Path):
        self.path = path
        self._ix = None

    @classmethod
    def open(cls, workspace: Path) -> Index:
        return cls(Path(workspace) / "index")

    @property
    def ix(self):
        if self._ix is None:
            from whoosh import index

            try:
                if index.exists_in(self.path):
                    self._ix = index.open_dir(self.path)
                else:
                    self.path.mkdir(parents=True, exist_ok=True)
                    self._ix = index.create_in(self.path, _schema())
            except Exception as exc:  # whoosh raises many kinds on a damaged index
                raise KehoachError("workspace", detail=f"the search index at {self.path} cannot be opened ({exc}); run kehoach reindex") from None
        return self._ix

    def reset(self) -> None:
        from whoosh import index

        self._ix = None
        self.path.mkdir(parents=True, exist_ok=True)
        for f in self.path.iterdir():
            f.unlink()
        self._ix = index.create_in(self.path, _schema())

    def doc_ids(self) -> set[str]:
        with self.ix.searcher() as s:
            return {t.decode() if isinstance(t, bytes) else t for t in s.lexicon("doc_id")}

    def write(self, rows: Iterable[dict[str, Any]], *, delete: Iterable[str] = ()) -> int:
        """Add rows (replacing any with the same doc id) and delete documents; one commit."""
        from whoosh.writing import LockError

        try:
            writer = self.ix.writer(timeout=30, procs=1, limitmb=256)
        except LockError:
            raise KehoachError("busy", detail=f"the search index at {self.path} is locked by another kehoach") from None
        n = 0
        seen = set()
        try:
            for doc_id in delete:
                writer.delete_by_term("doc_id", doc_id)
            for row in rows:
                if row["doc_id"] not in seen:
                    writer.delete_by_term("doc_id", row["doc_id"])
                    seen.add(row["doc_id"])
                writer.add_document(
                    id=row["id"], doc_id=row["doc_id"], kind=row["kind"], seq=row["seq"],
                    folded=fold_text(row["text"]), exact=exact_text(row["text"]),
                    province=row["province"] or "", year=row["year"] or 0, level=row["level"] or "",
                    doc_type=row["doc_type"] or "", sector=row["sector"] or "", agency_key=row["agency_key"] or "",
                )
                n += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return n

    def search(self, query: str, *, exact: bool = False, kinds: tuple[str, ...] = ("task", "document"),
               filters: dict[str, Any] | None = None, limit: int = 20) -> list[Hit]:
        from whoosh import query as Q
        from whoosh.qparser import AndGroup, QueryParser

        field = "exact" if exact else "folded"
        text = exact_text(query) if exact else fold_text(query)
        parser = QueryParser(field, self.ix.schema, group=AndGroup)
        try:
            parsed = parser.parse(text)
        except Exception as exc:
            raise KehoachError("query", detail=str(exc)) from None
        if parsed is Q.NullQuery or not re.search(r"\w", text):
            raise KehoachError("query", detail=f"nothing to search for in {query!r}")
        terms = [Q.Or([Q.Term("kind", k) for k in kinds])]
        for key, value in (filters or {}).items():
            if value is None:
                continue
            if key == "year":
                terms.append(Q.NumericRange("year", value[0], value[1]))
            else:
                terms.append(Q.Term(key, value))
        with self.ix.searcher() as s:
            results = s.search(parsed, filter=Q.And(terms), limit=limit)
            return [Hit(r["doc_id"], r["kind"], r["seq"], r.score) for r in results]


def snippet(text: str, query: str, *, width: int = 160, mark: tuple[str, str] = ("[", "]")) -> str:
    """A window of `text` around the query's words, each marked; found on folded text, cut from the original."""
    folded = fold_text(text)
    words = [w for w in re.findall(r"\w+", fold_text(query)) if len(w) > 0]
    spans = []
    for w in set(words):
        spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", folded)]
    if not spans:
        return text[:width] + ("…" if len(text) > width else "")
    spans.sort()
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    out, pos = [], start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(text[pos:s] + mark[0] + text[s:e] + mark[1])
        pos = e
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def index_exists(workspace: Path) -> bool:
    return (Path(workspace) / "index").is_dir() and any(os.scandir(Path(workspace) / "index"))
