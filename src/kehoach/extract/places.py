"""Provinces and districts: names, types, and the 2025 merger.

Why: a plan says where it is from in many ways ("UBND tỉnh Hà Tĩnh",
"Quảng Bình, ngày …", "huyện Trùng Khánh"), and a researcher follows a
province across years — including across the 2025 merger of 63 provinces
into 34. data/places.json is built by scripts/build_places.py from the
administrative-unit data underthesea ships; aliases kehoach adds live here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from kehoach.corpus.normalise import fold_keep, tone_marks
from kehoach.data import load

# Names a plan may use that the unit list spells otherwise.
ALIASES = load("places").get("aliases", {})  # names a plan may use that the unit list spells otherwise


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(tone_marks(json.dumps(load("places"), ensure_ascii=False)))


@lru_cache(maxsize=1)
def province_names() -> list[str]:
    """Every province name, before and after 2025 (without "tỉnh"/"thành phố")."""
    names = {p["name"] for p in _data()["provinces_before_2025"]} | set(_data()["provinces_after_2025"])
    return sorted(names)


def province_types() -> dict[str, str]:
    return {p["name"]: p["type"] for p in _data()["provinces_before_2025"]}


def after_2025(province: str | None) -> str | None:
    """The province a pre-2025 province belongs to after the merger (itself when unchanged)."""
    if not province:
        return None
    province = ALIASES.get(province, province)
    for p in _data()["provinces_before_2025"]:
        if p["name"] == province:
            return p["after_2025"]
    return province if province in _data()["provinces_after_2025"] else None


def before_2025(province: str) -> list[str]:
    """The pre-2025 provinces that make up a province after the merger ("Tây Ninh" -> Long An, Tây Ninh)."""
    return [p["name"] for p in _data()["provinces_before_2025"] if p["after_2025"] == province]


def districts(province: str) -> list[dict]:
    return _data()["districts"].get(ALIASES.get(province, province), [])


@lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern, dict[str, str]]:
    names = {fold_keep(n).strip(): n for n in province_names()}
    for alias, name in ALIASES.items():
        names[" ".join(fold_keep(alias).split())] = name
    ordered = sorted(names, key=len, reverse=True)
    pattern = r"(?<![a-z0-9])(" + "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in ordered) + r")(?![a-z0-9])"
    return re.compile(pattern), {" ".join(k.split()): v for k, v in names.items()}


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every province name in text, capitalised as a name."""
    regex, names = _province_regex()
    out = []
    for m in regex.finditer(fold_keep(text)):
        if text[m.start(1)].isupper():
            out.append((m.start(1), m.end(1), names[" ".join(m.group(1).split())]))
    return out


def canonical_province(name: str) -> str | None:
    """The province a name stands for, in any case or without diacritics ("quang binh" -> "Quảng Bình")."""
    found = find_provinces(name) or find_provinces(name.title())
    return found[0][2] if found else None


def province_of_district(name: str) -> str | None:
    """The province a district belongs to, when only one has a district of that name."""
    found = [p for p, ds in _data()["districts"].items() if any(d["name"] == name for d in ds)]
    return found[0] if len(found) == 1 else None


def find_district(text: str, province: str | None = None) -> str | None:
    """The district named after "huyện"/"thị xã"/"quận"/"thành phố" in text, checked against the list (whatever kind
    the list gives it now)."""
    candidates = districts(province) if province else [d for ds in _data()["districts"].values() for d in ds]
    folded = fold_keep(text)
    best = None
    for d in candidates:
        name = " ".join(fold_keep(d["name"]).split())
        # a district's kind changes over the years ("huyện Kim Bảng" became "thị xã Kim Bảng"): any kind names it
        words = r"\s+".join(map(re.escape, name.split()))
        m = re.search(r"(?<![a-z0-9])(?:huyen|thi xa|quan|thanh pho)\s+" + words + r"(?![a-z0-9])", folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), d["name"])
    return best[1] if best else None


def is_city_province(name: str) -> bool:
    """Whether a province is a centrally-run city ("thành phố Hà Nội", "thành phố Huế"): its "UBND thành phố" is the
    province's, where "UBND thành phố Bạc Liêu" is the provincial capital's, a district."""
    return province_types().get(canonical_province(name) or "") == "thành phố"
