"""Who must do what: one record per (body, task).

The genre's rules (../shared/gold/README.md), in the order this module
applies them:

- Duties live in the implementation part ("TỔ CHỨC THỰC HIỆN", "Phân công
  nhiệm vụ") and the reporting part ("CHẾ ĐỘ BÁO CÁO"); the content part is
  not a list of duties. A document with neither part (a letter) is read
  whole, but only headings that name a body count there.
- A heading that names bodies owns the bullets and paragraphs under it
  until the next heading of the same or a higher level; each bullet is one
  task; a heading with prose and no bullets is one task; a heading naming
  several bodies gives each of them the same tasks.
- In the reporting part (and in paragraphs of the implementation part that
  sit under no body's heading) a sentence is a task when its subject names
  a body.
- "Đề nghị …" headings: the issuer asks rather than orders (`requested`).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache

from kehoach.corpus.normalise import fold_keep
from kehoach.data import load
from kehoach.extract.agencies import Agency, Mention, at_level, find_mentions, issuer_bodies_named, lookup
from kehoach.extract.places import find_provinces
from kehoach.extract.structure import _RESET, Node, Outline, sections_data
from kehoach.model import Assignment, Document, Metadata

# what may stand between the bodies that are the subject of one sentence ("Sở Y tế, Sở Giáo dục và Đào tạo và
# các cơ quan liên quan"): punctuation and the words of sections.json "subject_connectors"
_CONNECTOR = re.compile(
    r"^[\s,;:.()–-]*(?:(?:" + "|".join(sorted((re.escape(w).replace("\\ ", r"\s+") for w in sections_data()["subject_connectors"] + sections_data()["head_titles"]),
                                             key=len, reverse=True)) + r")\b[\s,;:.()–-]*)*", re.I)
_VERBS = re.compile(r"(?<!\w)(chủ trì|phối hợp|tham mưu|thực hiện|triển khai|báo cáo|tổ chức thực hiện)(?!\w)")  # no name holds one
_STRIP_BULLET = re.compile(r"^\s*(?:[-–+•*▪●◦]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s*|(?:Điều|ĐIỀU)\s+\d+\s*[.:]?\s*"
                           r"|(?:Bước|BƯỚC)\s+\d{1,2}\s*[.:)]\s*)")


def _folded(text: str) -> str:
    return " ".join(fold_keep(text).split())


@cache
def _phrases(*keys: str) -> list[str]:
    data = sections_data()
    for key in keys:
        data = data[key]
    return [_folded(p) for p in data]


def role_of(text: str) -> str:
    folded = _folded(text)
    lead = sections_data()["roles"]["lead"]
    if any(folded.startswith(_folded(p)) for p in lead["starts"]) or any(_folded(p) in folded for p in lead["contains"]):
        return "lead"
    if any(folded.startswith(_folded(p)) for p in sections_data()["roles"]["support"]["starts"]):
        return "support"
    return "own"


def _phrase_at_start(text: str, key: str) -> bool:
    """The text opens with one of the phrases: "Trên đây là Kế hoạch …" closes a plan, it gives no duty."""
    folded = _folded(text[:80])
    return any(folded.startswith(p) for p in _phrases(key))


def _opens_with_words(text: str, key: str) -> bool:
    """The text opens with one of the phrases as whole words ("phí" is no "phiên", "tầng 1" no "tăng")."""
    folded = _folded(text[:80])
    return any(folded == p or folded.startswith(p + " ") for p in _phrases(key))


def _worded(text: str) -> bool:
    """Whether a text reads as a task: two words in lower-case letters at least, and not only a member's post
    ("Trưởng ban", "Ủy viên" in a list of a committee's members). Codes and catalogue leftovers ("x 1.004662",
    "B4", "A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH") are no tasks."""
    if sum(1 for w in text.split() if re.search(r"[a-zà-ỹđ]", w)) < 2:
        return False
    return not (len(text.split()) <= 4 and _folded(text).strip(" .;:,") in _phrases("member_posts"))


def _closing_formula(text: str) -> bool:
    """A short text that ends with a notice's closing formula ("… thông báo để UBND tỉnh Điện Biên và các Bộ
    liên quan biết, thực hiện./."): it tells who receives the notice, and gives no work of its own."""
    folded = _folded(text[-60:]).rstrip(" ./")
    return len(text.split()) <= 25 and any(folded.endswith(_folded(p)) for p in _phrases("closing_formulas"))


def _phrase_in(text: str, key: str) -> bool:
    folded = _folded(text)
    return any(p in folded for p in _phrases(key))


@cache
def _prefix_regex(kind: str) -> re.Pattern:
    """The phrases of one kind as one pattern, in their data order (the first that matches wins, as before)."""
    return re.compile(r"\s*(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in _phrases(kind)) + r")\s*")


def _requested_prefix(text: str, kind: str = "requested") -> int:
    """Length of a leading "Đề nghị" (or, with kind="assigning", "Giao"); 0 when none."""
    m = _prefix_regex(kind).match(fold_keep(text[:80]))
    return m.end() if m else 0


def _gives_here(text: str) -> bool:
    """A text that opens by giving or asking work ("Giao …", "Đề nghị …")."""
    return _requested_prefix(text) > 0 or _requested_prefix(text, "assigning") > 0


def _gives(text: str) -> bool:
    """A sentence that gives or asks work at its start, or after its purpose ("Để bảo đảm việc thu lệ phí …, đề
    nghị các Thuế tỉnh, thành phố …")."""
    return _gives_here(text) or _purpose_end(text) > 0


def _given_by_role(text: str, level: str) -> bool:
    """A letter's paragraph that names a body and its role, no "Giao" before it: "Bộ Khoa học và Công nghệ chủ
    trì, phối hợp với …" (sections.json "letter_duty_openings")."""
    bodies = subject_bodies(text, default_level=level)
    rest = " ".join(_folded(text[bodies[-1].end : bodies[-1].end + 60]).split()) if bodies else ""
    return any(rest.startswith(p) for p in _phrases("letter_duty_openings"))


def _after_commas(text: str, limit: int = 300):
    """Where the text goes on after each comma outside brackets in its first `limit` characters (spaces skipped):
    the places an opening clause (a purpose, a ground, a time) may end."""
    depth = 0
    for i, ch in enumerate(text[:limit]):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            yield i + 1 + len(text[i + 1 :]) - len(text[i + 1 :].lstrip())


def _gives_after_ground(text: str) -> bool:
    """A sentence that gives work after the time or ground it opens with ("Trên cơ sở kết quả rà soát, UBND tỉnh
    giao Sở …"): in a paragraph of several sentences, a duty of its own."""
    # the ground may hold commas of its own: "Theo đề xuất của Sở A, Sở B, UBND thành phố giao …"
    return _opens_with_adverbial(_folded(text[:80])) and any(_gives_here(text[at:]) for at in _after_commas(text))


_PURPOSE = re.compile(r"\s*(?:\*\*)?(?:Để|ĐỂ|Nhằm|NHẰM)\s")  # "Để bảo đảm …, ", "Nhằm kịp thời hỗ trợ …, "


def _purpose_end(text: str) -> int:
    """Where a sentence's opening purpose clause ("Để bảo đảm …, ") ends: after its first comma outside brackets,
    when the work is given right there; 0 when it opens otherwise. ("Để" folds as "Đề nghị" does, so it is
    matched with its marks, not among the folded leading phrases.)"""
    if not _PURPOSE.match(text):
        return 0
    return next((at for at in _after_commas(text) if _gives_here(text[at:])), 0)


def _given_by_name(text: str, level: str) -> list[Mention]:
    """The bodies a heading gives work to by name alone, its items being the work: "1. Giao Giám đốc Sở Tư pháp"
    over "- Cập nhật …", "- Chủ trì …"."""
    if ":" in text or not _gives(text):
        return []  # ("Giao các cơ quan, đơn vị:" leads in to items that name their own bodies)
    bodies = subject_bodies(text, default_level=level, bare=True)
    return bodies if bodies and not text[bodies[-1].end :].strip(" .;,") else []


def _without_places(text: str) -> str:
    for start, end, _ in reversed(find_provinces(text)):
        text = text[:start] + " " + text[end:]
    return text


