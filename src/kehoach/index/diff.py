"""Diff two plans (or two sets of plans): what changed, body by body.

Alignment: tasks are grouped by body (`agency_key`); when a province plan
meets a district plan the keys differ by level ("so-y-te" / "phong-y-te"),
so the grouping is by sector instead, and the result says so
(`aligned_by`). Within a body, tasks are paired one to one, best
similarity first, with RapidFuzz `ratio` on folded text (case and
diacritics removed). A pair at or above THRESHOLD (70) is the same task:
"unchanged" when the folded texts are equal, else "changed" with a
word-level diff. An unpaired old task that pairs with an unpaired new task
of another body is "moved"; the rest are "removed" and "added".

70 because edits of a task between years (a clause added, a date changed)
keep ratios of 75-95, while different tasks of the same body score 30-60
on the sample plans.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from rapidfuzz.fuzz import ratio

from kehoach.corpus.normalise import fold_keep

THRESHOLD = 70.0


def _folded(text: str) -> str:
    return " ".join(fold_keep(text).split())


def word_diff(a: str, b: str) -> list[list[str]]:
    """[op, text] runs: "=" same, "-" only in a, "+" only in b."""
    wa, wb = a.split(), b.split()
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", " ".join(wa[i1:i2])])
        else:
            if i2 > i1:
                out.append(["-", " ".join(wa[i1:i2])])
            if j2 > j1:
                out.append(["+", " ".join(wb[j1:j2])])
    return out


def _task(t: dict[str, Any], source: str) -> dict[str, Any]:
    return {"text": t["text"], "agency": t["agency"], "agency_key": t["agency_key"], "sector": t["sector"],
            "role": t["role"], "section": t.get("section"), "page": t.get("page"), "span": t.get("span"), "source": source}


def _tasks(records: list[dict]) -> list[dict]:
    return [_task(t, r["source"]) for r in records for t in r.get("assignments", [])]


def _pair(a: list[dict], b: list[dict], threshold: float) -> tuple[list[tuple[int, int, float]], set[int], set[int]]:
    """One-to-one pairs (greedy, best first) at or above the threshold."""
    fa, fb = [_folded(t["text"]) for t in a], [_folded(t["text"]) for t in b]
    scored = sorted(((ratio(x, y), i, j) for i, x in enumerate(fa) for j, y in enumerate(fb)), reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, score))
    return pairs, set(range(len(a))) - used_a, set(range(len(b))) - used_b


def _side(records: list[dict]) -> dict[str, Any]:
    metas = [r.get("metadata") or {} for r in records]
    return {
        "sources": [r["source"] for r in records],
        "ids": [r.get("id") for r in records],
        "province": sorted({m.get("province") for m in metas if m.get("province")}),
        "year": sorted({m.get("year") for m in metas if m.get("year")}),
        "level": sorted({m.get("level") for m in metas if m.get("level")}),
    }


def diff(a: list[dict], b: list[dict], *, threshold: float = THRESHOLD) -> dict[str, Any]:
    """The difference between plans `a` and plans `b` (SCHEMA.md records)."""
    side_a, side_b = _side(a), _side(b)
    by = "agency_key" if side_a["level"] == side_b["level"] else "sector"
    ta, tb = _tasks(a), _tasks(b)
    keys = list(dict.fromkeys([t[by] for t in ta] + [t[by] for t in tb]))
    bodies, removed_all, added_all = [], [], []
    for key in keys:
        ia = [i for i, t in enumerate(ta) if t[by] == key]
        ib = [j for j, t in enumerate(tb) if t[by] == key]
        pairs, ra, rb = _pair([ta[i] for i in ia], [tb[j] for j in ib], threshold)
        body = {"key": key, "name": (ta[ia[0]] if ia else tb[ib[0]])["agency"], "pairs": [], "added": [], "removed": []}
        for i, j, score in pairs:
            x, y = ta[ia[i]], tb[ib[j]]
            same = _folded(x["text"]) == _folded(y["text"])
            item = {"status": "unchanged" if same else "changed", "similarity": round(score, 1), "a": x, "b": y}
            if not same:
                item["diff"] = word_diff(x["text"], y["text"])
            body["pairs"].append(item)
        removed_all += [(key, ta[ia[i]]) for i in sorted(ra)]
        added_all += [(key, tb[ib[j]]) for j in sorted(rb)]
        bodies.append(body)
    # a task that left one body and reappears under another has moved
    moved = []
    if removed_all and added_all:
        pairs, ra, rb = _pair([t for _, t in removed_all], [t for _, t in added_all], threshold)
        for i, j, score in pairs:
            (kx, x), (ky, y) = removed_all[i], added_all[j]
            if kx == ky:
                ra.add(i)
                rb.add(j)
                continue
            moved.append({"from": kx, "to": ky, "similarity": round(score, 1), "a": x, "b": y,
                          **({"diff": word_diff(x["text"], y["text"])} if _folded(x["text"]) != _folded(y["text"]) else {})})
        removed_all = [removed_all[i] for i in sorted(ra)]
        added_all = [added_all[j] for j in sorted(rb)]
    index = {b["key"]: b for b in bodies}
    for key, t in removed_all:
        index[key]["removed"].append(t)
    for key, t in added_all:
        index[key]["added"].append(t)
    result = {
        "a": side_a,
        "b": side_b,
        "aligned_by": by,
        "threshold": threshold,
        "bodies": [b for b in bodies if b["pairs"] or b["added"] or b["removed"]],
        "moved": moved,
        "legal_refs": _refs(a, b),
        "deadlines": _deadlines(a, b),
        "metadata": _metadata(a, b),
    }
    result["summary"] = summary(result)
    return result


def summary(result: dict[str, Any]) -> dict[str, int]:
    count = {"unchanged": 0, "changed": 0, "added": 0, "removed": 0, "moved": len(result["moved"])}
    for body in result["bodies"]:
        for p in body["pairs"]:
            count[p["status"]] += 1
        count["added"] += len(body["added"])
        count["removed"] += len(body["removed"])
    count["refs_added"] = len(result["legal_refs"]["added"])
    count["refs_removed"] = len(result["legal_refs"]["removed"])
    count["deadlines_moved"] = len(result["deadlines"]["moved"])
    return count


def _ref_key(r: dict) -> str:
    return r.get("identity") or r["key"]


def _refs(a: list[dict], b: list[dict]) -> dict[str, list]:
    ra = {re.sub(r"@.*$", "", _ref_key(r)): r for rec in a for r in rec.get("legal_refs", []) if not r.get("self")}
    rb = {re.sub(r"@.*$", "", _ref_key(r)): r for rec in b for r in rec.get("legal_refs", []) if not r.get("self")}
    slim = lambda r: {"key": r["key"], "doc_type": r.get("doc_type"), "issued_date": r.get("issued_date"), "text": r.get("text")}  # noqa: E731
    return {"added": [slim(rb[k]) for k in rb if k not in ra], "removed": [slim(ra[k]) for k in ra if k not in rb],
            "kept": len([k for k in ra if k in rb])}


def _deadlines(a: list[dict], b: list[dict]) -> dict[str, list]:
    def key(d):
        return (d["kind"], d.get("date"), d.get("end"), d.get("recurrence"))

    da = {key(d): d for rec in a for d in rec.get("deadlines", [])}
    db = {key(d): d for rec in b for d in rec.get("deadlines", [])}
    gone = [d for k, d in da.items() if k not in db]
    new = [d for k, d in db.items() if k not in da]
    moved = []
    for d in list(gone):
        for n in new:
            if n["kind"] == d["kind"] and n.get("recurrence") == d.get("recurrence") and (
                    ratio(_folded(n.get("subject") or n["text"]), _folded(d.get("subject") or d["text"])) >= THRESHOLD
                    or (d.get("date") or "")[5:] == (n.get("date") or "")[5:]):
                moved.append({"a": d, "b": n})
                gone.remove(d)
                new.remove(n)
                break
    slim = lambda d: {k: d.get(k) for k in ("kind", "date", "end", "recurrence", "text", "subject")}  # noqa: E731
    return {"added": [slim(d) for d in new], "removed": [slim(d) for d in gone],
            "moved": [{"a": slim(m["a"]), "b": slim(m["b"])} for m in moved]}


def _metadata(a: list[dict], b: list[dict]) -> dict[str, list]:
    if len(a) != 1 or len(b) != 1:
        return {}
    ma, mb = a[0].get("metadata") or {}, b[0].get("metadata") or {}
    return {k: [ma.get(k), mb.get(k)] for k in sorted(set(ma) | set(mb)) if ma.get(k) != mb.get(k)}


def parse_selector(text: str):
    """"province=Quảng Bình,year=2022" to Filters."""
    from kehoach.errors import KehoachError
    from kehoach.index.store import Filters, parse_years

    fields = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise KehoachError("usage", detail=f"a selector is key=value pairs, like province=Quảng Bình,year=2022 (not {part!r})")
        k, v = (x.strip() for x in part.split("=", 1))
        k = k.replace("-", "_")
        if k not in ("province", "year", "level", "doc_type", "district"):
            raise KehoachError("usage", detail=f"unknown selector key {k!r} (province, year, level, doc_type)")
        fields[k] = parse_years(v) if k == "year" else v
    fields.pop("district", None)
    return Filters(**fields)


def stored_side(store, ref: str) -> list[dict]:
    """Records for one side of a diff from the store: a selector ("province=Quảng Bình,year=2022") or one stored
    document id (or an id prefix of 8+ characters); [] when nothing, or more than one document, matches."""
    if "=" in ref:
        return [store.plan(d["id"]) for d in store.documents(parse_selector(ref))]
    rows = store.db.execute("SELECT id FROM documents WHERE id = ? OR (length(?) >= 8 AND id LIKE ? || '%')",
                            (ref, ref, ref)).fetchall()
    return [store.plan(rows[0][0])] if len(rows) == 1 else []


def load_side(ref: str | None, selector: str | None, *, workspace=None) -> list[dict]:
    """Records for one side of a diff: a file (extracted now), a stored id, or a selector over the store."""
    from pathlib import Path

    from kehoach.errors import KehoachError

    if ref and not selector and Path(ref).exists():
        from kehoach.corpus import read
        from kehoach.extract import extract

        return [extract(read(ref)).to_dict()]
    if not (ref or selector):
        raise KehoachError("usage", detail="give A and B (files or ids), or --a and --b selectors")
    from kehoach.index.store import Store

    records = stored_side(Store.open(workspace), selector or ref)
    if records:
        return records
    if selector:
        raise KehoachError("usage", detail=f"no stored document matches {selector!r}")
    raise KehoachError("usage", detail=f"{ref!r} is neither a file nor one stored document id")
