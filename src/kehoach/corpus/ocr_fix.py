"""OCR post-correction: a syllable's diacritics put right from its neighbours.

Why: Tesseract reads the letters of a Vietnamese scan well and its marks less
well — "kiếm tra" for "kiểm tra", "bình đảng giới" for "bình đẳng giới", "Ban
Tố chức" for "Ban Tổ chức" — and a wrong mark makes another word, so the
bodies and duties of a plan stop matching. The letters are trusted; only the
marks (tone, circumflex, breve, horn, the stroke of đ) may change, so a
correction keeps the text's length (NFC) and every offset stays valid.

How: a syllable bigram model, counted at development time by
`scripts/build_syllables.py` from the 278 real documents of
../shared/real/docs and the seed plans, and shipped as
`data/syllables.json.gz`. Those are the same texts other tests evaluate
kehoach on; benchmarks/ocr_fix.py measures on text the model was not built
from. A syllable's candidates are the known syllables with its letters and
other marks, at most two marks apart (an OCR misreads a mark or two, not a
word). Each candidate is scored by how likely it makes the words on its left
and right (bigram probabilities smoothed with the unigram ones, the bigram
model of the three words). The syllable changes only on strong evidence: the
best candidate makes the three words far likelier, and the counts themselves,
not the smoothing, refute what was read — the corpus shows the candidate
beside these neighbours often enough that what was read would be seen there
too, were it right, and it is (nearly) never seen there (`_refuted`). A word
read as a known syllable that may be a name or a heading (capitals, or a
capital inside a sentence) needs both neighbours to agree. Thresholds were
tightened until the real scans of corpus/ broke nothing but a typo of the seed
itself (benchmarks/README.md).

Never touched: numbers and anything beside a digit, a slash or a joining
hyphen (document numbers such as "2232/QĐ-TTg", codes, dates), words that are
not one Vietnamese syllable (UBND, foreign words), mixed-case words.
Punctuation, a tab or a line break ends a word's context.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from kehoach.corpus.normalise import TONES, fold, is_syllable
from kehoach.model import Document, OcrFix

# what the evidence must show before a syllable changes (tuned on benchmarks/ocr_fix.py; see benchmarks/README.md)
MU = 20.0  # Dirichlet smoothing of the ranking: how many bigram counts the unigram prior is worth
MIN_RATIO = math.log(200)  # the candidate makes the three words this many times likelier than what was read
MIN_SUPPORT = 3  # bigram counts (left pair + right pair) behind the candidate
MIN_EXPECTED = 3.0  # how often the corpus would show what was read beside these neighbours, were it as apt as the candidate
ATTESTED = 0.05  # what was read may stand beside a neighbour at most this share of that expectation (a source's typo)
TYPOS = 2  # and at most this many times
UNKNOWN_MARGIN = math.log(5)  # a word no known syllable: its best spelling must beat the next this many times
MAX_EDITS = 2

_OPEN = "([{\"'“‘«"
_CLOSE = ")]}\"'”’».,;:!?…"
_LETTERS = re.compile(r"[^\W\d_]+")
_CHUNK = re.compile(r"[^\s]+")
_VOWEL_MARKS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str  # as written

    @property
    def key(self) -> str:
        return self.text.lower()


def runs(text: str) -> Iterator[list[Token]]:
    """The text's syllables in runs of neighbours: words separated by spaces only, within a line.

    Punctuation, a tab, a line break or a word that is not a syllable (a
    number, a code, a foreign word) ends a run: the words across it are not
    read as neighbours, by the model's counts or by the correction.
    """
    run: list[Token] = []
    last_end = 0
    for m in _CHUNK.finditer(text):
        chunk = m.group(0)
        if run and ("\n" in text[last_end : m.start()] or "\t" in text[last_end : m.start()]):
            yield run
            run = []
        last_end = m.end()
        lead = len(chunk) - len(chunk.lstrip(_OPEN))
        trail = len(chunk) - len(chunk.rstrip(_CLOSE))
        core = chunk[lead : len(chunk) - trail]
        if not core or not _LETTERS.fullmatch(core) or not is_syllable(core):
            if run:
                yield run
            run = []
            continue
        if lead and run:
            yield run
            run = []
        run.append(Token(m.start() + lead, m.start() + lead + len(core), core))
        if trail:
            yield run
            run = []
    if run:
        yield run


@lru_cache(maxsize=1 << 16)
def marks(syllable: str) -> tuple[tuple[str, ...], str]:
    """A lower-case syllable's vowel marks letter by letter ("-" for the stroke of đ) and its tone."""
    tone, per_letter = "", []
    for ch in syllable:
        if ch == "đ":
            per_letter.append("-")
            continue
        parts = unicodedata.normalize("NFD", ch)[1:]
        per_letter.append("".join(p for p in parts if p in _VOWEL_MARKS))
        tone += "".join(p for p in parts if p in TONES)
    return tuple(per_letter), tone


