"""OCR post-correction (corpus/ocr_fix.py): characters fixed against characters broken, on text with known truth.

    .venv/bin/python benchmarks/ocr_fix.py              # all three measurements
    .venv/bin/python benchmarks/ocr_fix.py --no-scans   # without OCR (about a minute less)

The shipped model is counted from ../shared/real/docs and the seeds, so
every figure here comes from a model counted without the text measured:

1. scans: OCR of corpus/*.scan.pdf (200-dpi renderings of seeds 000 and
   004) against kehoach's text of the matching corpus/*.txt, with a model
   counted from the real documents only;
2. seeds with noise: each seed's text with the marks of 3% of its syllables
   changed the way OCR misreads them (random.Random(SEED)), same model;
3. real documents with noise, 5-fold cross-validation: each fifth of
   ../shared/real/docs noised so and corrected by a model counted from the
   other four fifths.

A correction's characters fixed and broken are how much it brings the word
nearer to or farther from the true word (Levenshtein distance); on scans the
OCR'd words are aligned with the true ones by difflib, and the whole texts'
distance before and after is given too.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from kehoach.corpus import ReadOptions, read
from kehoach.corpus.normalise import TONES
from kehoach.corpus.ocr_fix import SyllableModel, apply_fixes, count, find_fixes, runs, table

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = 20261125
RATE = 0.03
FOLDS = 5

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
# marks OCR reads for one another: ế/ể, ố/ổ (acute and hook), ẻ/ẽ (hook and tilde), a dot below or a grave
# lost or seen in a speck, ả/ẳ and â/ă (breve, circumflex, none), ơ/ô/o, ư/u, đ/d
TONE_SWAPS = {ACUTE: [HOOK, ""], HOOK: [ACUTE, TILDE], TILDE: [HOOK], GRAVE: [""], DOT: [""], "": [GRAVE, DOT, ACUTE]}
MARK_SWAPS = {CIRCUMFLEX: [BREVE, "", HORN], BREVE: [CIRCUMFLEX, ""], HORN: ["", CIRCUMFLEX], "": [CIRCUMFLEX, BREVE]}


@dataclass
class Tally:
    fixes: int = 0
    fixed: int = 0  # characters nearer the truth
    broken: int = 0  # characters farther from it
    unaligned: int = 0  # corrections whose word has no counterpart in the truth (scans)

    def add(self, original: str, corrected: str, truth: str) -> None:
        before, after = Levenshtein.distance(original, truth), Levenshtein.distance(corrected, truth)
        self.fixes += 1
        self.fixed += max(0, before - after)
        self.broken += max(0, after - before)

    def __str__(self) -> str:
        extra = f", {self.unaligned} not aligned" if self.unaligned else ""
        return f"{self.fixes} corrections: {self.fixed} characters fixed, {self.broken} broken{extra}"


def _letters(ch: str) -> tuple[str, str, str]:
    """A letter as (base, vowel mark, tone)."""
    parts = unicodedata.normalize("NFD", ch)
    return parts[0], "".join(p for p in parts[1:] if p not in TONES), "".join(p for p in parts[1:] if p in TONES)


def _compose(base: str, mark: str, tone: str) -> str | None:
    ch = unicodedata.normalize("NFC", base + mark + tone)
    return ch if len(ch) == 1 else None


def misread(word: str, rng: random.Random) -> str | None:
    """The word with one mark misread as OCR misreads it; None when no such misreading fits it."""
    options = []
    letters = [_letters(ch) for ch in word]
    toned = [i for i, (_, _, t) in enumerate(letters) if t]
    vowels = [i for i, (b, _, _) in enumerate(letters) if b.lower() in "aeiouy"]
    for i, (base, mark, tone) in enumerate(letters):
        if word[i] in "đdĐD":
            options.append((i, {"đ": "d", "d": "đ", "Đ": "D", "D": "Đ"}[word[i]]))
            continue
        if base.lower() not in "aeiouy":
            continue
        if tone or (not toned and i == (vowels[-2] if len(vowels) > 1 and word[-1].lower() in "aeiouy" else vowels[-1])):
            options += [(i, _compose(base, mark, t)) for t in TONE_SWAPS[tone]]
        allowed = {"a": [CIRCUMFLEX, BREVE], "e": [CIRCUMFLEX], "o": [CIRCUMFLEX, HORN], "u": [HORN]}.get(base.lower(), [])
        options += [(i, _compose(base, m, tone)) for m in MARK_SWAPS[mark] if m in allowed + [""] and m != mark]
    options = [(i, ch) for i, ch in options if ch and ch != word[i]]
    if not options:
        return None
    i, ch = rng.choice(options)
    return word[:i] + ch + word[i + 1 :]


def noisy(text: str, rng: random.Random) -> str:
    """The text with the marks of RATE of its syllables misread (lengths kept)."""
    out = list(text)
    for run in runs(text):
        for token in run:
            if rng.random() < RATE:
                wrong = misread(token.text, rng)
                if wrong:
                    out[token.start : token.end] = list(wrong)
    return "".join(out)


def measure_noise(truth: str, model: SyllableModel, rng: random.Random, tally: Tally) -> tuple[int, int]:
    """Correct a noised copy of `truth`; (characters the noise changed, of them left wrong)."""
    text = noisy(truth, rng)
    fixes = find_fixes(text, model=model)
    for fix in fixes:
        tally.add(fix.original, fix.corrected, truth[fix.span[0] : fix.span[1]])
    fixed = apply_fixes(text, fixes)
    return sum(a != b for a, b in zip(text, truth)), sum(a != b for a, b in zip(fixed, truth))


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", text)]


def measure_scan(scan: Path, truth: str, model: SyllableModel, tally: Tally) -> tuple[int, int]:
    """Correct the OCR of a scan; the whole text's distance to the truth before and after."""
    doc = read(scan, options=ReadOptions(ocr="always", ocr_fix=False))
    text = doc.text
    fixes = find_fixes(text, model=model)
    ocr_words, true_words = _words(text), _words(truth)
    matcher = difflib.SequenceMatcher(None, [w for *_, w in ocr_words], [w for *_, w in true_words], autojunk=False)
    partner: dict[int, str] = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                partner[ocr_words[i1 + k][0]] = true_words[j1 + k][2]
    starts = [w[0] for w in ocr_words]
    for fix in fixes:
        k = bisect.bisect_right(starts, fix.span[0]) - 1
        start, end, word = ocr_words[k]
        if start not in partner:
            tally.unaligned += 1
            continue
        corrected = word[: fix.span[0] - start] + fix.corrected + word[fix.span[1] - start :]
        tally.add(word, corrected, partner[start])
    fixed = apply_fixes(text, fixes)
    flat = " ".join(truth.split())
    return Levenshtein.distance(" ".join(text.split()), flat), Levenshtein.distance(" ".join(fixed.split()), flat)


