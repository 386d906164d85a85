"""A diff as Markdown, as one standalone HTML page, or as rich text for a terminal.

Strings out, never printing: the CLI decides where they go.
"""

from __future__ import annotations

import html
from typing import Any


def _where(t: dict[str, Any]) -> str:
    bits = [f"§{t['section']}" if t.get("section") else "", f"p.{t['page']}" if t.get("page") else ""]
    return " ".join(b for b in bits if b)


def _title(side: dict[str, Any]) -> str:
    prov = ", ".join(side["province"]) or "?"
    years = ", ".join(str(y) for y in side["year"]) or "?"
    return f"{prov} {years} ({len(side['sources'])} document{'s' if len(side['sources']) != 1 else ''})"


def to_markdown(result: dict[str, Any]) -> str:
    s = result["summary"]
    out = [f"# {_title(result['a'])} → {_title(result['b'])}", "",
           f"{s['unchanged']} unchanged, {s['changed']} changed, {s['added']} added, {s['removed']} removed, "
           f"{s['moved']} moved tasks (aligned by {result['aligned_by']}, threshold {result['threshold']:.0f}).", ""]
    for body in result["bodies"]:
        changed = [p for p in body["pairs"] if p["status"] == "changed"]
        if not (changed or body["added"] or body["removed"]):
            continue
        out.append(f"## {body['name']} (`{body['key']}`)")
        for p in changed:
            words = " ".join(f"~~{t}~~" if op == "-" else f"**{t}**" if op == "+" else t for op, t in p["diff"])
            out.append(f"- changed ({p['similarity']:.0f}) {_where(p['b'])}: {words}")
        out += [f"- added {_where(t)}: {t['text']}" for t in body["added"]]
        out += [f"- removed {_where(t)}: ~~{t['text']}~~" for t in body["removed"]]
        out.append("")
    if result["moved"]:
        out.append("## Moved between bodies")
        out += [f"- {m['from']} → {m['to']} ({m['similarity']:.0f}): {m['b']['text']}" for m in result["moved"]]
        out.append("")
    refs = result["legal_refs"]
    if refs["added"] or refs["removed"]:
        out.append("## Legal references")
        out += [f"- added: {r['key']}" for r in refs["added"]] + [f"- removed: {r['key']}" for r in refs["removed"]]
        out.append("")
    dl = result["deadlines"]
    if dl["added"] or dl["removed"] or dl["moved"]:
        out.append("## Deadlines")
        out += [f"- moved: {m['a']['date']} → {m['b']['date']} ({m['b'].get('subject') or m['b']['text']})" for m in dl["moved"]]
        out += [f"- added: {d['date'] or d['recurrence']} ({d['text']})" for d in dl["added"]]
        out += [f"- removed: {d['date'] or d['recurrence']} ({d['text']})" for d in dl["removed"]]
        out.append("")
    if result["metadata"]:
        out.append("## Metadata")
        out += [f"- {k}: {a} → {b}" for k, (a, b) in result["metadata"].items()]
    return "\n".join(out).rstrip() + "\n"


_CSS = """body{font-family:Georgia,serif;margin:2em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}td{vertical-align:top;border-top:1px solid #ddd;padding:.4em;width:50%}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}.where{color:#777;font-size:.85em}
.added td:last-child{background:#efe}.removed td:first-child{background:#fee}.status{font-size:.8em;color:#555}"""


def _cell(t: dict[str, Any] | None, body: str | None = None) -> str:
    if t is None:
        return "<td></td>"
    where = html.escape(_where(t))
    source = html.escape(t.get("source") or "")
    return f'<td>{body if body is not None else html.escape(t["text"])}<div class="where">{where} — {source}</div></td>'


def to_html(result: dict[str, Any]) -> str:
    s = result["summary"]
    rows = []
    for body in result["bodies"]:
        rows.append(f'<tr><td colspan="2"><h2>{html.escape(body["name"])} <code>{html.escape(body["key"])}</code></h2></td></tr>')
        for p in body["pairs"]:
            if p["status"] == "changed":
                left = " ".join(f"<del>{html.escape(t)}</del>" if op == "-" else html.escape(t) for op, t in p["diff"] if op != "+")
                right = " ".join(f"<ins>{html.escape(t)}</ins>" if op == "+" else html.escape(t) for op, t in p["diff"] if op != "-")
                rows.append(f'<tr class="changed">{_cell(p["a"], left)}{_cell(p["b"], right)}</tr>')
            else:
                rows.append(f'<tr class="unchanged">{_cell(p["a"])}{_cell(p["b"])}</tr>')
        rows += [f'<tr class="removed">{_cell(t)}<td></td></tr>' for t in body["removed"]]
        rows += [f'<tr class="added"><td></td>{_cell(t)}</tr>' for t in body["added"]]
    for m in result["moved"]:
        rows.append(f'<tr class="moved"><td colspan="2"><span class="status">moved {html.escape(m["from"])} → '
                    f'{html.escape(m["to"])}</span></td></tr><tr>{_cell(m["a"])}{_cell(m["b"])}</tr>')
    refs = result["legal_refs"]
    extra = "".join(f"<li>added: {html.escape(r['key'])}</li>" for r in refs["added"])
    extra += "".join(f"<li>removed: {html.escape(r['key'])}</li>" for r in refs["removed"])
    for m in result["deadlines"]["moved"]:
        extra += f"<li>deadline moved: {m['a']['date']} → {m['b']['date']}</li>"
    for k, (a, b) in result["metadata"].items():
        extra += f"<li>{html.escape(k)}: {html.escape(str(a))} → {html.escape(str(b))}</li>"
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>kehoach diff</title><style>{_CSS}</style></head>'
            f"<body><h1>{html.escape(_title(result['a']))} → {html.escape(_title(result['b']))}</h1>"
            f"<p>{s['unchanged']} unchanged, {s['changed']} changed, {s['added']} added, {s['removed']} removed, {s['moved']} moved "
            f"(aligned by {result['aligned_by']})</p><table>{''.join(rows)}</table><ul>{extra}</ul></body></html>\n")