def heading_bodies(title: str, *, default_level: str | None) -> tuple[list[Mention], bool]:
    """The bodies a heading names, when the heading is nothing but their names.

    Returns (mentions, requested). A heading with other words ("Kinh phí",
    "Sở Y tế chủ trì tổ chức …") names no body as its owner.
    """
    skip = _requested_prefix(title)
    requested = skip > 0
    skip = skip or _requested_prefix(title, "assigning")  # "1. Giao Sở Lao động - Thương binh và Xã hội:" over items
    # a closing parenthesis qualifies the body, it names no owner: "Công an tỉnh (Phòng Cảnh sát hình sự)",
    # "Sở Lao động - Thương binh và Xã hội (cơ quan thường trực Ban Vì sự tiến bộ của phụ nữ tỉnh)"
    rest = re.sub(r"\s*\([^()]*\)\s*$", "", title[skip:])
    if len(rest) > 400:  # a heading that is nothing but names is never this long
        return [], requested
    mentions = find_mentions(rest, default_level=default_level, unknown=True)
    if not mentions:
        listed = _listed_in_parenthesis(title[skip:], rest, default_level) or _group(rest, default_level)
        return [Mention(m.start + skip, m.end + skip, m.text, m.agency) for m in listed], requested and bool(listed)
    mentions = _qualified(mentions, rest)
    # "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, …": the bodies after a role
    # word are its partners, not owners of the heading
    role_at = re.search(r"(?<![a-z])(?:chu tri|phoi hop)(?![a-z])", fold_keep(rest))
    if role_at and any(m.start < role_at.start() for m in mentions) and _only_partners(rest, role_at.end(), mentions):
        mentions = [m for m in mentions if m.start < role_at.start()]
        rest = rest[: role_at.end()]
    # a group among the names ("… Chủ tịch UBND các xã, phường và các chủ đầu tư:", "7. Các công ty TNHH MTV lâm
    # nghiệp, Ban quản lý rừng phòng hộ:"): each piece between commas, "và" and the names that is a group is a body
    for piece in re.finditer(r"[^,;]+", rest):
        start, end = piece.start(), piece.end()
        over = [m for m in mentions if m.start < end and start < m.end]
        if over:  # what follows the names in the piece ("… phường và các chủ đầu tư")
            start = min(end, max([start] + [m.end for m in over]))
            start += len(re.match(r"\s*(?:và\s+)?", rest[start:end]).group(0))
        mentions += [Mention(g.start + start, g.end + start, g.text, g.agency) for g in _group(rest[start:end], default_level)]
    mentions.sort(key=lambda m: m.start)
    leftover = []
    pos = 0
    for m in mentions:
        leftover.append(rest[pos : m.start])
        pos = m.end
    leftover.append(rest[pos:])
    leftover = [_without_places(part) for part in leftover]  # "Đài Phát thanh và Truyền hình Hà Nội": the body's place
    words = _folded(" ".join(leftover)).split()
    fillers = set(" ".join(_phrases("heading_fillers") + _phrases("head_titles")).split())  # "Giám đốc Sở Y tế:" names the body
    extra = [w for w in words if w not in fillers]
    lead = _folded(rest[: mentions[0].start]).split()
    if "phoi hop" in " ".join(lead):  # "a) Chủ trì, phối hợp với các sở, ngành, UBND các xã": the partners of
        return [], requested              # the body above, under a heading that gives its role
    if len(extra) > 2 or any(w not in fillers for w in lead):  # "Thường trực Ban …": only fillers before the name
        return [], requested
    cut = re.match(r"\s*[,;]\s*(\w)", rest[mentions[-1].end :])
    if cut and cut.group(1).isupper():
        return [], requested  # "Sở LĐTBXH, Cục" / "Sở Nội vụ; Các": a list the line cuts off (a table cell read as lines)
    shifted = [Mention(m.start + skip, m.end + skip, m.text, m.agency) for m in mentions]
    return shifted, requested


def _only_partners(text: str, at: int, mentions: list[Mention]) -> bool:
    """Whether what follows a heading's role words is nothing but the bodies it works with ("… phối hợp với Sở
    Nông nghiệp và Môi trường, Ủy ban nhân dân các phường, xã"), not a sentence's predicate."""
    tail, pos, parts = text[at:], at, []
    for m in mentions:
        if m.start >= at:
            parts.append(text[pos : m.start])
            pos = m.end
    parts.append(text[pos:])
    words = _folded(_without_places(" ".join(parts))).split()
    allowed = set(" ".join(_phrases("heading_fillers") + _phrases("subject_connectors")).split()) | {"chu", "tri", "phoi", "hop"}
    return bool(tail.strip()) and all(w in allowed for w in words)


def _qualified(mentions: list[Mention], text: str) -> list[Mention]:
    """A body named after "thuộc"/"trực thuộc" qualifies the one before it: "các phòng, ban, đơn vị thuộc UBND
    cấp xã" is one owner, the units, at the level of the body they belong to."""
    links = _phrases("qualifying_links")
    out: list[Mention] = []
    for m in mentions:
        if out and _folded(text[out[-1].end : m.start]) in links:
            prev = out[-1]
            agency = prev.agency
            if agency.sector == "all_departments" and m.agency.level and m.agency.level != agency.level:
                agency = at_level(agency, m.agency.level)
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], agency)
            continue
        out.append(m)
    return out


@cache
def _group_forms() -> tuple[str, ...]:
    return tuple(_folded(f) for f in load("agencies").get("group_forms", {}).get("forms", []))


def _group(rest: str, default_level: str | None) -> list[Mention]:
    """A heading that is a group of bodies outside the state's own ("Các doanh nghiệp viễn thông"): agencies.json
    "group_forms"; the heading's whole text is the group, sector 'other'."""
    name = rest.strip(" :.")
    folded = _folded(name)
    if not any(folded == f or folded.startswith(f + " ") for f in _group_forms()) or len(name.split()) > 14 \
            or _VERBS.search(name.lower()) or re.search(r"[.;]", name):
        return []
    start = rest.index(name)
    key = "other/" + "-".join(folded.split())
    return [Mention(start, start + len(name), name, Agency(key, name, "other", default_level or "province"))]


def _listed_in_parenthesis(title: str, rest: str, default_level: str | None) -> list[Mention]:
    """A group named by its role, with its bodies listed in a parenthesis: "Các cơ quan đăng ký đầu tư (Sở Tài
    chính, Ban quản lý Khu Kinh tế …)". The bodies listed are the heading's; nothing else may stand in it."""
    m = re.search(r"\(([^()]*)\)\s*$", title)
    if not m or not _folded(rest).startswith("cac ") or len(rest.split()) > 8:
        return []
    inner = m.group(1)
    listed = find_mentions(inner, default_level=default_level, unknown=True)
    if not listed:
        return []
    leftover = inner
    for x in reversed(listed):
        leftover = leftover[: x.start] + leftover[x.end :]
    if re.sub(r"[\s,;.]|\bvà\b", "", _without_places(leftover)):
        return []
    return [Mention(x.start + m.start(1), x.end + m.start(1), x.text, x.agency) for x in listed]


def _topic_end(text: str) -> int:
    """Where the sentence starts after a topic label that ends with a colon: "Về hỗ trợ kinh phí thực hiện dự án
    …: Giao Bộ Tài chính chủ trì …" (conclusions and replies to a province's requests); 0 when none. The label
    is only skipped when the work is given right after it ("Giao …", "Đề nghị …") or a body opens it."""
    folded = _folded(text[:300])
    if not any(folded.startswith(p + " ") for p in _phrases("topic_labels")):
        # any short label that names no body: "1. Khen thưởng cấp Nhà nước: Sở Nội vụ phối hợp …"
        colon = text.find(":", 0, 100)
        named = find_mentions(text[:colon], default_level=None) if colon >= 0 and len(text[:colon].split()) <= 16 else []
        # a label may name bodies as whose a thing is: "3. Giấy khen của Thủ trưởng các cơ quan, đơn vị; Chủ tịch
        # UBND xã, phường: Các Sở, ban, ngành … quy định số lượng khen thưởng …"
        owned = bool(named) and named[0].start > 0 and _possessed(text[: named[0].start])
        if colon < 0 or len(text[:colon].split()) > (16 if owned else 10) or named and not owned \
                or _opens_with_words(text[:colon], "non_duty_labels"):
            return 0  # "Đối tượng: Các sở, ban, ngành …" says whom a text concerns, not who must act
    depth = 0
    for i, ch in enumerate(text[:300]):
        depth += (ch == "(") - (ch == ")")
        if ch == ":" and depth == 0:
            end = i + 1 + len(text[i + 1 :]) - len(text[i + 1 :].lstrip())
            rest = text[end:]
            if _gives(rest) or (rest[:1].isupper() and find_mentions(rest[:120], default_level=None, unknown=False)
                                and find_mentions(rest[:120], default_level=None, unknown=False)[0].start == 0):
                return end
            return 0
    return 0


