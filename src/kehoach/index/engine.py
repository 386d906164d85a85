"""The full-text engine: the only module that imports tantivy or whoosh (or touches FTS5).

Why one module: whoosh is no longer maintained, and the choice of engine
should follow measurements (benchmarks/corpus.py compares whoosh, SQLite FTS5
and tantivy on the same queries). Everything else talks to `Index.open()`.
The measurements chose tantivy as the default; FTS5 and whoosh stay selectable.

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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach.corpus.normalise import fold_keep
from kehoach.errors import KehoachError

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


ENGINES = ("tantivy", "fts5", "whoosh")
DEFAULT_ENGINE = "tantivy"


class Index:
    """The search index in `<workspace>/index`, derived from the store, on the chosen engine.

    The default is tantivy: on 10,000 synthetic plans (benchmarks/README.md)
    it answers in ~2 ms where SQLite FTS5 takes ~150 ms (it ranks every
    match with bm25 before the LIMIT) and whoosh ~1 s, and it builds ~10×
    faster than FTS5. `KEHOACH_ENGINE=fts5` or `=whoosh` select the others;
    all three answer the same queries the same way, each in its own folder
    under `<workspace>/index`, so switching only means a first sync.
    """

    @staticmethod
    def open(workspace: Path, engine: str | None = None):
        engine = engine or os.environ.get("KEHOACH_ENGINE") or DEFAULT_ENGINE
        path = Path(workspace) / "index"
        if engine == "tantivy":
            return TantivyIndex(path / "tantivy")
        if engine == "whoosh":
            return WhooshIndex(path)
        if engine == "fts5":
            return Fts5Index(path)
        raise KehoachError("usage", detail=f"unknown search engine {engine!r} ({', '.join(ENGINES)})")


def parse_query(query: str) -> list[tuple[str, bool]]:
    """(text, is_phrase) parts of a user query: "quoted phrases" and bare words."""
    parts = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', query):
        if m.group(1) is not None:
            if m.group(1).strip():
                parts.append((m.group(1), True))
        else:
            parts.append((m.group(2), False))
    return parts


def query_parts(query: str, *, exact: bool) -> tuple[list[tuple[list[str], bool]], list[bool]]:
    """A query as every engine runs it: (words, is_phrase) parts in the indexed form, and the tries.

    The tries: an unquoted query of several words is first looked for as one
    phrase ("so y te" = "Sở Y tế"), then as all its words anywhere.
    """
    prep = exact_text if exact else fold_text
    parts = [(re.findall(r"[^\W_]+", prep(text)), phrase) for text, phrase in parse_query(query)]
    parts = [(words, phrase) for words, phrase in parts if words]
    if not parts:
        raise KehoachError("query", detail=f"nothing to search for in {query!r}")
    tries = [True, False] if len(parts) == 1 and not parts[0][1] and len(parts[0][0]) > 1 else [False]
    return parts, tries


class TantivyIndex:
    """A tantivy index (tantivy-py, a Rust library) over the same two columns, with the filters as raw terms."""

    _FILTERS = ("province", "level", "doc_type", "sector", "agency_key")

    def __init__(self, path: Path):
        self.path = path
        self._ix = None

    @property
    def ix(self):
        if self._ix is None:
            try:
                import tantivy
            except ImportError:
                raise KehoachError("usage", detail="the tantivy engine needs the tantivy package (pip install tantivy), "
                                   "or choose another with KEHOACH_ENGINE=fts5") from None
            builder = tantivy.SchemaBuilder()
            builder.add_text_field("id", stored=True, tokenizer_name="raw")
            builder.add_text_field("doc_id", stored=True, fast=True, tokenizer_name="raw")
            builder.add_text_field("kind", stored=True, tokenizer_name="raw")
            builder.add_integer_field("seq", stored=True)
            builder.add_text_field("folded", tokenizer_name="default", index_option="position")
            builder.add_text_field("exact", tokenizer_name="default", index_option="position")
            for name in self._FILTERS:
                builder.add_text_field(name, tokenizer_name="raw")
            builder.add_integer_field("year", indexed=True, fast=True)
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self._ix = tantivy.Index(builder.build(), path=str(self.path), reuse=True)
            except (OSError, ValueError) as exc:
                raise KehoachError("workspace", detail=f"the search index at {self.path} cannot be opened ({exc}); run kehoach reindex") from None
        return self._ix

    def reset(self) -> None:
        import shutil

        self._ix = None
        shutil.rmtree(self.path, ignore_errors=True)

    def _searcher(self):
        self.ix.reload()
        return self.ix.searcher()

    def doc_count(self) -> int:
        import tantivy

        return self._searcher().search(tantivy.Query.term_query(self.ix.schema, "kind", "document"), limit=1, count=True).count

    def doc_ids(self) -> set[str]:
        import tantivy

        searcher = self._searcher()
        query = tantivy.Query.term_query(self.ix.schema, "kind", "document")
        result = searcher.aggregate(query, {"ids": {"terms": {"field": "doc_id", "size": 10_000_000}}})
        return {bucket["key"] for bucket in result["ids"]["buckets"]}

    def write(self, rows: Iterable[dict[str, Any]], *, delete: Iterable[str] = ()) -> int:
        import tantivy

        try:
            writer = self.ix.writer(heap_size=128_000_000, num_threads=1)
        except ValueError as exc:
            raise KehoachError("busy", detail=f"the search index at {self.path} is being written by another kehoach ({exc})") from None
        n, seen = 0, set()
        try:
            for doc_id in delete:
                writer.delete_documents_by_term("doc_id", doc_id)
            for row in rows:
                if row["doc_id"] not in seen:
                    writer.delete_documents_by_term("doc_id", row["doc_id"])
                    seen.add(row["doc_id"])
                fields = {"id": row["id"], "doc_id": row["doc_id"], "kind": row["kind"], "seq": int(row["seq"]),
                          "folded": fold_text(row["text"]), "exact": exact_text(row["text"]), "year": int(row["year"] or 0)}
                fields.update({name: row[name] or "" for name in self._FILTERS})
                writer.add_document(tantivy.Document(**fields))
                n += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return n

    def search(self, query: str, *, exact: bool = False, kinds: tuple[str, ...] = ("task", "document"),
               filters: dict[str, Any] | None = None, limit: int = 20) -> list[Hit]:
        import tantivy

        Q, Occur, schema = tantivy.Query, tantivy.Occur, self.ix.schema
        field = "exact" if exact else "folded"
        parts, tries = query_parts(query, exact=exact)

        def words_query(words: list[str], phrase: bool):
            if len(words) == 1:
                return Q.term_query(schema, field, words[0])
            if phrase:
                return Q.phrase_query(schema, field, words)
            return Q.boolean_query([(Occur.Must, Q.term_query(schema, field, w)) for w in words])

        must = [(Occur.Must, Q.boolean_query([(Occur.Should, Q.term_query(schema, "kind", k)) for k in kinds]))]
        for key, value in (filters or {}).items():
            if value is None:
                continue
            if key == "year":
                must.append((Occur.Must, Q.range_query(schema, "year", tantivy.FieldType.Integer, int(value[0]), int(value[1]))))
            else:
                must.append((Occur.Must, Q.term_query(schema, key, str(value))))
        searcher = self._searcher()
        hits, seen = [], set()
        for as_phrase in tries:
            text_q = words_query([w for words, _ in parts for w in words], True) if as_phrase else \
                Q.boolean_query([(Occur.Must, words_query(words, phrase)) for words, phrase in parts])
            for score, address in searcher.search(Q.boolean_query([(Occur.Must, text_q), *must]), limit=limit, count=False).hits:
                doc = searcher.doc(address)
                key = (doc["doc_id"][0], doc["kind"][0], int(doc["seq"][0]))
                if key not in seen and len(hits) < limit:
                    seen.add(key)
                    hits.append(Hit(key[0], key[1], key[2], float(score)))
        return hits


class Fts5Index:
    """SQLite FTS5 over a pre-folded column (FTS5 never folds đ) and an exact one."""

    def __init__(self, path: Path):
        self.path = path
        self._db = None

    @property
    def db(self):
        if self._db is None:
            import sqlite3

            self.path.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path / "fts5.db", timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS rows USING fts5(folded, exact, id UNINDEXED, doc_id UNINDEXED, "
                "kind UNINDEXED, seq UNINDEXED, province UNINDEXED, year UNINDEXED, level UNINDEXED, doc_type UNINDEXED, "
                "sector UNINDEXED, agency_key UNINDEXED, tokenize='unicode61 remove_diacritics 0')"
            )
            # which FTS rows belong to which document: deleting by an UNINDEXED column would scan the whole table
            self._db.execute("CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, first INTEGER, last INTEGER)")
        return self._db

    def reset(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        for name in ("fts5.db", "fts5.db-wal", "fts5.db-shm"):
            (self.path / name).unlink(missing_ok=True)

    def doc_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT doc_id FROM docs")}

    def doc_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def _drop(self, doc_id: str) -> None:
        span = self.db.execute("SELECT first, last FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if span:
            self.db.execute("DELETE FROM rows WHERE rowid BETWEEN ? AND ?", span)
            self.db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))

    def write(self, rows: Iterable[dict[str, Any]], *, delete: Iterable[str] = ()) -> int:
        import sqlite3

        n, seen = 0, set()
        try:
            with self.db:
                for doc_id in delete:
                    self._drop(doc_id)
                for row in rows:
                    if row["doc_id"] not in seen:
                        self._drop(row["doc_id"])
                        seen.add(row["doc_id"])
                    cur = self.db.execute(
                        "INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (fold_text(row["text"]), exact_text(row["text"]), row["id"], row["doc_id"], row["kind"], row["seq"],
                         row["province"] or "", row["year"] or 0, row["level"] or "", row["doc_type"] or "",
                         row["sector"] or "", row["agency_key"] or ""),
                    )
                    self.db.execute("INSERT INTO docs VALUES (?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET last = excluded.last",
                                    (row["doc_id"], cur.lastrowid, cur.lastrowid))
                    n += 1
        except sqlite3.OperationalError as exc:
            raise KehoachError("busy", detail=f"the search index at {self.path} is locked or damaged ({exc}); run kehoach reindex") from None
        return n

    def search(self, query: str, *, exact: bool = False, kinds: tuple[str, ...] = ("task", "document"),
               filters: dict[str, Any] | None = None, limit: int = 20) -> list[Hit]:
        import sqlite3

        column = "exact" if exact else "folded"
        parts, tries = query_parts(query, exact=exact)

        def expression(as_phrase: bool) -> str:
            if as_phrase:
                return '"' + " ".join(w for words, _ in parts for w in words) + '"'
            return " AND ".join('"' + " ".join(words) + '"' if phrase else " AND ".join(f'"{w}"' for w in words)
                                for words, phrase in parts)

        where, params = [f"kind IN ({','.join('?' * len(kinds))})"], list(kinds)
        for key, value in (filters or {}).items():
            if value is None:
                continue
            if key == "year":
                where.append("year BETWEEN ? AND ?")
                params += [value[0], value[1]]
            else:
                where.append(f"{key} = ?")
                params.append(value)
        rows, seen = [], set()
        for as_phrase in tries:
            try:
                found = self.db.execute(
                    f"SELECT doc_id, kind, seq, bm25(rows) FROM rows WHERE rows MATCH ? AND {' AND '.join(where)} "
                    f"ORDER BY bm25(rows) LIMIT ?", [f"{column} : ({expression(as_phrase)})", *params, limit]).fetchall()
            except sqlite3.OperationalError as exc:
                raise KehoachError("query", detail=str(exc)) from None
            for row in found:
                if (row[0], row[1], row[2]) not in seen and len(rows) < limit:
                    seen.add((row[0], row[1], row[2]))
                    rows.append(row)
        return [Hit(d, k, int(s), -float(score)) for d, k, s, score in rows]


class WhooshIndex:
    """A whoosh index in `<workspace>/index`, derived from the store."""

    def __init__(self, path: Path):
        self.path = path
        self._ix = None

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

    def doc_count(self) -> int:
        return len(self.doc_ids())

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


def _pattern(query: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    words = sorted(set(re.findall(r"\w+", fold_text(query))), key=len, reverse=True)
    if not words:
        return None, None
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    phrase = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, re.findall(r"\w+", fold_text(query)))) + r"(?!\w)")
    return pattern, phrase


def locate(text: str, query: str) -> int | None:
    """Where in `text` the query is first found (the phrase, else any of its words), on folded text."""
    pattern, phrase = _pattern(query)
    if pattern is None:
        return None
    folded = fold_text(text)
    first = phrase.search(folded) or pattern.search(folded)
    return first.start() if first else None


def snippet(text: str, query: str, *, width: int = 160, mark: tuple[str, str] = ("[", "]")) -> str:
    """A window of `text` around the query's words, each marked; found on folded text, cut from the original.

    Only the window is scanned for marks: a common syllable ("y", "te") occurs
    thousands of times in a whole plan, and a search returns whole plans.
    """
    pattern, phrase = _pattern(query)
    if pattern is None:
        return text[:width] + ("…" if len(text) > width else "")
    folded = fold_text(text)
    first = phrase.search(folded) or pattern.search(folded)
    if first is None:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    out, pos = [], start
    for m in pattern.finditer(folded, start, end):
        out.append(text[pos : m.start()] + mark[0] + text[m.start() : m.end()] + mark[1])
        pos = m.end()
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