def edits(a: str, b: str) -> int:
    """How many marks two spellings of the same letters differ by (the tone counts once, wherever it sits)."""
    ma, ta = marks(a)
    mb, tb = marks(b)
    return (ta != tb) + sum(x != y for x, y in zip(ma, mb))


class SyllableModel:
    """Unigram and bigram counts of lower-case NFC syllables, with the index from letters to spellings."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int]):
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.total = sum(unigrams.values()) or 1
        self.types = len(unigrams) or 1
        variants: dict[str, list[str]] = {}
        for syllable in unigrams:
            variants.setdefault(fold(syllable), []).append(syllable)
        self.variants = variants

    @classmethod
    def from_data(cls, data: dict) -> SyllableModel:
        bigrams = {}
        for pair, n in data["bigrams"].items():
            left, right = pair.split(" ")
            bigrams[(left, right)] = n
        return cls(data["unigrams"], bigrams)

    def prior(self, word: str) -> float:
        return (self.unigrams.get(word, 0) + 0.5) / (self.total + 0.5 * self.types)

    def follows(self, left: str, word: str) -> float:
        """P(word | left), the bigram smoothed towards the unigram."""
        return (self.bigrams.get((left, word), 0) + MU * self.prior(word)) / (self.unigrams.get(left, 0) + MU)

    def score(self, left: str | None, word: str, right: str | None) -> float:
        """log P of the words left, word, right, up to what does not depend on `word`."""
        total = math.log(self.follows(left, word) if left else self.prior(word))
        if right:
            total += math.log(self.follows(word, right))
        return total

    def support(self, left: str | None, word: str, right: str | None) -> tuple[int, int]:
        return (self.bigrams.get((left, word), 0) if left else 0, self.bigrams.get((word, right), 0) if right else 0)


def count(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """Unigram and bigram counts of the syllables of texts (the model's counts before pruning)."""
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for text in texts:
        for run in runs(text):
            keys = [t.key for t in run]
            unigrams.update(keys)
            bigrams.update(zip(keys, keys[1:]))
    return unigrams, bigrams


def table(unigrams: Counter, bigrams: Counter, *, min_unigram: int = 1, min_bigram: int = 1, about: str = "") -> dict:
    """Counts as the data file holds them: syllables read `min_unigram` times or more, pairs of them read
    `min_bigram` times or more. Why every pair by default: one sighting of what was read beside its neighbour
    is what keeps a right but rare phrase ("nam giới" beside "năm") from being changed, and all of them
    gzip to about 230 KiB."""
    kept = {w: n for w, n in sorted(unigrams.items()) if n >= min_unigram}
    pairs = {f"{a} {b}": n for (a, b), n in sorted(bigrams.items()) if n >= min_bigram and a in kept and b in kept}
    return {"about": about, "unigrams": kept, "bigrams": pairs}


@cache
def load_model() -> SyllableModel:
    """The shipped model (data/syllables.json.gz), read once per process."""
    from kehoach.data import load

    return SyllableModel.from_data(load("syllables"))


def _cased(like: str, word: str) -> str | None:
    """`word` written in the case of `like`; None for a mixed case kehoach will not guess."""
    if like.islower():
        return word
    if like.isupper():
        return word.upper()
    if like[:1].isupper() and (len(like) == 1 or like[1:].islower()):
        return word[:1].upper() + word[1:]
    return None


_SENTENCE_START = re.compile(r"(?:^|[\n.:;!?\-–+•*)])[ \t]*$")


def _named(text: str, token: Token) -> bool:
    """Whether a word's capital may mark a name or a heading: it is in capitals, or capitalised other than at
    the start of a line, a sentence or an item ("Kiểm tra …", "- Kiểm tra …", "a) Kiểm tra …")."""
    if token.text.islower():
        return False
    if token.text.isupper() and len(token.text) > 1:
        return True
    return not _SENTENCE_START.search(text[max(0, token.start - 8) : token.start])


def _best(model: SyllableModel, left: str | None, token: Token, right: str | None, *, named: bool) -> str | None:
    """The spelling the context asks for, when it differs from what was read and the evidence is strong."""
    read = token.key
    if _cased(token.text, read) is None or (left is None and right is None):
        return None
    candidates = [c for c in model.variants.get(fold(read), ()) if c != read and edits(read, c) <= MAX_EDITS]
    if not candidates:
        return None
    scored = sorted(((model.score(left, c, right), c) for c in candidates), reverse=True)
    best = scored[0][1]
    support = model.support(left, best, right)
    if sum(support) < MIN_SUPPORT:
        return None
    if read not in model.unigrams:  # no syllable the corpus knows: it cannot be right, but which spelling is?
        if named and not all(support):
            return None  # a name the corpus has not seen, maybe
        return best if len(scored) == 1 or scored[0][0] - scored[1][0] >= UNKNOWN_MARGIN else None
    if scored[0][0] - model.score(left, read, right) < MIN_RATIO:
        return None
    return best if _refuted(model, read, best, support, model.support(left, read, right), named=named) else None


def _refuted(model: SyllableModel, read: str, best: str, support: tuple[int, int], seen: tuple[int, int], *,
             named: bool) -> bool:
    """Whether the corpus says a known syllable does not stand here: beside these neighbours, the candidate
    is counted often enough that what was read, were it as apt, would be counted MIN_EXPECTED times, and it
    is counted (nearly) never. Why expected counts and not probabilities alone: the corpus is administrative,
    and a rare but right word ("nói chuyện") must not lose to a common one only for being rare there. A word
    commoner than the candidate is expected no more often than the candidate (a function word's absence
    beside a rare neighbour says little)."""
    share = min(1.0, model.unigrams[read] / model.unigrams[best])
    expected = [n * share for n in support]
    if any(s > min(TYPOS, ATTESTED * e) for s, e in zip(seen, expected)) or sum(expected) < MIN_EXPECTED:
        return False
    # a word that may be a name or a heading: changed only when both sides agree
    return not named or all(expected)


def _inside(ranges: list[tuple[int, int]], token: Token) -> bool:
    k = bisect.bisect_right(ranges, (token.start, math.inf)) - 1
    return k >= 0 and ranges[k][0] <= token.start and token.end <= ranges[k][1]


def find_fixes(text: str, *, model: SyllableModel | None = None, within: list[tuple[int, int]] | None = None) -> list[OcrFix]:
    """The corrections the model makes to `text` (page unset), in order; `within` limits them to those ranges.

    Left to right: a word already corrected is the left context of the next.
    """
    model = model or load_model()
    ranges = sorted(within) if within is not None else None
    fixes: list[OcrFix] = []
    for run in runs(text):
        keys = [t.key for t in run]
        for i, token in enumerate(run):
            if ranges is not None and not _inside(ranges, token):
                continue
            best = _best(model, keys[i - 1] if i else None, token, keys[i + 1] if i + 1 < len(run) else None,
                         named=_named(text, token))
            if best is None:
                continue
            corrected = _cased(token.text, best)
            if corrected is None or len(corrected) != len(token.text):
                continue
            keys[i] = best
            fixes.append(OcrFix(page=None, span=(token.start, token.end), original=token.text, corrected=corrected))
    return fixes


def apply_fixes(text: str, fixes: list[OcrFix]) -> str:
    """The text with each correction written over its span (corrections keep lengths)."""
    parts, pos = [], 0
    for fix in sorted(fixes, key=lambda f: f.span):
        start, end = fix.span
        if text[start:end] != fix.original or len(fix.corrected) != end - start:
            raise ValueError(f"correction {fix} does not fit the text at {start}:{end}")
        parts += [text[pos:start], fix.corrected]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def correct(text: str, *, model: SyllableModel | None = None) -> tuple[str, list[OcrFix]]:
    """OCR text with its syllables corrected, and the corrections."""
    fixes = find_fixes(text, model=model)
    return apply_fixes(text, fixes), fixes


def correct_document(doc: Document, *, model: SyllableModel | None = None) -> Document:
    """Correct the text of a document's OCR'd pages in place; its other pages (a text layer) are never touched.

    Each correction is kept in `doc.ocr_fixes` with its page; `doc.raw_text`
    keeps what the OCR read. Offsets of hints, footnotes and pages stay valid:
    corrections keep lengths.
    """
    within = [(p.start, p.end) for p in doc.pages if p.ocr]
    if not within:
        return doc
    fixes = find_fixes(doc.text, model=model, within=within)
    for fix in fixes:
        fix.page = doc.page_at(fix.span[0])
    doc.text = apply_fixes(doc.text, fixes)
    doc.ocr_fixes = fixes
    return doc