def _possessed(before: str) -> bool:
    """Whether the words before a body make it an owner of a thing ("Giấy khen của", "… của Thủ trưởng")."""
    folded = _folded(before)
    return any(folded.endswith(t) for t in ["cua"] + ["cua " + h for h in _phrases("head_titles")])


def _opens_with_adverbial(folded: str) -> bool:
    """A folded text that opens with a time or a condition ("Định kỳ …", "Trên cơ sở …": sections.json)."""
    return any(folded.startswith(p) for p in _phrases("leading_adverbials"))


def subject_bodies(text: str, *, default_level: str | None, bare: bool = False) -> list[Mention]:
    """Bodies named as the subject at the start of a sentence ("Sở Y tế chịu trách nhiệm …"); why cached: the
    rules ask it of the same sentence several times (is it given work, by whom, who leads it)."""
    return list(_subject_bodies(text, default_level, bare, issuer_bodies_named()))


@lru_cache(maxsize=8192)
def _subject_bodies(text: str, default_level: str | None, bare: bool, _issuer_bodies: bool) -> tuple[Mention, ...]:
    # (the document's setting for the People's Committee's names is part of the key: find_mentions reads it)
    return tuple(_find_subject(text, default_level=default_level, bare=bare))


def _find_subject(text: str, *, default_level: str | None, bare: bool = False) -> list[Mention]:
    """The subject at the start of a sentence ("Sở Y tế chịu trách nhiệm …").

    "Giao Sở Tài chính bố trí kinh phí" names its body after the verb that
    assigns the work: the body is still the subject of the duty. With bare, a
    name with no predicate counts too (a heading "1. Giao Giám đốc Sở Tư pháp").
    """
    topic = _topic_end(text) or _purpose_end(text)
    if not topic and _PURPOSE.match(text):
        return _subject_after_purpose(text, default_level)
    rest = text[topic:]
    skip = topic + (_requested_prefix(rest) or _requested_prefix(rest, "assigning")) if topic else \
        _requested_prefix(text) or _requested_prefix(text, "assigning")
    folded = _folded(text[:150])
    # the subject opens the sentence: bodies named further on ("… phối hợp với Sở Y tế …") are never it
    mentions = find_mentions(text[: topic + 400], default_level=default_level, unknown=True)
    if not skip and _opens_with_adverbial(folded) and "," in text[:150]:
        # "Định kỳ 6 tháng (trước ngày 10/6) và hằng năm, các sở, ban, ngành báo cáo …": the subject follows the
        # time the sentence opens with; the time may hold commas of its own ("Định kỳ hằng quý, 6 tháng (…) và
        # năm (…), các sở …"): the subject starts after the first comma that a body follows
        depth, cut, last = 0, None, None
        for i, ch in enumerate(text[:150]):
            depth += (ch == "(") - (ch == ")")
            if ch == "," and depth == 0:
                if last is not None and not _opens_with_adverbial(_folded(text[last:i])) \
                        and (any(last < m.start < i for m in mentions)
                             or any(_folded(text[last:i]).lstrip().startswith(p) for p in _phrases("duty_openings"))):
                    # the time is over, a predicate names bodies: "Hằng năm, phối hợp với Sở …, Trung tâm …", or
                    # has begun: "Căn cứ Kế hoạch này, tham mưu UBND huyện, thành phố và Ban Thường vụ Hội …"
                    break
                last = i + 1
                if cut is None:
                    cut = i + 1
                if _gives_here(text[i + 1 :].lstrip()):  # "Đối với công tác bồi thường, giải phóng mặt bằng,
                    cut = i + 1 + len(text[i + 1 :]) - len(text[i + 1 :].lstrip())  # Chủ tịch UBND tỉnh giao Sở …"
                    break
                nxt = next((m for m in mentions if m.start > i), None)
                if nxt is not None and _CONNECTOR.fullmatch(text[i + 1 : nxt.start]) is not None:
                    cut = i + 1
                    break
        skip = cut or 0
        if skip:  # "Trên cơ sở kết quả …, giao Sở Y tế thành lập đoàn …": the work given after the time
            rest = text[skip:]
            skip += _requested_prefix(rest) or _requested_prefix(rest, "assigning")
    subject, pos = _subject_chain(text, mentions, skip)
    if not subject and _opens_with_adverbial(folded) and (then := _THEN.search(text, 0, 600)):
        # "Trong thời gian …, nếu các quy định … khác với …, thì Giám đốc Sở Y tế có trách nhiệm chủ trì …": the
        # subject of a condition's main clause
        subject, pos = _subject_chain(text, find_mentions(text[: then.end() + 300], default_level=default_level,
                                                          unknown=True), then.end(), first_at=then.end())
    if subject and not bare and len(text[pos:].split()) < 3:
        return []  # a name with no predicate: a table cell or a broken line, not a sentence
    if subject and (asked := _asked_after(text, pos)):
        # "Sở Y tế đề nghị Sở Thông tin và Truyền thông chỉ đạo …": the body asked, not the one asking, owes the work
        inner = subject_bodies(text[asked:], default_level=default_level, bare=bare)
        return [dataclasses.replace(m, start=m.start + asked, end=m.end + asked) for m in inner] or subject
    return subject


def _asked_after(text: str, pos: int) -> int:
    """Where a body's request or order starts right after its name ("… đề nghị …", "… giao …"), or 0."""
    at = pos + len(text[pos:]) - len(text[pos:].lstrip(" ,"))
    return at if _gives_here(text[at : at + 60]) else 0


def _is_request(text: str) -> bool:
    """Whether a sentence asks rather than orders: "Đề nghị …" at its start or after its purpose, or a body's "Sở Y
    tế đề nghị …"."""
    if _requested_prefix(text[_purpose_end(text) :]) > 0:
        return True
    named = find_mentions(text[:200], default_level=None)
    chain, pos = _subject_chain(text, named, 0, first_at=0) if named else ([], 0)
    at = _asked_after(text, pos) if chain else 0
    return bool(at) and _requested_prefix(text[at:]) > 0


_THEN = re.compile(r"(?<!\w)thì\s+")


def _subject_after_purpose(text: str, default_level: str | None) -> list[Mention]:
    """The subject after a purpose clause of several commas: "Để nâng cao hiệu lực, hiệu quả quản lý …, tăng cường
    …, các Sở, ngành, UBND cấp xã … triển khai thực hiện những nội dung sau:" — the first comma after which bodies
    open a duty ends the clause (a list the clause names, "Để hỗ trợ Sở Y tế, Sở Tài chính trong …", opens none)."""
    for start in _after_commas(text):
        subject = subject_bodies(text[start:], default_level=default_level)
        if subject and _opens_a_duty(text[start + subject[-1].end :]):
            return [dataclasses.replace(m, start=m.start + start, end=m.end + start) for m in subject]
    return []


def _subject_chain(text: str, mentions: list[Mention], pos: int, first_at: int | None = None) -> tuple[list[Mention], int]:
    """The bodies named one after another from `pos` (joined by connectors, "và", places), and where they end;
    with `first_at`, the first must start right there."""
    subject: list[Mention] = []
    for m in mentions:
        if m.start < pos:
            continue
        gap = text[pos : m.start]
        if subject:  # the place a name ends with: "Đài Phát thanh và Truyền hình Sóc Trăng, Cổng Thông tin …"
            place = next((p for p in find_provinces(gap) if not gap[: p[0]].strip()), None)
            gap = gap[place[1] :] if place else gap
        elif first_at is not None:
            gap = _folded(gap)
            if gap and gap not in _phrases("head_titles"):
                break  # "thì Giám đốc Sở Y tế": a head's title may stand before the body
            gap = ""
        if _CONNECTOR.fullmatch(gap) is None:
            break
        subject.append(m)
        pos = m.end
    return subject, pos


