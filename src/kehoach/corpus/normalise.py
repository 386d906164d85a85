"""Text normalisation applied to every format.

Why: the same word reaches us in many byte forms (NFD from macOS and some PDF
producers, "hoà" beside "hòa", non-breaking spaces from Word), and every later
stage compares strings. One spelling in, one spelling out.

Tone-mark placement: kehoach writes the *traditional* placement for the
open syllables oa, oe, uy — "hòa", "khỏe", "thủy" — the one used in the
names of state bodies ("Sở Văn hóa", "Ủy ban") and by most government
documents. Syllables where both styles agree (with a final consonant:
"hoàng", "khuyến"; "qu" + y: "quý") are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave acute tilde hook dot-below

# A syllable whose vowel nucleus is exactly o+a, o+e or u+y at the end of the
# word, with the tone on the second vowel (in NFD: base letter, combining tone).
_NEW_STYLE = re.compile(
    r"(?<![^\W\d_])"  # start of a word
    r"([^\W\d_]*?)"  # onset consonants
    r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])"
    r"(?![^\W\d_]|[\u0300-\u036f])"  # end of the word
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")


def _old_style(match: re.Match) -> str:
    onset, first, second, tone = match.groups()
    pair = (first + second).lower()
    if pair not in ("oa", "oe", "uy"):
        return match.group(0)
    if pair == "uy" and onset.lower().endswith("q"):
        return match.group(0)  # "quý": u belongs to qu, the tone sits on y in both styles
    if any(c in onset for c in "\u0302\u0306\u031b"):
        return match.group(0)
    return onset + first + tone + second


# in NFC: o/u followed by a, e or y carrying a tone mark, at a word's end ("hoà", "khoẻ", "thuỷ")
_CANDIDATE = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?![^\W\d_])")


def tone_marks(text: str) -> str:
    """Put oa/oe/uy tone marks in the traditional place ("hoà" -> "hòa")."""
    if not _CANDIDATE.search(unicodedata.normalize("NFC", text)):
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_old_style, nfd))


# letters no Vietnamese text has, that OCR and old fonts put for ones it does: the Icelandic eth for Đ
# ("418/LĐÐT"), fraction and division slashes for "/" ("⁄v" for "V/v"), the inverted "¡" for "i" ("¡) Ban Dân tộc")
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "\u2044": "/", "\u2215": "/", "¡": "i"})


def clean_chars(text: str, *, keep_tabs: bool = True) -> str:
    """Drop control and zero-width characters; make odd spaces plain spaces.

    Tabs survive when `keep_tabs` (tables are tab-separated rows).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).translate(_LOOKALIKES)
    if keep_tabs:
        return re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    return _SPACES.sub(" ", text)


def normalise(text: str) -> str:
    """NFC, one tone-mark style, clean characters. Lengths may change."""
    text = unicodedata.normalize("NFC", clean_chars(text))
    return tone_marks(unglue(text))


def fold(text: str) -> str:
    """Lower-case and strip diacritics, đ included: for matching, never display."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


# Glued syllables ("Kế hoạchvà Đầu tư", "BANHÀNH", "PHÓ CHỦ TỊCHNguyễn"): text
# copied from legal-document web sites loses spaces. Vietnamese writes one
# syllable per word, so a word with Vietnamese letters that is not a syllable
# but splits into syllables was glued. Names written as one word without
# Vietnamese letters (Vinaphone, Facebook) are never touched.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
_NUCLEI = sorted("a e i o u y ai ao au ay eo eu ia iu oa oe oi ua ue ui uo uu uy ya ie ye ieu uoi uou uya uye uyu oai oay oeo uay yeu uai".split(), key=len, reverse=True)
_SYLLABLE = re.compile(_ONSET + "(?:" + "|".join(_NUCLEI) + ")(?:ch|ng|nh|[cmnpt])?")
_VIETNAMESE = re.compile(r"[đĐàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                         r"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]")
_VOWELS = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_CONSONANTS = "bcdđfghjklmnpqrstvwxz"
_V, _C = _VOWELS + _VOWELS.upper(), _CONSONANTS + _CONSONANTS.upper()
# a word of four letters or more with a vowel, consonants, then a vowel again: never one syllable
_WORD = re.compile(rf"(?<![^\W\d_])(?=[^\W\d_]*[{_V}][{_C}]+[{_V}])[^\W\d_]{{4,}}")


def _tones(syllable: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", syllable) if c in TONES)


def is_syllable(word: str) -> bool:
    """Whether a word is one Vietnamese syllable by its shape (onset, vowels, final; one tone mark at most)."""
    return _tones(word) <= 1 and _SYLLABLE.fullmatch(fold(word)) is not None


def _split(word: str, depth: int = 0) -> list[str] | None:
    """The word as syllables, preferring splits where the next syllable starts with a consonant."""
    if is_syllable(word):
        return [word]
    if depth == 3:
        return None
    folded = fold(word)
    for i in range(len(word) - 1, 0, -1):
        if folded[i] in "aeiouy" or not is_syllable(word[:i]):
            continue
        rest = _split(word[i:], depth + 1)
        if rest:
            return [word[:i], *rest]
    return None


def _unglue_word(match: re.Match) -> str:
    word = match.group(0)
    if not _VIETNAMESE.search(word) or is_syllable(word):
        return word
    parts = _split(word)
    return " ".join(parts) if parts else word


def unglue(text: str) -> str:
    """Put back the spaces between glued syllables ("hoạchvà" -> "hoạch và")."""
    return _WORD.sub(_unglue_word, text)


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[:1].lower()[:1] or " "
    return base if base.isalnum() else " "


# one table for every character below U+3000 (all Latin, Vietnamese, punctuation): str.translate is C-fast
_FOLD = {cp: _fold_char(chr(cp)) for cp in range(0x3000)}


@lru_cache(maxsize=16384)
def fold_keep(text: str) -> str:
    """Fold to ASCII-ish lower case, one output character per input character.

    Punctuation becomes a space, so "LĐ-TB&XH" and "LĐ TB XH" match alike. Remembered: the rules fold the
    same lines and phrases again and again (a heading for each rule that asks), and str.translate walks a
    Vietnamese text one dictionary lookup per character.
    """
    return text.translate(_FOLD)


def trie_alternation(phrases) -> str:
    """A regex alternation of phrases as a prefix tree, each space standing for any run of white space.

    Python's re tries a flat alternation branch by branch at every position of the text; a tree of the
    phrases' common prefixes is tried character by character, about twenty times faster on the gazetteer's
    660 names. At each point the longer phrase is tried first, so a match is the longest phrase there, as a
    flat alternation sorted longest first gives it.
    """
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(tree)
