"""Legacy 8-bit Vietnamese (TCVN3/ABC, VNI) detected and converted to Unicode.

Why: plans typed in the 1990s-2010s with .VnTime (TCVN3) or VNI fonts
still circulate as .doc, .txt and PDF; their bytes read as Latin-1
mojibake ("ViÖt Nam", "Vieät Nam"). The detection looks at the whole
document: legacy text has many characters of its encoding's signature and
almost no genuine Vietnamese letters, so Unicode text is never touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kehoach.data import load

_LETTER = re.compile(r"[^\W\d_]")
_REAL_VIET = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơưđ]", re.I)


@lru_cache(maxsize=1)
def _maps() -> dict:
    return load("legacy_encodings")


@lru_cache(maxsize=1)
def _vni_regex() -> re.Pattern:
    keys = sorted(_maps()["vni"], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def detect(text: str) -> str | None:
    """"tcvn3", "vni" or None for a document's text."""
    head = text[:4000]  # most documents are Unicode: their first page says so, the rest need not be counted
    if len(_REAL_VIET.findall(head)) / (len(_LETTER.findall(head)) or 1) > 0.01:
        return None
    sample = text[:50000]
    letters = len(_LETTER.findall(sample)) or 1
    if len(_REAL_VIET.findall(sample)) / letters > 0.01:
        return None  # already Unicode Vietnamese
    # TCVN3 puts a whole toned vowel in one byte, right after a consonant ("Céng", "ViÖt");
    # VNI writes the plain vowel and then its marks ("Coäng", "Vieät").
    tcvn3 = len(re.findall(r"[bcdghklmnpqrstvxBCDGHKLMNPQRSTVX®§][µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúûüþ]", sample))
    vni = len(re.findall(r"[aeoyuAEOYUôöÔÖ][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]", sample))
    if max(tcvn3, vni) / letters < 0.02:
        return None
    return "tcvn3" if tcvn3 >= vni else "vni"


def convert(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        table = str.maketrans(_maps()["tcvn3"])
        return text.translate(table)
    vni = _maps()["vni"]
    return _vni_regex().sub(lambda m: vni[m.group(0)], text)


def fix(text: str) -> tuple[str, str | None]:
    """The text in Unicode, and the legacy encoding it was in (None when it was not)."""
    encoding = detect(text)
    return (convert(text, encoding), encoding) if encoding else (text, None)