def issuing_department(metadata: Metadata | None) -> Agency | None:
    """The body that issued a plan of its own (a department's plan, "…/KH-SLĐTBXH"), not a People's Committee."""
    if not metadata or not metadata.issuer or metadata.issuer.startswith(("UBND", "Ủy ban")):
        return None
    agency = lookup(metadata.issuer, default_level=metadata.level)
    return agency if agency and agency.sector not in ("people_committee", "all_departments") else None


def division_heading(title: str, department: Agency) -> Mention | None:
    """A division of the issuing department named by a heading ("Phòng Bình đẳng giới và Trẻ em", "Thanh tra
    Sở"): the department's own units owe the duties of its plan, under its sector and level."""
    skip = _requested_prefix(title)
    name = re.sub(r"\s*\([^()]*\)\s*$", "", title[skip:]).strip(" :.")
    words = name.split()
    whole = _folded(name) in _phrases("divisions")  # "Thanh tra Sở", "Văn phòng Sở": the unit's whole name
    if not 2 <= len(words) <= 12 or not whole and not any(_folded(name).startswith(w + " ") for w in _phrases("divisions")):
        return None
    if not whole and not words[1][:1].isupper() or _VERBS.search(name.lower()):
        return None  # "Phòng, chống bạo lực gia đình", "Phòng ngừa …": a duty, not a unit
    key = department.key + "/" + re.sub(r"[^a-z0-9]+", "-", _folded(name)).strip("-")
    start = skip + title[skip:].index(name)
    return Mention(start, start + len(name), name, Agency(key, name, department.sector, department.level))


def _heading_role(title: str) -> str | None:
    """The role a body's heading gives all its items: "Nội dung Sở Dân tộc và Tôn giáo có trách nhiệm chủ trì"
    (lead), "… có trách nhiệm phối hợp" (support); None when the heading names no role."""
    folded = _folded(title)
    if re.search(r"(?<![a-z])chu tri(?![a-z])", folded):
        return "lead"
    if re.search(r"(?<![a-z])phoi hop(?![a-z])", folded):
        return "support"
    return None


_DELEGATION = re.compile(r"(?i)(?<!\w)(?:phân\s+cấp|ủy\s+quyền|uỷ\s+quyền)(?:\s+thẩm\s+quyền|\s+nhiệm\s+vụ)?\s+cho\s+")


def _delegated_to(title: str, level: str) -> list[Mention]:
    """"Ủy ban nhân dân tỉnh phân cấp thẩm quyền cho Sở Tư pháp …:" over the powers it hands down: the body
    after "cho" owns them (the gold answers count powers handed down as duties)."""
    m = _DELEGATION.search(title)
    if not m:
        return []
    found = find_mentions(title[m.end() : m.end() + 150], default_level=level, unknown=True)
    if not found or found[0].start > 2:
        return []
    first = found[0]
    return [Mention(first.start + m.end(), first.end + m.end(), first.text, first.agency)]


_FUNCTIONS_OF = re.compile(r"(?i)chức\s+năng,?\s+nhiệm\s+vụ,?\s+(?:và\s+)?quyền\s+hạn(?:,?\s+(?:và\s+)?cơ\s+cấu\s+tổ\s+chức)?"
                           r"\s+của\s+")


def _functions_of(text: str, level: str) -> Mention | None:
    """The body whose functions, duties and powers a regulation sets ("Quy định chức năng, nhiệm vụ, quyền hạn và
    cơ cấu tổ chức của Sở Tư pháp tỉnh Hà Tĩnh"): its article "Nhiệm vụ và quyền hạn" lists that body's duties,
    item by item, without naming it again. The body the text names so most often (its grounds cite others')."""
    counts: dict[str, list[Mention]] = {}
    for m in _FUNCTIONS_OF.finditer(text):
        names = find_mentions(text[m.end() : m.end() + 120], default_level=level)
        if names and names[0].start == 0:
            counts.setdefault(names[0].agency.key, []).append(names[0])
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2 or len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
        return None
    return next((m for m in ranked[0] if not m.text.isupper()), ranked[0][0])


def _execution_clause(node: Node, title: str) -> bool:
    """The clause that has everyone execute the decision ("Chánh Văn phòng …, Giám đốc các sở … chịu trách nhiệm thi
    hành Quyết định này", "Quyết định này có hiệu lực …"), as an article's sentence or an item; never a heading
    that only names it ("Điều 4. Trách nhiệm thi hành" over "1. Sở Tư pháp: a) Chủ trì …")."""
    if "thi hành" not in title and "hiệu lực" not in title or not _phrase_in(title, "execution_clause"):
        return False  # (the plain test first: most lines name no execution at all)
    if any(_gives(rest) for rest in re.split(r"\.\s+", title)[1:]):
        return False  # "… có hiệu lực kể từ ngày ký. Giao Sở Giáo dục và Đào tạo chủ trì …": a duty follows
    folded = _folded(title)
    if "co trach nhiem" in folded and "thi hanh quyet dinh" not in folded and "chiu trach nhiem thi hanh" not in folded:
        return False  # "Trong thời gian Quyết định này có hiệu lực thi hành, nếu …, thì Giám đốc Sở Y tế có trách nhiệm …"
    sentence = len(title.split()) > 8
    return sentence and (node.style == "article" or "chiu trach nhiem thi hanh" in folded or "co hieu luc" in folded
                         or "thi hanh quyet dinh" in folded)


def _opens_a_duty(rest: str) -> bool:
    """What follows a sentence's subjects opens a duty ("chủ trì, phối hợp …", "là cơ quan đầu mối …", "có trách
    nhiệm …": sections.json "duty_openings"), not a list of criteria or a table's leftover cells."""
    folded = _folded(re.sub(r"^[\s,;:()]*(?:(?:và|các|cấp \w+|tỉnh|thành phố)\s+)*", "", rest)[:80])
    # "Các cơ quan, đơn vị, địa phương, doanh nghiệp căn cứ …": nouns that end the list of subjects
    tail = re.match(r"(?:[\s,]*(?:va\s+)?(?:cac\s+)?(?:" + "|".join(_phrases("subject_tail_nouns"))
                    + r")(?![a-z])(?:\s+(?:co\s+)?lien\s+quan)?)*[\s,]*", folded)  # "… và các đơn vị có liên quan"
    folded = folded[tail.end() :] if tail else folded
    return any(folded.startswith(p) for p in _phrases("duty_openings"))


def _no_duty_of_its_own(sentence: str, bodies: list[Mention]) -> bool:
    """A sentence that names its bodies only to introduce the duties after it ("… tập trung thực hiện tốt các
    nhiệm vụ sau:", sections.json "lead_in_endings") or to have them carry the document out ("… triển khai thực
    hiện./.", "… nghiêm túc thực hiện Chỉ thị này": "generic_predicates")."""
    if sentence.rstrip(" *").endswith(":"):
        end = " ".join(_folded(sentence.rstrip(" *")[-40:]).split())
        if any(end.endswith(" " + e) for e in _phrases("lead_in_endings")):
            return True
    predicate = " ".join(_folded(sentence[bodies[-1].end :]).split())
    obj = next((o for o in _generic_objects() if predicate.endswith(" " + o)), None)
    return (predicate[: -len(obj) - 1] if obj else predicate) in _phrases("generic_predicates", "predicates")


@cache
def _generic_objects() -> list[str]:
    """The objects a closing request may name ("Kế hoạch này", "các nội dung trên"), longest first."""
    return sorted(_phrases("generic_predicates", "objects"), key=len, reverse=True)


_PLACE_DATE_LINE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


def _letterhead_end(text: str, metadata: Metadata | None) -> int:
    """Where the letterhead ends: the end of the line that holds the document's number, when it stands near the top.
    A capitals line above it ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN") is the issuer's name, never a heading that
    owns the lines under it."""
    span = metadata.extra.get("number_span") if metadata else None
    if not span or span[0] > 3000:  # no number, or one read from an annex ("Kèm theo Quyết định số …")
        return 0
    end = text.find("\n", span[0])
    end = end if end >= 0 else len(text)
    # a party or union letterhead puts its motto ("ĐOÀN TNCS HỒ CHÍ MINH") after the number: through the date line
    date = _PLACE_DATE_LINE.search(text, end, end + 400)
    return text.find("\n", date.end()) if date and text.find("\n", date.end()) >= 0 else end