def real_texts() -> list[str]:
    paths = sorted((SHARED / "real" / "docs").glob("*.md"))
    if not paths:
        sys.exit(f"no real documents under {SHARED / 'real' / 'docs'}")
    return [read(p, options=ReadOptions(check_language=False)).text for p in paths]


def model_of(texts) -> SyllableModel:
    return SyllableModel.from_data(table(*count(texts)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-scans", action="store_true", help="skip the OCR of corpus/*.scan.pdf")
    args = parser.parse_args()
    started = time.perf_counter()
    real = real_texts()
    held_out = model_of(real)
    print(f"model of the real documents only: {len(held_out.unigrams)} syllables, {len(held_out.bigrams)} bigrams "
          f"({time.perf_counter() - started:.0f} s)")
    corpus = ROOT / "corpus"
    if not args.no_scans:
        for scan in sorted(corpus.glob("*.scan.pdf")):
            tally = Tally()
            truth = read(corpus / (scan.name.split(".")[0] + ".txt")).text
            before, after = measure_scan(scan, truth, held_out, tally)
            print(f"scan {scan.name}: {tally}; distance to the true text {before} -> {after}")
    tally, changed, left = Tally(), 0, 0
    rng = random.Random(SEED)
    for seed in sorted(corpus.glob("0*.txt")):
        c, w = measure_noise(read(seed).text, held_out, rng, tally)
        changed, left = changed + c, left + w
    print(f"seeds, {RATE:.0%} of syllables misread: {changed} characters wrong; {tally}; {left} wrong after")
    tally, changed, left = Tally(), 0, 0
    rng = random.Random(SEED)
    for fold in range(FOLDS):
        model = model_of(t for i, t in enumerate(real) if i % FOLDS != fold)
        for text in real[fold::FOLDS]:
            c, w = measure_noise(text, model, rng, tally)
            changed, left = changed + c, left + w
    print(f"real documents, {RATE:.0%} misread, {FOLDS}-fold: {changed} characters wrong; {tally}; {left} wrong after "
          f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
