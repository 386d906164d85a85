"""Agency names: find them in text, resolve them to one canonical body.

Why: a plan names the same body in many ways ("Sở Lao động - Thương binh và
Xã hội", "Sở LĐTBXH", "Sở LĐ-TB&XH"), and a researcher asks about the body,
not the spelling. The gazetteer (data/agencies.json) holds the bodies and
their variants; matching runs on a *length-preserving* folded copy of the
text (no diacritics, lower case, punctuation as spaces) so every match maps
back to exact character offsets in the original.

Levels: a body whose level depends on its place ("Hội Liên hiệp Phụ nữ
tỉnh", "Công an huyện") is resolved from the level word that follows the
name, else from the plan's own level.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from kehoach.corpus.normalise import fold_keep, tone_marks, trie_alternation  # noqa: F401  (fold_keep: re-exported)
from kehoach.data import load
from kehoach.extract.places import find_provinces, is_city_province

LEVELS = ("province", "district", "commune")

SECTORS = (
    "labour_social", "home_affairs", "justice", "finance", "planning_investment", "education", "health",
    "culture", "information", "police", "military", "ethnic_affairs", "statistics", "agriculture",
    "natural_resources", "industry_trade", "science_technology", "construction", "tourism", "inspectorate",
    "office", "media", "fatherland_front", "womens_union", "labour_federation", "youth_union", "farmers_union",
    "veterans_association", "party", "women_advancement_committee", "people_committee", "all_departments", "other",
)


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    sector: str
    level: str | None  # province | district | commune; None for an 'auto' entry not yet placed


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    agency: Agency


def _pattern(variant: str) -> str:
    words = fold_keep(variant).split()
    return r"\s+".join(re.escape(w) for w in words)


@dataclass
class _Entry:
    agency: Agency
    auto: bool
    needs_level_word: bool
    capital: bool  # the original must start with a capital letter (a proper name, not "công an các cấp")


class Gazetteer:
    """The bodies of data/agencies.json, compiled for matching."""

    def __init__(self, data: dict, provinces: list[str]):
        self.suffix = data["key_suffix"]
        self.entries: dict[str, _Entry] = {}
        self.variant_to_key: dict[str, str] = {}
        self.with_comma: set[str] = set()  # variants written with a comma ("Sở Văn hóa, Thể thao và Du lịch")
        self.display: dict[str, list[str]] = {}
        for item in data["agencies"]:
            auto = item["level"] == "auto"
            agency = Agency(item["key"], tone_marks(item["name"]), item["sector"], None if auto else item["level"])
            self.entries[item["key"]] = _Entry(agency, auto, item.get("needs_level_word", False), True)
            variants = []
            for v in item["variants"]:
                if "{province}" in v:
                    variants += [v.replace("{province}", p) for p in provinces]
                else:
                    variants.append(v)
            self.display[item["key"]] = variants
            for v in variants:
                folded = " ".join(fold_keep(v).split())
                self.variant_to_key.setdefault(folded, item["key"])
                if "," in v:
                    self.with_comma.add(folded)
        patterns = [(f"p{i}_{j}", pattern, item["key"]) for i, item in enumerate(data["agencies"])
                    for j, pattern in enumerate(item.get("patterns", []))]
        self.pattern_keys = {name: key for name, _, key in patterns}
        # one word-start test for all the patterns, not one for each (three times faster)
        self.pattern_regex = re.compile(r"(?<![a-z0-9])(?:" + "|".join(rf"(?P<{name}>{pattern})(?![a-z0-9])" for name, pattern, _ in patterns)
                                        + ")") if patterns else None
        self.outlet_keys = {" ".join(w.lower().split()): o["key"] for o in data.get("outlets", []) for w in o["words"]}
        self.outlet_regex = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(w) for o in data.get("outlets", []) for w in o["words"]) + r")(?=\s+\w)"
        ) if self.outlet_keys else None
        forms = data.get("unknown_forms", {})
        self.unknown_regex = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms["forms"], key=len, reverse=True))
                                        + r")(?=\s)") if forms.get("forms") else None
        self.place_forms = set(forms.get("place_forms", []))
        self.unknown_connectors = sorted(forms.get("connectors", []), key=len, reverse=True)
        self.unknown_stop = set(forms.get("stop_words", []))
        names = trie_alternation(" ".join(fold_keep(v).split()) for v in self.variant_to_key)
        self.regex = re.compile(r"(?<![a-z0-9])(" + names + r")(?![a-z0-9])")
        words = []
        for level, items in data["level_words"].items():
            for w in items:
                words.append((" ".join(fold_keep(w).split()), level))
        words.sort(key=lambda wl: len(wl[0]), reverse=True)
        self.level_words = words
        self.level_regex = re.compile(
            r"\s*(" + "|".join(_pattern(w) for w, _ in words) + r")(?![a-z0-9])"
        )
        self.level_of_word = dict(words)
        self.level_spelling: dict[str, set[str]] = {}  # folded level word -> how it is spelt ("quan" -> "quận")
        for items in data["level_words"].values():
            for w in items:
                self.level_spelling.setdefault(" ".join(fold_keep(w).split()), set()).add(" ".join(w.lower().split()))

    def level_at(self, text: str, folded: str, end: int) -> re.Match | None:
        """The level word right after a name, spelt as a level word: "quận", never "quản lý"; "tỉnh", never "tính" ("… chưa tính")."""
        lw = self.level_regex.match(folded, end)
        if not lw:
            return None
        written = " ".join(text[lw.start(1) : lw.end(1)].lower().split())
        key = " ".join(lw.group(1).split())
        # a text without its marks (a scan read badly, typed without accents) keeps its level words
        return lw if written in self.level_spelling[key] or written == key else None

    # -- matching ---------------------------------------------------------------------------------

    def placed(self, key: str, level: str | None) -> Agency:
        """The agency of an entry at a level (auto entries get a level suffix on their key)."""
        entry = self.entries[key]
        if not entry.auto:
            return entry.agency
        level = level or "province"
        return replace(entry.agency, key=f"{key}-{self.suffix[level]}", level=level)

    def unknown(self, text: str, known: list[Mention], *, default_level: str | None = None) -> list[Mention]:
        """Bodies named by their form that the gazetteer does not hold ("Ngân hàng Nhà nước khu vực 8", "Chi cục
        Hải quan khu vực V"), where no known name stands: sector 'other', keyed by their folded name."""
        if self.unknown_regex is None:
            return []
        known = [self._longer_unit(text, k) for k in known]
        out = []
        folded = fold_keep(text)
        for m in self.unknown_regex.finditer(text):
            if any(k.start <= m.start() < k.end for k in known) or any(o.start <= m.start() < o.end for o in out):
                continue
            if m.group(0) in self.place_forms and not (
                    (place := next(iter(find_provinces(text[m.end() : m.end() + 40])), None)) and not text[m.end() : m.end() + place[0]].strip()):
                continue  # "Viễn thông Gia Lai", not "Phòng Viễn thông và Công nghệ thông tin"
            end = self._unknown_end(text, m.end())
            if end is not None:  # a name cut inside a known one runs to its end ("Văn phòng Tỉnh" + "ủy")
                end = max([end] + [k.end for k in known if m.start() < k.start < end < k.end])
            if end is None or any(k.start < m.start() < k.end for k in known):
                continue
            # a known name inside a longer one is part of it: "Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"
            known = [k for k in known if not (m.start() < k.start and k.end <= end)]
            level = default_level or "province"
            lw = self.level_at(text, folded, end)  # "… hành chính công cấp xã": the level words end it
            if lw:
                end = lw.end(1)
                level = self.level_of_word[" ".join(lw.group(1).split())]
            name = text[m.start() : end]
            words = " ".join(fold_keep(name).split()).split()
            written = " ".join(name.lower().split()).split()
            for word, lvl in self.level_words:
                n = len(word.split())
                if not lw and " ".join(words[-n:]) == word and " ".join(written[-n:]) in self.level_spelling[word]:
                    level = lvl  # "… Chi cục Thống kê huyện"; not "… Viễn thông Quân" ("quân" is no "quận")
                    break
            key = "other/" + "-".join(words)
            out.append(Mention(m.start(), end, name, Agency(key, name, "other", level)))
        return sorted(known + out, key=lambda x: x.start)

    _UNIT_PREFIXES = ("Trung tâm ", "Chi cục ", "Trạm ", "Bệnh viện ")
    _LOWER_TAIL = re.compile(r"\s+((?:[a-zđà-ỹ]+\s+){0,2})(tỉnh|thành phố)(?!\w)")
    _DASH_TAIL = re.compile(r"\s*[-–]\s*[A-ZĐÀ-Ỹ]")

    def _longer_unit(self, text: str, k: Mention) -> Mention:
        """A unit the gazetteer holds under a shorter name, named in full: "Trung tâm Y tế dự phòng tỉnh" (the
        province's, not a district's "Trung tâm Y tế"), "Trung tâm Truyền thông - Giáo dục sức khỏe tỉnh" (a
        unit of its own, not the district's media centre)."""
        if not k.text.startswith(self._UNIT_PREFIXES):
            return k
        if (m := self._LOWER_TAIL.match(text, k.end)) and not set(m.group(1).split()) & _NOT_NAME_WORDS:
            level = self.level_of_word.get(" ".join(fold_keep(m.group(2)).split()), k.agency.level)
            base = _base_key(k.agency.key, self)
            agency = replace(k.agency, key=f"{base}-{self.suffix[level]}", level=level) if level != k.agency.level else k.agency
            return Mention(k.start, m.end(), text[k.start : m.end()], agency)
        if self._DASH_TAIL.match(text, k.end):
            words = list(re.finditer(r"[^\s,;:.()\[\]/“”\"]+", text[k.end : k.end + 120]))
            end = k.end
            for w in words[1:7]:  # the words after the dash, to punctuation or a word no name holds
                if w.group(0).lower() in _NOT_NAME_WORDS or text[k.end + end - k.end : k.end + w.start()].strip(" -–"):
                    break
                end = k.end + w.end()
            if end > k.end:
                lw = self.level_at(text, fold_keep(text), end)
                level = self.level_of_word[" ".join(lw.group(1).split())] if lw else k.agency.level
                name = text[k.start : end]
                key = "other/" + "-".join(" ".join(fold_keep(name).split()).split())
                return Mention(k.start, end, name, Agency(key, name, "other", level))
        return k

    def _unknown_end(self, text: str, pos: int) -> int | None:
        """Where the name after a form word ends: capitalised words, numbers, Roman numerals and connectors
        (unknown_forms.json), and up to two lower-case words where a capitalised one follows them."""
        tokens = list(re.finditer(r"[^\s,;:.()\[\]/“”\"]+", text[pos : pos + 160]))
        end, capital, pending = None, False, 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            gap = text[pos + (tokens[i - 1].end() if i else 0) : pos + tok.start()]
            if i and gap.strip() not in ("", "-", "–"):
                break
            word = tok.group(0)
            joined = " ".join(t.group(0).lower() for t in tokens[i : i + 3])
            conn = next((c for c in self.unknown_connectors if joined == c or joined.startswith(c + " ")), None)
            # a place word may close up to two lower-case words: "Trung tâm Phát triển quỹ đất thành phố"
            place = conn in ("tỉnh", "thành phố")
            if conn is not None and " " in conn and pending < (3 if place else 2):
                n = len(conn.split())  # "Thuế Thành phố": a connector of two words, whatever its capitals
                end = pos + tokens[i + n - 1].end()
                capital = capital or any(t.group(0)[0].isupper() for t in tokens[i : i + n])
                pending = 0  # the lower-case words before it are the name's ("Phục vụ hành chính công")
                i += n
            elif word in ("-", "–") and capital and i + 1 < len(tokens) and tokens[i + 1].group(0)[0].isupper():
                end, pending = pos + tokens[i - 1].end(), 0  # "Trung tâm Văn hóa - Thể thao": the name goes on
                i += 1
            elif word[0].isupper() or word[0].isdigit() or re.fullmatch(r"[IVXL]+", word):
                capital, pending = True, 0
                end = pos + tok.end()
                i += 1
            elif conn is not None:
                if pending > (2 if place else 1):
                    break  # "Chi cục Hải quan khu vực XI tăng cường công tác": lower-case words, then no name
                n = len(conn.split())
                end = pos + tokens[i + n - 1].end()
                pending = 0
                i += n
            elif word[0].islower() and pending < 3 and capital and word not in ("và", "với", "cùng", "hoặc") \
                    and word not in _NOT_NAME_WORDS:  # "Ủy ban nhân dân Thành phố giao Sở …": a verb ends the name
                pending += 1
                i += 1
            else:
                break
        if not capital or end is None:
            return None
        name = text[pos:end]
        while True:  # a connector never ends a name ("… và", "… các")
            words = name.split()
            if words and words[-1].lower() in self.unknown_stop:
                name = name[: name.rfind(words[-1])].rstrip(" -–")
                continue
            break
        return pos + len(name) if name.strip() and any(c.isupper() or c.isdigit() for c in name) else None

    def find(self, text: str, *, default_level: str | None = None) -> list[Mention]:
        folded = fold_keep(text)
        if ";" in text:  # a semicolon separates bodies, never joins a name: "… đoàn thể tỉnh; Ủy ban nhân dân …"
            folded = "".join("|" if c == ";" else f for c, f in zip(text, folded))
        mentions: list[Mention] = []
        for start, end, key in self._matches(folded, text):
            entry = self.entries[key]
            first = text[start]
            if first.isalpha() and not first.isupper() and not folded.startswith("cac ", start) \
                    and not any(c.isupper() for c in text[start:end]):
                # "công an các cấp", "thanh tra, kiểm tra": a common noun, not a body
                continue
            level = entry.agency.level
            lw = self.level_at(text, folded, end)
            word_level = self.level_of_word[" ".join(lw.group(1).split())] if lw else None
            if lw and (entry.auto or entry.agency.level is None):
                level = word_level
                end = lw.end(1)
            elif word_level == "commune" and entry.agency.level == "district":
                # "Phòng Kinh tế xã", "Phòng Văn hóa - Xã hội phường": after 2025 a commune has offices of its own
                end = lw.end(1)
                agency = replace(entry.agency, level="commune")
                mentions.append(Mention(start, end, text[start:end], agency))
                continue
            elif entry.needs_level_word:
                continue
            agency = self.placed(key, level or default_level)
            mentions.append(Mention(start, end, text[start:end], agency))
        mentions = self._outlets(text, mentions, default_level)
        mentions = self._elided(text, folded, mentions)
        return _merge_modifiers(mentions, text, self)

    _ELIDED = re.compile(r"(?<![a-z0-9])(?:cac\s+)?(?P<word>bo|so)(?:\s*,\s*(?:nganh|co\s+quan))*\s*:\s*")
    _ELIDED_LEVEL = {"bo": "central", "so": "province"}  # the level every body of the group word is at

    def _elided(self, text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
        """Ministries or departments listed after their shared word: "các Bộ: Giáo dục, Y tế", "Các Bộ, cơ quan:
        Tài chính, Xây dựng, Văn hóa, Thể thao và Du lịch, …", "Giám đốc các sở: Xây dựng, Giao thông vận tải,
        Công Thương" — each name is "Bộ " or "Sở " + the name (the longest run of comma-separated pieces that is
        one). The group's own mention ("các Bộ, cơ quan") gives way to the bodies it lists."""
        if ":" not in text or not ("bo" in folded or "so" in folded):
            return mentions
        folded = "".join(c if c in ",;:.()" else f for c, f in zip(text, folded))  # the list's punctuation back
        out = list(mentions)
        for m in self._ELIDED.finditer(folded):
            if m.start() and text[m.start() - 1].isalnum():
                continue
            pos, listed = m.end(), []
            while True:
                window = re.split(r"[;:.()]", folded[pos : pos + 160])[0]
                ends = [pos + w.end() for w in re.finditer(r"[a-z0-9&]+", window)][:12]
                best = None
                for end in reversed(ends):  # the longest run of words that names one body of the group
                    name = " ".join(re.sub(r"^\s*va\s+|[,]", " ", folded[pos:end]).split())
                    key = self.variant_to_key.get(m.group("word") + " " + name)
                    if key is not None and self.entries[key].agency.level == self._ELIDED_LEVEL[m.group("word")]:
                        best = (end, key)
                        break
                if best is None:
                    break
                start = pos + re.match(r"\s*(?:va\s+)?", folded[pos : pos + 20]).end()  # past a leading "và"
                listed.append(Mention(start, best[0], text[start : best[0]], self.entries[best[1]].agency))
                nxt = re.match(r"\s*(?:,\s*(?:va\s+)?|va\s+)", folded[best[0] :])
                if nxt is None:
                    break
                pos = best[0] + nxt.end()
            if listed:
                # the group word opens the first ministry's mention, so a sentence's subject starts there
                first = listed[0]
                listed[0] = Mention(m.start(), first.end, text[m.start() : first.end], first.agency)
                out = [x for x in out if not (m.start() <= x.start < m.end() or any(
                    y.start <= x.start < y.end for y in listed))] + listed
        return sorted(out, key=lambda x: x.start)

    def _outlets(self, text: str, mentions: list[Mention], default_level: str | None) -> list[Mention]:
        """Newspapers and magazines by their own names ("Báo Kinh tế và Đô thị", "Tạp chí Phụ nữ"): the word
        that opens them (agencies.json "outlets") and the capitalised words of the name."""
        if self.outlet_regex is None or not self.outlet_regex.search(text):
            return mentions
        taken = [(m.start, m.end) for m in mentions]
        added = []
        for m in self.outlet_regex.finditer(text):
            end = _name_end(text, m.end())
            if end is None or any(s < end and m.start() < e for s, e in taken):
                continue
            key = self.outlet_keys[" ".join(m.group(1).lower().split())]
            added.append(Mention(m.start(), end, text[m.start() : end], self.placed(key, self.entries[key].agency.level or default_level)))
        return sorted(mentions + added, key=lambda x: x.start) if added else mentions

    def _matches(self, folded: str, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of the variants found, and of the patterns where no longer variant stands.

        A name written without a comma never matches across one: "… đoàn thể tỉnh, Ủy ban nhân dân …" holds
        no "Tỉnh ủy"; the search goes on from the next word.
        """
        found = []
        pos = 0
        while (m := self.regex.search(folded, pos)) is not None:
            variant = " ".join(m.group(1).split())
            if "," in text[m.start(1) : m.end(1)] and variant not in self.with_comma:
                pos = m.start(1) + 1
                continue
            key = self.variant_to_key.get(variant)
            if key is not None:
                found.append((m.start(1), m.end(1), key))
            pos = m.end(1)
        if self.pattern_regex is None:
            return found
        for m in self.pattern_regex.finditer(folded):
            start, end = m.span(m.lastgroup)
            end = self._spelt_to(text, start, end)
            overlapping = [f for f in found if f[0] < end and start < f[1]]
            if all(start <= s and e <= end and e - s < end - start for s, e, _ in overlapping):
                found = [f for f in found if f not in overlapping] + [(start, end, self.pattern_keys[m.lastgroup])]
        return sorted(found)

    def _spelt_to(self, text: str, start: int, end: int) -> int:
        """Where a pattern's match ends once a level word it took by its folded letters is found spelt as another
        word: "UBND các huyện quán triệt" folds to "… huyen quan …", but "quán" is no "quận"."""
        for w in re.finditer(r"\S+", text[start:end]):
            word = w.group(0).strip(",;").lower()
            key = " ".join(fold_keep(word).split())
            if " " not in key and key in self.level_spelling and word != key and word not in self.level_spelling[key]:
                return start + len(text[start : start + w.start()].rstrip(" ,;"))
        return end

    # -- resolving a query ------------------------------------------------------------------------

    def candidates(self, query: str, *, limit: int = 5) -> list[tuple[Agency, float]]:
        """Bodies a user may mean by `query`: key, any spelling, no diacritics, abbreviation, typo."""
        from rapidfuzz import fuzz, process

        q = " ".join(fold_keep(query).split())
        if not q:
            return []
        scores: dict[str, float] = {}
        for key in self.entries:
            if q == key.replace("-", " ") or query.strip() == key:
                scores[key] = 100.0
        if q in self.variant_to_key:
            scores[self.variant_to_key[q]] = max(scores.get(self.variant_to_key[q], 0), 100.0)
        squashed = q.replace(" ", "")
        for variant, key in self.variant_to_key.items():
            if variant.replace(" ", "") == squashed:
                scores[key] = max(scores.get(key, 0), 99.0)
        for variant, score, _ in process.extract(q, list(self.variant_to_key), scorer=fuzz.WRatio, limit=25):
            key = self.variant_to_key[variant]
            if len(q) <= 4 and score < 95:
                continue
            scores[key] = max(scores.get(key, 0), float(score))
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:limit]
        return [(self.placed(k, None) if not self.entries[k].auto else self.entries[k].agency, s) for k, s in ranked]

    def lookup(self, text: str, *, default_level: str | None = None) -> Agency | None:
        """The body a name stands for, or None: exact variants first, then close typos."""
        mentions = self.find(text, default_level=default_level)
        if mentions:
            return mentions[0].agency
        from rapidfuzz import fuzz, process

        q = " ".join(fold_keep(text).split())
        best = process.extractOne(q, list(self.variant_to_key), scorer=fuzz.ratio, score_cutoff=90)
        if best is None:
            return None
        return self.placed(self.variant_to_key[best[0]], default_level)


def _name_end(text: str, pos: int) -> int | None:
    """Where a proper name that starts after pos ends: capitalised words, with up to two lower-case words
    between them ("Kinh tế và Đô thị"), and one after them where the list goes on ("Hà Nội mới,").
    None when the next word is not capitalised ("Báo cáo", "báo chí")."""
    words = list(re.finditer(r"[^\s,;:.()\[\]/]+", text[pos : pos + 120]))
    end, gap = None, 0
    for i, w in enumerate(words):
        if i and text[pos + words[i - 1].end() : pos + w.start()].strip():
            break  # punctuation ends the name
        if w.group(0)[0].isupper():
            end, gap = pos + w.end(), 0
        elif end is None:
            return None
        else:
            gap += 1
            if gap > 2:
                break
    if end is not None and words:
        after = re.match(r"\s+([^\s,;:.()\[\]/]+)(?=\s*(?:[,;:]|$))", text[end:])
        if after and after.group(1)[0].islower():
            end += after.end()
    return end


# lower-case words that end a body's name ("Trung tâm Y tế phối hợp tỉnh …" is no longer name)
_NOT_NAME_WORDS = frozenset(load("agencies")["unknown_forms"]["not_name_words"])

_OWNED_BY = re.compile(r"\s*\(?\s*(?:là\s+)?(?:(?:các\s+)?thành\s+viên(?:\s+của)?|(?:trực\s+)?thuộc)\s+")


def _merge_modifiers(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """A second name that qualifies the first, right after it: "Ban Vì sự tiến bộ của phụ nữ các sở, ban,
    ngành" (one body), "Ban Vì sự tiến bộ của phụ nữ các huyện, thị xã, thành phố" (the body at that level)."""
    out: list[Mention] = []
    for m in mentions:
        if out and _OWNED_BY.fullmatch(text[out[-1].end : m.start]):
            # "Các sở, ngành thành viên Ban Chỉ đạo", "Các sở, cơ quan thuộc UBND tỉnh": the second body says whose
            # the first is; it owes nothing itself
            prev = out[-1]
            base = _base_key(prev.agency.key, gazetteer)
            # whose units, at the owner's level: "… đơn vị thuộc UBND cấp xã", "… thành viên Hội đồng … huyện"
            owner_level = m.agency.level if m.agency.sector == "people_committee" or m.agency.level != prev.agency.level \
                and _base_key(m.agency.key, gazetteer) in gazetteer.entries \
                and gazetteer.entries[_base_key(m.agency.key, gazetteer)].auto else None
            agency = gazetteer.placed(base, owner_level) if owner_level and base in gazetteer.entries \
                and gazetteer.entries[base].auto else prev.agency  # "… đơn vị thuộc UBND cấp xã": the commune's
            end = m.end + 1 if text[prev.end : m.start].lstrip().startswith("(") and text[m.end : m.end + 1] == ")" else m.end
            out[-1] = Mention(prev.start, end, text[prev.start : end], agency)  # "… (thuộc Sở Công Thương)"
            continue
        if out and not text[out[-1].end : m.start].strip():
            prev = out[-1]
            units = m.agency.sector == "people_committee" and text[m.start : m.start + 4].lower() == "các "
            if m.agency.sector == "all_departments" or units and prev.agency.sector != "people_committee":
                base = _base_key(prev.agency.key, gazetteer)
                agency = gazetteer.placed(base, m.agency.level) if units and gazetteer.entries[base].auto else prev.agency
                out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], agency)
                continue
        out.append(m)
    return out


def _base_key(key: str, gazetteer: Gazetteer) -> str:
    """The entry a placed key comes from ("ban-vi-su-tien-bo-phu-nu-tinh" -> "ban-vi-su-tien-bo-phu-nu")."""
    if key in gazetteer.entries:
        return key
    for suffix in gazetteer.suffix.values():
        if key.endswith("-" + suffix) and key[: -len(suffix) - 1] in gazetteer.entries:
            return key[: -len(suffix) - 1]
    return key


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process: compiling ~500 variants takes a few milliseconds, not per document."""
    data = load("agencies")
    from kehoach.extract.places import province_names

    return Gazetteer(data, province_names())


# Whether the provincial People's Committee is a body that running text can give work to (agencies.json
# "table_bodies"): in its own documents it is the issuer, so its name is its own act or a partner ("tham mưu UBND
# tỉnh"); in a council's resolution ("Giao Ủy ban nhân dân Thành phố tổ chức thực hiện"), a central notice or a
# department's letter it is a body like any other. extract() sets it per document.
_ISSUER_BODIES = ContextVar("issuer_bodies_in_text", default=False)


@contextmanager
def issuer_bodies_in_text(on: bool):
    """Within the block, find_mentions also finds the bodies of agencies.json "table_bodies"."""
    token = _ISSUER_BODIES.set(on)
    try:
        yield
    finally:
        _ISSUER_BODIES.reset(token)


@cache
def table_bodies() -> list[tuple[Agency, re.Pattern]]:
    """(agency, pattern of its names) of agencies.json "table_bodies", compiled once."""
    out = []
    for body in load("agencies").get("table_bodies", {}).get("bodies", []):
        names = "|".join(re.escape(n) for n in sorted(body["names"], key=len, reverse=True))
        out.append((Agency(body["key"], body["names"][0], body["sector"], body["level"]),
                    re.compile(r"(?<!\w)(?:" + names + r")(?!\w)")))
    return out


@cache
def unit_forms() -> tuple[str, ...]:
    """The words a department's unit is named by ("Phòng ", "Trung tâm ", …: agencies.json "department_units")."""
    return tuple(f + " " for f in load("agencies")["department_units"]["forms"])


@cache
def _listed_forms() -> tuple[str, ...]:
    """Any body's form, lower-cased with its marks (folded, "Viên chức" would open like "Viện", "Trưởng đoàn"
    like "Trường")."""
    forms = load("agencies")["unknown_forms"]
    return tuple(f.lower() for f in unit_forms()) + tuple(f.lower() + " " for f in forms["forms"]
                                                          if f not in forms.get("place_forms", []))


def listed_bodies(value: str, *, default_level: str | None = None, issuer_bodies: bool | None = None) -> list[Mention]:
    """The bodies a list of bodies names (a "Đơn vị phối hợp:" label's value, a table's "Cơ quan chủ trì" cell): the
    ones find_mentions knows or tells by their form, and each other piece between commas and semicolons that
    opens with a body's form ("Phòng Thông tin - Báo chí - Xuất bản", "Ban quản lý rừng phòng hộ", "Các công ty
    TNHH MTV lâm nghiệp"): in a list of bodies nothing else stands, so the form is enough there (in running text
    "Phòng" opens "Phòng, chống …" as often, and a lower-case name ends nowhere)."""
    found = find_mentions(value, default_level=default_level, unknown=True, issuer_bodies=issuer_bodies)
    forms = _listed_forms()
    for piece in re.finditer(r"[^,;]+", value):
        start = piece.start() + len(piece.group(0)) - len(piece.group(0).lstrip(" *-+•"))
        name = value[start : piece.end()].strip().rstrip(".")
        end = start + len(name)
        lowered = re.sub(r"^các ", "", " ".join(name.lower().split()))  # "Các công ty TNHH MTV lâm nghiệp"
        # a name the form-and-capitals rule cut short ("Trung tâm Quan" of "Trung tâm Quan trắc tài nguyên và môi
        # trường"): in a list of bodies the whole piece is the name
        found = [m for m in found if not (m.agency.key.startswith("other/") and m.start == start and m.end < end)]
        if name[:1].isupper() and lowered.startswith(forms) and 2 <= len(name.split()) <= 12 \
                and not any(m.start < end and start < m.end for m in found):
            key = "other/" + "-".join(" ".join(fold_keep(name).split()).split())
            found.append(Mention(start, end, name, Agency(key, name, "other", default_level or "province")))
    return sorted(found, key=lambda m: m.start)


def issuer_bodies_named() -> bool:
    """Whether the document being read counts the People's Committee's own names as bodies (extract() sets it)."""
    return bool(_ISSUER_BODIES.get())


def find_mentions(text: str, *, default_level: str | None = None, unknown: bool = False,
                  issuer_bodies: bool | None = None) -> list[Mention]:
    """The bodies a text names; with `unknown`, also those named by their form that the gazetteer lacks; with
    `issuer_bodies` (by default: as extract() set it for the document), the People's Committee's names too."""
    extra = _ISSUER_BODIES.get() if issuer_bodies is None else issuer_bodies
    return list(_find(text, default_level, unknown, extra))


@lru_cache(maxsize=4096)
def _find(text: str, default_level: str | None, unknown: bool, issuer_bodies: bool = False) -> tuple[Mention, ...]:
    """Why cached: the rules ask about the same heading or sentence several times (its owner, its subject, its
    partners); mentions are frozen, so the answers can be shared."""
    g = gazetteer()
    found = g.find(text, default_level=default_level)
    if issuer_bodies:
        for agency, names in table_bodies():
            for m in names.finditer(text):
                if not any(f.start < m.end() and m.start() < f.end for f in found):
                    found.append(Mention(m.start(), m.end(), m.group(0), agency))
        found.sort(key=lambda x: x.start)
    found = _named_committees(text, found)
    if unknown:
        found = _units_of(text, _branches(text, g.unknown(text, found, default_level=default_level)))
        # an unknown unit's owner after it: "Trung tâm Phát triển quỹ đất thành phố (thuộc Sở Tài nguyên và Môi trường)"
        found = _merge_modifiers(found, text, g) if any(m.agency.key.startswith("other/") for m in found) else found
    return tuple(found)


# "UBND huyện Hòa Vang", "Ủy ban nhân dân thành phố Vũng Tàu", "UBND xã Phú Lương": one People's Committee, by its
# place's name (capitalised words), at the level its unit word says
_UNIT_LEVEL = load("agencies")["place_units"]["units"]
_NAMED_COMMITTEE = re.compile(
    r"(?<!\w)(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?P<unit>" + "|".join(sorted(_UNIT_LEVEL, key=len, reverse=True))
    + r")\s+(?P<name>[A-ZĐÀ-Ỹ][^\s,;:.()]*(?:\s+[A-ZĐÀ-Ỹ0-9][^\s,;:.()]*){0,3})")


def _named_committees(text: str, found: list[Mention]) -> list[Mention]:
    """People's Committees named by their place ("UBND huyện Hòa Vang, UBND quận Liên Chiểu …"): the gazetteer
    holds the groups ("UBND các huyện"), not every place; a city that is a province ("UBND thành phố Hà Nội") is the
    province's."""
    out = list(found)
    for m in _NAMED_COMMITTEE.finditer(text):
        if any(k.start < m.end() and m.start() < k.end for k in found):
            continue
        name = m.group("name")
        unit = m.group("unit")
        level = "province" if unit == "thành phố" and is_city_province(name) else _UNIT_LEVEL[unit]
        key = f"ubnd-{level}/" + "-".join(" ".join(fold_keep(f"{unit} {name}").split()).split())
        agency = Agency(key, f"UBND {unit} {name}", "people_committee", level)
        out.append(Mention(m.start(), m.end(), text[m.start() : m.end()], agency))
    return sorted(out, key=lambda x: x.start)


_UNIT_OWNERS = ("people_committee", "all_departments", "office", "other")  # bodies whose units are no unit of theirs


def _units_of(text: str, found: list[Mention]) -> list[Mention]:
    """A unit named with its body in brackets right after it, "Phòng Phổ biến, giáo dục pháp luật (Sở Tư pháp)",
    "Ban Tuyên giáo (Hội LHPN tỉnh)": one body, the unit, at its body's level (extract gives it its body's field).
    Its name runs back from the bracket to the nearest unit form ("Phòng", "Ban" …, agencies.json
    department_units) and may hold a comma; a body the gazetteer holds under that name ("Ban Tuyên giáo" of the
    party) is the unit's name here."""
    out = list(found)
    forms = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f.strip()) for f in unit_forms()) + r")\s+(?=[A-ZĐÀ-Ỹ])")
    for parent in found:
        before = text[max(0, parent.start - 90) : parent.start]
        if parent.agency.sector in _UNIT_OWNERS or not before.rstrip().endswith("(") \
                or not text[parent.end :].lstrip().startswith(")"):
            continue
        opening = len(before.rstrip()) - 1 + max(0, parent.start - 90)
        starts = [m.start() for m in forms.finditer(text, max(0, parent.start - 90), opening)]
        if not starts:
            continue
        start = starts[-1]
        name = text[start:opening]
        inside = [m for m in out if start <= m.start < opening]
        if re.search(r"[.;:()]", name) or len(name.split()) > 10 or any(
                m.end > opening or m.agency.sector not in ("party", "other") for m in inside):
            continue  # a sentence, a list of bodies or a body of its own before the bracket
        end = text.index(")", parent.end) + 1
        name = " ".join(text[start:end].split())
        key = "other/" + "-".join(" ".join(fold_keep(text[start:opening]).split()).split()) + "-" + parent.agency.key
        unit = Mention(start, end, text[start:end], Agency(key, name, "other", parent.agency.level))
        out = [m for m in out if not (start <= m.start < end)] + [unit]
    return sorted(out, key=lambda m: m.start)