def _outside_no_duty_parts(outline: Outline) -> list[Node]:
    """The lines that stand under no "Mục đích, yêu cầu", "Căn cứ …", "Phạm vi điều chỉnh" … heading: no duties
    there. Parents come before their children, so each line asks its parent once."""
    phrases = _phrases("no_duty_parts")
    inside: dict[int, bool] = {}
    for n in outline.nodes:
        own = False
        if not n.is_para and not n.is_bullet and n.style not in ("arabic3", "arabic4", "letter"):
            body = outline.body(n)[:100]
            folded = _folded(body)
            # "II. MỤC ĐÍCH, YÊU CẦU" is such a part; "6. Yêu cầu Chủ tịch UBND các xã, thị trấn:" gives work
            own = len(folded) <= 80 and any(folded.startswith(p) for p in phrases) \
                and not find_mentions(body, default_level=None)
        inside[n.index] = own or (n.parent is not None and inside.get(n.parent, False))
    return [n for n in outline.nodes if not inside[n.index]]


def _clean(text: str) -> str:
    return " ".join(_STRIP_BULLET.sub("", text, count=1).split())


def _task_span(outline: Outline, node: Node) -> tuple[int, int]:
    return node.body_start, node.end


def _tasks_under(outline: Outline, heading: Node, owned: set[int], default_level: str) -> list[list[Node]]:
    """The tasks a body heading owns: each bullet one task, or all its prose as one.

    A child that is itself a body's heading ("* Đề nghị Hội Liên hiệp Phụ nữ
    tỉnh" with bullets of its own) is left for that body.
    """
    children = []
    for i in heading.children:
        n = outline.nodes[i]
        if i in owned:
            continue
        if n.children and not n.is_para and heading_bodies(outline.body(n).rstrip(" :."), default_level=default_level)[0]:
            continue
        children.append(n)
    def item(n: Node) -> bool:
        # a bullet, a lettered item, or a number under the heading's own ("1.1." under "1. Sở …", "1." under
        # "Điều 20. Văn phòng UBND tỉnh" or a bold body heading)
        return n.is_bullet or n.style == "letter" or n.style.startswith("arabic") and (
            heading.style.startswith("arabic") and n.style > heading.style
            or heading.style in ("article", "part", "upper", "roman", "bold"))

    # an unnumbered sub-heading that names no body ("Tăng cường truyền thông" over its bullets) is no owner:
    # its bullets stay the heading's tasks
    children = [d for n in children for d in ([n] if n.style != "bold" else [outline.nodes[i] for i in n.children])]
    children = [n for n in children if not (n.is_para and _phrase_at_start(outline.body(n), "closing_phrases"))]
    bullets = [n for n in children if item(n)]
    prose = [n for n in children if n.is_para]
    if bullets:
        tasks: list[list[Node]] = []
        for n in children:
            if item(n):
                tasks += _item_tasks(outline, n, owned, default_level)
            elif n.is_para and not outline.body(n).rstrip().endswith(":"):
                tasks.append([n])
        return tasks
    if len(prose) > 1 and all(outline.body(n).rstrip().endswith((".", ";")) for n in prose):
        return [[n] for n in prose]  # paragraphs that each end a duty: bullets whose marks were lost
    if prose:
        return [prose]
    return []


def _item_tasks(outline: Outline, item: Node, owned: set[int], default_level: str) -> list[list[Node]]:
    """An item under a body's heading and the bullets and lettered items below it, each one task. A numbered
    sub-title over items ("2.1. Trách nhiệm chung") is no task itself; a sub-heading naming another body
    ("a) Sở Nông nghiệp và Môi trường" with items of its own) is left, whole, for that body."""
    body = outline.body(item)
    if item.children and heading_bodies(body.rstrip(" :."), default_level=default_level)[0]:
        return []
    title = item.children and item.style.startswith("arabic") and len(body.split()) <= 12 \
        and not re.search(r"[.;]\W*$", body.strip())
    # "a) Chủ trì, phối hợp với các sở, ngành, UBND các xã" over bullets: the role of the items below, no task
    title = title or item.children and _opens_with_words(body, "role_subheadings") and not re.search(r"[.;]\W*$", body.strip())
    # an item's unnumbered follow-on paragraphs ("Trường hợp …", "Khi đánh giá …") are part of its text
    follow = [outline.nodes[i] for i in item.children if outline.nodes[i].is_para and i not in owned
              and _opens_with_words(outline.body(outline.nodes[i]), "continuation_openings")]
    # "a) Tham mưu, giúp Ủy ban nhân dân tỉnh:" over paragraphs that each end a duty (bullets whose marks were
    # lost): the lead-in is no task, each paragraph is one
    paras = [outline.nodes[i] for i in item.children if outline.nodes[i].is_para and i not in owned]
    if body.rstrip().endswith(":") and paras and not follow \
            and all(outline.body(p).rstrip().endswith((".", ";", ",")) for p in paras):
        return [[p] for p in paras] + [t for i in item.children if i not in owned and not outline.nodes[i].is_para
                                       for t in _item_tasks(outline, outline.nodes[i], owned, default_level)]
    tasks = [] if title else [[item] + follow]
    for i in item.children:
        child = outline.nodes[i]
        if i in owned or not (child.is_bullet or child.style == "letter" or child.style.startswith("arabic")):
            continue
        tasks += _item_tasks(outline, child, owned, default_level)
    return tasks


def _recipients(outline: Outline, default_level: str) -> set[int]:
    """Lines that name bodies without giving them duties: a letter's "Kính gửi:" list and the
    "Nơi nhận:" distribution list with the signature, up to the next document (a plan a
    decision issues, an annex)."""
    out: set[int] = set()
    nodes = outline.nodes
    for i, node in enumerate(nodes):
        if _folded(outline.body(node)).startswith("noi nhan"):
            for nxt in nodes[i:]:
                if nxt.index != node.index and _RESET.match(outline.title(nxt)):
                    break
                out.add(nxt.index)
        folded = _folded(outline.body(node))
        # "Kính gửi:", and a dispatch's "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN điện:" over its addressees
        if not (folded.startswith("kinh gui") or len(folded) < 120 and folded.endswith(" dien")
                and outline.body(node).rstrip(" *").endswith(":")):
            continue
        for nxt in nodes[i + 1 :]:
            body = outline.body(nxt).strip().rstrip(";.,")
            if not (nxt.is_bullet or heading_bodies(body, default_level=default_level)[0]) \
                    or nxt.style.startswith(("arabic", "letter", "roman")):
                break  # the list ends where numbered duties begin
            out.add(nxt.index)
    return out


def extract_assignments(doc: Document, outline: Outline, metadata: Metadata | None = None,
                        skip: set[int] | None = None) -> list[Assignment]:
    """Every (body, task) the text rules read (labelled tasks and tables have their own modules): articles that
    give work, headings that name bodies with their items, items and sentences whose subject is a body."""
    reader = _Reader(doc, outline, metadata, skip or set())
    reader.articles()
    for node in reader.scoped:
        reader.node(node)
    return reader.assignments


class _Reader:
    """One document's text rules and what they share: the lines already read (`owned`), the issuing
    department's divisions, the records so far. Each rule is a method; `emit` writes every record."""

    def __init__(self, doc: Document, outline: Outline, metadata: Metadata | None, skip: set[int]):
        self.doc, self.outline, self.metadata = doc, outline, metadata
        level = (metadata.level if metadata else None) or "province"
        self.level = "province" if level == "central" else level
        # gold rules v2: duties are read wherever a body is given one, not in the objectives, the legal grounds or
        # the scope (sections.json "no_duty_parts"); outside the implementation and reporting parts a sentence is
        # a duty only as an item ("1. Sở Y tế chủ trì …", "- UBND các xã …") whose subject is not the issuer
        self.scoped = _outside_no_duty_parts(outline)
        self.issuer = lookup(metadata.issuer, default_level=metadata.level) if metadata and metadata.issuer else None
        # no implementation part (a letter, a directive): its reporting sentences are read as a letter's
        self.whole = not any(n.part == "implementation" for n in outline.nodes)
        self.letter = bool(metadata and metadata.doc_type in ("Công văn", "Chỉ thị"))  # they give duties item by item
        # a letter or notice that conveys conclusions gives work in the middle of its paragraphs: "Tiến độ … còn
        # chậm …. Để bảo đảm …, UBND thành phố giao UBND huyện Hòa Vang chủ trì …. Sở Tài nguyên và Môi trường …"
        self.conveys = self.whole and bool(metadata and metadata.doc_type in sections_data()["conveying_types"])
        self.assignments: list[Assignment] = []
        self.recipients = _recipients(outline, self.level)  # lines under them are no recipient's
        self.owned: set[int] = self.recipients | skip  # skip: lines other rules read (labelled tasks, table rows)
        self.department = issuing_department(metadata)
        self.letterhead_end = _letterhead_end(doc.text, metadata)
        self.functions_of = _functions_of(doc.text, self.level)
        self.divisions: dict[str, Agency] = {}  # folded name -> the unit, as headings name them
        if self.department:  # "Các thành viên Ban", "Thường trực Ban" in the Ban's own plan: the issuer
            word = _folded(self.department.name).split()[0]
            for form in sections_data()["issuer_short_forms"]:  # "các thành viên {w}": {w} the issuer's first word
                self.divisions[_folded(form.replace("{w}", word))] = self.department

    def emit(self, bodies: list[Mention], requested: bool, nodes: list[Node], *, text: str | None = None, span=None,
             rule: str = "heading_task", role: str | None = None) -> None:
        outline = self.outline
        end = self.metadata.extra.get("document_end") if self.metadata else None
        if end is not None and text is None:  # the site's text after the document is no task's
            nodes = [n for n in nodes if n.start < end]
            if not nodes:
                return
        if span is None:
            span = (nodes[0].body_start, nodes[-1].end)
        if text is None:
            text = " ".join(_clean(outline.title(n)) for n in nodes)
        if not _worded(text) or _opens_with_words(text, "not_a_task") or _closing_formula(text):
            return  # a stray mark ("- *"), a code, an address, a fee, a time limit, a notice's closing: no task
        section_node = outline.nodes[nodes[0].parent] if nodes[0].parent is not None else nodes[0]
        own_sectors = {b.agency.sector for b in bodies}
        partners = []
        for m in find_mentions(text, default_level=self.level):
            if m.agency.sector not in own_sectors and m.agency.sector not in partners:
                partners.append(m.agency.sector)
        role = role if role and role_of(text) == "own" else role_of(text)
        if role == "own" and rule in ("sentence_subject", "article", "group_item_subject", "heading_glued"):
            # "Sở Tài chính chủ trì, phối hợp …", "Giao Sở … chủ trì …": the body the sentence names leads it
            subject = subject_bodies(text, default_level=self.level)
            if subject and _folded(text[subject[-1].end :]).lstrip(" ,").startswith("chu tri"):
                role = "lead"
        seen: set[str] = set()
        for body in bodies:
            if body.agency.sector == "all_departments" and body.agency.key in seen:
                continue  # "Giám đốc các sở, Thủ trưởng các ban, ngành": one group named twice is one body
            seen.add(body.agency.key)  # (two boards one entry holds, "Ban quản lý Khu Kinh tế …", "… Khu công nghiệp", are two)
            self.assignments.append(Assignment(
                agency=body.text.strip(" ,;:"), agency_key=body.agency.key, sector=body.agency.sector,
                agency_level=body.agency.level,  # a commune's own offices: extract._commune_offices
                text=text, span=span, requested=requested, partners=partners,
                role=role,
                section=section_node.path, section_title=_clean(outline.title(section_node))[:200],
                page=self.doc.page_at(span[0]), rule=rule,
                part=nodes[0].part if nodes[0].part in ("implementation", "reporting") else "content"))

    def articles(self) -> None:
        """Rule "article": an article of a decision that gives a body work ("Điều 2. Giao Sở … chủ trì …"); never
        the clause that has everyone execute the decision ("… căn cứ Quyết định thi hành")."""
        for node in self.outline.nodes:
            body = self.outline.body(node)
            if node.style != "article" or node.index in self.owned or body.rstrip().endswith(":"):
                continue  # ("… sau đây:" introduces the duties, it is none)
            bodies = [] if _phrase_in(body, "execution_clause") else subject_bodies(body, default_level=self.level)
            if bodies and _no_duty_of_its_own(_sentences(body)[0][1], bodies):
                bodies = []  # "Điều 10. Trưởng các phòng, ban, ngành …, Chủ tịch UBND các xã … có trách nhiệm tổ chức
                #              thực hiện Quy chế này. …": the regulation's execution, no duty of its own
            if bodies:
                self.owned.add(node.index)
                self.emit(bodies, _requested_prefix(body) > 0, [node], rule="article")
                continue
            # "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Giao Sở Giáo dục và Đào tạo chủ trì …":
            # a later sentence that gives work is a duty of its own
            for start, sentence in _sentences(body)[1:]:
                bodies = subject_bodies(sentence, default_level=self.level) if _gives(sentence) else []
                if bodies:
                    self.owned.add(node.index)
                    offset = node.body_start + start
                    self.emit(bodies, _is_request(sentence), [node], text=" ".join(sentence.split()),
                              span=(offset, offset + len(sentence)), rule="article")

    def node(self, node: Node) -> None:
        outline = self.outline
        title = outline.body(node)
        # after its numbered duties, a letter asks for reports in sentences of their own ("Đề nghị các sở, ngành …
        # báo cáo kết quả về Sở … trước ngày 20/11"): a sentence whose subject is a body and that asks a report
        report_request = bool(self.letter and self.whole and node.is_para and self.assignments
                              and node.start > self.assignments[0].span[0] and _phrase_in(title, "report_request"))
        if node.index in self.owned or node.is_para and node.parent is not None and node.parent in self.owned \
                and node.parent not in self.recipients and not report_request and not self._gives_under_article(node) \
                and not (self.letter and self._own_paragraph(title)):  # a letter's next "Giao …" after "Giao X:" and its items
            return
        if _execution_clause(node, title) or node.style == "article" and self._split_execution(node, title):
            # "Điều 4. Chánh Văn phòng …; Giám đốc các sở: …, … chịu trách nhiệm thi hành Quyết định này": no duty,
            # whatever colons and names it holds, nor anything under it
            # (a paragraph under it that gives work, "Giao Văn phòng UBND tỉnh chủ trì …", is still read)
            self.owned.update([node.index] + [n.index for n in outline.descendants(node)
                                              if not (n.is_para and (_requested_prefix(outline.body(n)) > 0
                                                                     or _requested_prefix(outline.body(n), "assigning") > 0))])
            return
        if not node.is_para and node.start >= self.letterhead_end and self.heading(node, title):
            return
        self.sentence(node, title, report_request)

    def _own_paragraph(self, text: str) -> bool:
        """A letter's paragraph that gives work of its own, whatever the "Giao X:" and items before it: "Giao …",
        "Đề nghị …", "Bệnh viện … có trách nhiệm …" (a body and its role); never the closing "UBND tỉnh yêu cầu Thủ
        trưởng các sở … nghiêm túc thực hiện", which its heading's rule reads."""
        return _requested_prefix(text) > 0 or _opens_with_words(text, "giving_openings") or _given_by_role(text, self.level)

    def _gives_in_a_sentence(self, text: str) -> bool:
        """Whether a sentence of a paragraph gives work: "Giao …", "…, UBND thành phố giao …", "Sở Xây dựng chủ
        trì, …" (a body and its role)."""
        return any(_gives(x) or _gives_after_ground(x) or _given_by_role(x, self.level) for _, x in _sentences(text))

    def _split_execution(self, node: Node, title: str) -> bool:
        """An execution clause the copy broke at its semicolons: "Điều 4. Chánh Văn phòng UBND tỉnh, Giám đốc các
        sở;" / "Giám đốc: Trung tâm …;" / "Chủ tịch UBND các xã … chịu trách nhiệm thi hành Quyết định này./."."""
        if not title.rstrip().endswith((";", ",")):
            return False
        parts = [title]
        for i in node.children:
            child = self.outline.nodes[i]
            if not child.is_para:
                return False
            parts.append(self.outline.body(child))
            if not parts[-1].rstrip().endswith((";", ",")):
                break
        return len(parts) > 1 and _execution_clause(node, " ".join(parts))

    def _under_article(self, node: Node) -> bool:
        """A paragraph right under a decision's article ("Điều 2. …" / "Sở Nông nghiệp và Môi trường chủ trì …"):
        a decision gives work in its articles' paragraphs as in their items."""
        parent = self.outline.nodes[node.parent] if node.parent is not None else None
        return bool(parent is not None and parent.style == "article")

    def _gives_under_article(self, node: Node) -> bool:
        """A paragraph that gives work ("Giao …", "Đề nghị …") right under an article, or whose subject is a body
        with a duty ("Văn phòng UBND tỉnh có trách nhiệm chủ trì …"): its own duty, whatever the article says
        ("Điều 2. Quyết định này có hiệu lực … / Giao Văn phòng UBND tỉnh chủ trì …")."""
        if not (node.is_para and self._under_article(node)):
            return False
        body = self.outline.body(node)
        if _gives(body):
            return True
        subject = subject_bodies(body, default_level=self.level)
        return bool(subject) and _opens_a_duty(body[subject[-1].end :]) and not (
            self.issuer is not None and subject[0].agency.key == self.issuer.key)

    def owner(self, node: Node, title: str) -> tuple[list[Mention], bool, str | None]:
        """The bodies a heading names (or a division of the issuing department), whether it asks rather than
        orders, and the task on its own line after a colon ("2. Sở Nội vụ: Chủ trì …")."""
        bodies, requested = heading_bodies(title.rstrip(" :."), default_level=self.level)
        name = _folded(bodies[0].text) if len(bodies) == 1 else ""
        if name and node.part not in ("implementation", "reporting") and not requested and any(
                name == f or name.startswith(f + " ") for f in _group_forms() if not f.startswith("cac ")):
            bodies = []  # "9. Doanh nghiệp số" among a plan's tasks is a topic; "Các doanh nghiệp", or any group in
            #              the implementation part, is the businesses themselves
        skip = _requested_prefix(title)  # offsets of fold_keep are the title's own
        if not bodies and self.department and _folded(title[skip:].rstrip(" :.")) in self.divisions:
            name = title[skip:].rstrip(" :.")  # "Các thành viên Ban", "Đề nghị Thường trực Ban"
            bodies, requested = [Mention(skip, skip + len(name), name, self.divisions[_folded(name)])], skip > 0
        if not bodies and self.department and node.part == "implementation" and node.children:
            unit = division_heading(title.rstrip(" :."), self.department)
            if unit is not None:
                bodies, requested = [unit], _requested_prefix(title) > 0
                self.divisions[_folded(unit.text)] = unit.agency
        if not bodies and self.functions_of and node.children and _opens_with_words(title.rstrip(" :."), "functions_headings"):
            bodies = [self.functions_of]  # "Điều 2. Nhiệm vụ và quyền hạn" of the body whose functions the text sets
        inline = None
        if not bodies and ":" in title[:120]:
            colon = title.index(":")
            first = find_mentions(title[: colon + 200], default_level=self.level)[:1] \
                if re.search(r"(?i)\b(?:bộ|sở)\b", title[:colon]) else []
            if first and first[0].start < colon < first[0].end:
                return [], False, None  # "Các Bộ, cơ quan: Tài chính, Xây dựng, … khẩn trương …": a list, no label
            head, _, tail = title.partition(":")
            bodies, requested = heading_bodies(head, default_level=self.level)
            if not bodies and self.department and node.part == "implementation":
                unit = division_heading(head, self.department)  # "2. Thanh tra Sở: Phối hợp với Chi cục …"
                bodies, requested = ([unit], _requested_prefix(head) > 0) if unit else ([], False)
            inline = tail.strip()
        return bodies, requested, inline

    def heading(self, node: Node, title: str) -> bool:
        """Rules "heading_task" and "body_colon": a heading that names bodies owns its items, each a task, or its
        prose as one; a task after its colon is one more. True when the node was a body's heading."""
        bodies, requested, inline = self.owner(node, title)
        lead_in = False
        if not bodies and any(self.outline.nodes[i].is_bullet or self.outline.nodes[i].style == "letter"
                              or node.style == "article" and self.outline.nodes[i].style.startswith("arabic")
                              for i in node.children):
            # "1. Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì …, cụ thể:" over bullets: the
            # sentence's subject owns them; the sentence is a task of its own unless it only leads in (":")
            bodies = _subject_or_division(title, self.divisions, self.level, self.department)
            if not bodies or self.issuer is not None and bodies[0].agency.key == self.issuer.key \
                    or not _opens_a_duty(title[bodies[-1].end :]):
                bodies = _given_by_name(title, self.level) or _delegated_to(title, self.level)
            if not bodies:
                return False
            requested, lead_in = _requested_prefix(title) > 0, True
        if not bodies:
            return False
        self.owned.add(node.index)
        # a lead-in that first gives work of its own ("1. Giao Sở … là cơ quan đầu mối, chủ trì, hướng dẫn thực hiện Đề
        # án …; tổ chức thực hiện các nhiệm vụ sau:") is a task too; one that only leads in (":") is not
        own_work = ";" in title[bodies[-1].end :] and _opens_a_duty(title[bodies[-1].end :])
        if lead_in and title[bodies[-1].end :].strip(" .;,") and (not title.rstrip().endswith(":") or own_work):
            self.emit(bodies, requested, [node], rule="sentence_subject")
        if inline:
            offset = node.body_start + title.index(inline)
            if not inline.rstrip().endswith(":"):  # "… chịu trách nhiệm các nội dung sau:" introduces its items
                self.emit(bodies, requested, [node], text=" ".join(inline.split()), span=(offset, offset + len(inline)),
                          rule="body_colon")
            # "2. Sở Nội vụ: Chủ trì …" with bullets of its own below: those are the body's tasks too
            if not any(self.outline.nodes[i].is_bullet or self.outline.nodes[i].style in ("letter", "arabic2", "arabic3")
                       for i in node.children):
                return True
        role = _heading_role(title.partition(":")[0]) if not lead_in else None
        tasks = _tasks_under(self.outline, node, self.owned, self.level)
        if lead_in and title.rstrip().endswith(":") and tasks and all(self._scope_only(t) for t in tasks):
            # "Giao Sở Tài chính, Sở Nông nghiệp và Môi trường chủ trì … xây dựng quy trình …, cụ thể: - Sở Tài chính
            # đối với thủ tục số 03; - Sở Nông nghiệp và Môi trường đối với thủ tục số 01, 02": the items share the
            # work out, the sentence is the task
            self.owned.update(n.index for t in tasks for n in t)
            self.emit(bodies, requested, [node], rule="sentence_subject")
            return True
        for task in tasks:
            if (inline or lead_in) and task[0].is_para:
                continue  # the heading's own line was its first task; a sentence's owns only its items
            self.owned.update(n.index for n in task)
            self.item(task, bodies, requested, role)
        return True

    def _scope_only(self, task: list[Node]) -> bool:
        """An item that only names a body and its share of the work above: "- Sở Tài chính đối với thủ tục số 03"."""
        body = self.outline.body(task[0])
        subject = subject_bodies(body, default_level=self.level, bare=True) if len(task) == 1 else []
        return bool(subject) and _opens_with_words(body[subject[-1].end :].lstrip(" ,:"), "scope_words")

    def item(self, task: list[Node], bodies: list[Mention], requested: bool, role: str | None = None) -> None:
        """One task under a body's heading. An item that names its own bodies before a colon is theirs, under any
        heading ("b) Hội Liên hiệp Phụ nữ tỉnh: Chủ trì …"), and under "Các sở, ngành:" so is a bullet whose subject
        is one body ("- Sở Y tế chủ trì …"); under a heading of several bodies, a bullet whose subject is one of
        them is that one's."""
        body = self.outline.body(task[0])
        if len(task) == 1 and ":" in body[:160]:
            head, _, tail = body.partition(":")
            named, asked = heading_bodies(head, default_level=self.level)
            if named and tail.strip() and all(m.agency.sector != "all_departments" for m in named):
                offset = task[0].body_start + body.index(tail.strip())
                self.emit(named, requested or asked, task, text=" ".join(tail.split()), rule="item_body_colon",
                          span=(offset, offset + len(tail.strip())))
                return
        group = all(b.agency.sector == "all_departments" for b in bodies)
        own_keys = {b.agency.key for b in bodies}
        subject = subject_bodies(body, default_level=self.level) if len(task) == 1 else []
        mine = len(own_keys) > 1 and subject and {m.agency.key for m in subject} < own_keys
        # an item whose subject is another body is that body's ("Điều 3. Giao Sở Dân tộc và Tôn giáo …: … 4. Giao
        # Sở Khoa học và Công nghệ chủ trì …; 5. Văn phòng UBND tỉnh tham mưu …")
        other = bool(subject) and not {m.agency.key for m in subject} & own_keys
        # a group's heading keeps its items, unless the item names bodies of its own: a department, or committees by
        # their place ("- Ủy ban nhân dân quận Ngô Quyền và … huyện Thủy Nguyên triển khai thí điểm …")
        named = all(m.agency.sector not in ("all_departments", "people_committee") or m.agency.key.startswith("ubnd-")
                    and "/" in m.agency.key for m in subject) or _gives(body)
        if subject and (group or mine or other) and named:
            self.emit(subject, requested or _requested_prefix(body) > 0, task, rule="group_item_subject")
        else:
            self.emit(bodies, requested, task, rule="heading_task", role=role)

    def sentence(self, node: Node, title: str, report_request: bool) -> None:
        """Rule "sentence_subject": an item or sentence whose subject is a body, also after "Giao" and "Đề nghị";
        outside the implementation and reporting parts only items, and never the issuer's own acts."""
        content = node.part not in ("implementation", "reporting")
        # a letter's (or any document's) paragraph that opens by giving or asking work: "Giao Sở Nội vụ …",
        # "Đề nghị Ủy ban MTTQ tỉnh …" (gold rules v2)
        giving = node.is_para and (_gives(title) or _gives_after_ground(title) or self._under_article(node)
                                   or self.letter and (_given_by_role(title, self.level) or _is_request(title))
                                   or (self.conveys or not self.whole) and self._gives_in_a_sentence(title))
        if node.index in self.owned or content and not (node.style.startswith(("arabic", "letter")) or node.is_bullet
                                                        or report_request or giving):
            return  # outside its implementation part, a plan gives duties by its headings and its items
        if content and self.issuer is not None and not report_request and any(
                m.agency.key == self.issuer.key for m in subject_bodies(title, default_level=self.level)[:1]):
            return  # the issuer's own acts ("UBND tỉnh ban hành …") are not duties it gives
        parent = self.outline.nodes[node.parent] if node.parent is not None else None
        if not (node.is_para or node.is_bullet or node.style.startswith("arabic") or node.style == "letter"):
            return
        if parent is not None and parent.index in self.owned and parent.index not in self.recipients and not report_request \
                and not self._gives_under_article(node) and not (self.letter and node.is_para and self._own_paragraph(title)):
            return
        sentence = title.rstrip().endswith(".") and len(title.split()) >= 8
        if node.children and not node.is_para and not node.is_bullet and node.part != "reporting" and not sentence:
            return  # a heading of the implementation part that names no body (a full sentence is no heading)
        if self.split(node, title, report_request):
            return
        bodies = _subject_or_division(title, self.divisions, self.level, self.department)
        first = _sentences(title)[0][1] if bodies else title  # "Thủ trưởng … có trách nhiệm tổ chức thực hiện Quy
        if not bodies or _no_duty_of_its_own(title, bodies) or _no_duty_of_its_own(first, bodies):  # chế này. …"
            return
        self.owned.add(node.index)
        # a heading that a wrapped text ran into its first task: "9. Đề nghị Ủy ban MTTQ huyện Tăng cường
        # tuyên truyền …" (a capitalised word, then a lower-case one, right after the names)
        glued = re.match(r"\s+([A-ZĐÀ-Ỹ]\w*)\s+[a-zđà-ỹ]", title[bodies[-1].end :])
        if glued and glued.group(1)[0].isupper() and not glued.group(1).isupper() \
                and _folded(glued.group(1)) not in _phrases("place_words"):  # "… đại biểu HĐND Thành phố giám sát
            start = bodies[-1].end + glued.start(1)
            self.emit(bodies, _is_request(title), [node], text=" ".join(title[start:].split()),
                      rule="heading_glued", span=(node.body_start + start, node.end))
            return
        self.emit(bodies, _is_request(title), [node], rule="sentence_subject")

    def split(self, node: Node, title: str, report_request: bool) -> bool:
        """A paragraph of several sentences, each with its own subject, one task each: in the reporting part
        ("UBND các xã báo cáo …. Hội Liên hiệp Phụ nữ huyện tổng hợp …"), elsewhere only where two sentences
        each give work to a body of their own ("Giao Phòng Lao động … . Giao Phòng Tài chính - Kế hoạch …")."""
        sentences = _sentences(title)
        if len(sentences) < 2:
            return False
        subjects = [_subject_or_division(x, self.divisions, self.level, self.department) for _, x in sentences]
        subjects = [[] if b and _no_duty_of_its_own(x, b) else b for b, (_, x) in zip(subjects, sentences)]
        if not (node.part == "reporting" or report_request):
            keys = [tuple(m.agency.key for m in b) for b in subjects if b]
            giving = any(b and (_gives(x) or _gives_after_ground(x) or _given_by_role(x, self.level))
                         for b, (_, x) in zip(subjects, sentences))
            if (len(keys) < 2 or len(set(keys)) < 2) and not giving:
                return False  # (a sentence that opens "Giao …" gives its work whatever the others say)
        for (start, sentence), bodies in zip(sentences, subjects):
            if bodies:
                self.owned.add(node.index)
                at = node.body_start + start
                self.emit(bodies, _is_request(sentence), [node], text=" ".join(sentence.split()),
                          rule="sentence_subject", span=(at, at + len(sentence)))
        return True