_BRANCH = re.compile(r"\s*[-–]\s*")


def _branches(text: str, found: list[Mention]) -> list[Mention]:
    """A central body's branch written after its name, "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Thanh Hóa":
    one body, in the central body's field, at the branch's level (the province)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.agency.level == "central" and m.text.lower().startswith("chi nhánh") \
                and _BRANCH.fullmatch(text[prev.end : m.start]):
            agency = replace(prev.agency, key=prev.agency.key + "-chi-nhanh", level=m.agency.level or "province")
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], agency)
            continue
        out.append(m)
    return out


def lookup(text: str, *, default_level: str | None = None) -> Agency | None:
    return gazetteer().lookup(text, default_level=default_level)


def candidates(query: str, limit: int = 5) -> list[tuple[Agency, float]]:
    return gazetteer().candidates(query, limit=limit)


def by_key(key: str) -> Agency | None:
    g = gazetteer()
    if key in g.entries:
        return g.entries[key].agency
    for base, entry in g.entries.items():
        for level, suffix in g.suffix.items():
            if entry.auto and key == f"{base}-{suffix}":
                return g.placed(base, level)
    return None


def successors(key: str) -> list[dict]:
    """What became of a body in the 2025 reform (agencies.json "lineage"): [{"to", "since", "took"}], empty for
    a body that lived on. Keys of a body at several levels are looked up through their base entry."""
    lineage = load("agencies").get("lineage", {})
    return list(lineage.get(key) or lineage.get(_base_key(key, gazetteer())) or [])


def at_level(agency: Agency, level: str) -> Agency:
    """The same body at another level, where its entry exists at every level ('auto'); else unchanged."""
    g = gazetteer()
    base = _base_key(agency.key, g)
    return g.placed(base, level) if base in g.entries and g.entries[base].auto else agency


def by_sector(sector: str) -> list[Agency]:
    return [e.agency for e in gazetteer().entries.values() if e.agency.sector == sector]