_DIVISION_END = re.compile(r"\s+(?=(?:chủ trì|phối hợp|tham mưu|thực hiện|tổ chức|hướng dẫn|theo dõi|tổng hợp|rà soát|"
                           r"có trách nhiệm|chịu trách nhiệm|là )\b)|\s*[,;:(]")


def _subject_or_division(text: str, divisions: dict[str, Agency], default_level: str,
                         department: Agency | None = None) -> list[Mention]:
    """The bodies a sentence opens with, or a division of the issuing department: named by its heading before, or
    given work by name in the department's own letter ("Giao Phòng Nghiệp vụ Y chủ trì, …")."""
    bodies = subject_bodies(text, default_level=default_level)
    if not bodies and department is not None:
        start = len(text) - len(_STRIP_BULLET.sub("", text, count=1))
        start += _requested_prefix(text[start:]) or _requested_prefix(text[start:], "assigning")
        start += len(text[start:]) - len(text[start:].lstrip())
        end = _DIVISION_END.search(text, start)
        unit = division_heading(text[start : end.start()], department) if end else None
        if unit is not None:
            divisions.setdefault(_folded(unit.text), unit.agency)
            return [Mention(unit.start + start, unit.end + start, unit.text, unit.agency)]
    if not bodies and divisions:  # "Phòng Bình đẳng giới và Trẻ em tổng hợp kết quả …"
        start = len(text) - len(_STRIP_BULLET.sub("", text, count=1))
        folded = fold_keep(text[start:])  # one character per character: offsets stay true
        name = next((n for n in sorted(divisions, key=len, reverse=True)
                     if re.match(r"\s+".join(map(re.escape, n.split())) + r"(?![a-z0-9])", folded)), None)
        if name is not None:
            end = start + re.match(r"\s+".join(map(re.escape, name.split())), folded).end()
            # "Các đơn vị trực thuộc Sở và Trung tâm Y tế các huyện … báo cáo …": the bodies named after it too
            chain, _ = _subject_chain(text, find_mentions(text[: end + 300], default_level=default_level), end)
            bodies = [Mention(start, end, text[start:end], divisions[name])] + chain
    return bodies


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a paragraph: a full stop, then a capital (not after "TP.", "Số.");
    also each point a paragraph numbers inline after a colon or a semicolon ("… như sau: (1) Giao Bộ … ; (2) …")."""
    cuts = []
    for m in re.finditer(r"[.!?]\s+(?=\S)", text):
        before = text[max(0, m.start() - 40) : m.start()].split()  # the word before the stop (not the whole prefix)
        if not text[m.end()].isupper() or not before or len(before[-1]) <= 3 and before[-1][:1].isupper():
            continue
        cuts.append((m.start() + 1, m.end()))
    cuts += [(m.start(), m.end()) for m in re.finditer(r"(?<=[:;.])\s+\(\d{1,2}\)\s+(?=[A-ZĐÀ-Ỹ])", text)]
    out, start = [], 0
    for end, nxt in sorted(set(cuts)):
        if end <= start or not text[start:end].strip():
            continue
        out.append((start, text[start:end]))
        start = nxt
    if text[start:].strip():
        out.append((start, text[start:].rstrip()))
    return out

