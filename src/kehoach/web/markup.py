"""A document's text as HTML with its tasks, references, deadlines and page starts marked.

Built here rather than in a template because every piece of text must be
escaped exactly once and every mark opened and closed around it; the text is
the document's own (untrusted), the marks are ours.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape


def marked(snippet: str | None) -> Markup:
    """A search snippet whose query words were marked with \\x02…\\x03: escaped, then <mark>ed."""
    text = str(escape(snippet or ""))
    return Markup(text.replace("\x02", "<mark>").replace("\x03", "</mark>"))


def _task_title(t: dict[str, Any], deadlines: list[dict[str, Any]]) -> str:
    due = [deadlines[i].get("date") or deadlines[i].get("recurrence") or deadlines[i].get("text")
           for i in t.get("deadlines") or [] if i < len(deadlines)]
    parts = [t.get("agency") or "", t.get("role") or "", f"rule {t.get('rule')}" if t.get("rule") else "",
             f"§{t['section']}" if t.get("section") else "", ("due " + ", ".join(str(d) for d in due)) if due else ""]
    return " — ".join(p for p in parts if p)


def marked_text(view: dict[str, Any], colour) -> Markup:
    """The view's segments (index.browse.document_view) as HTML."""
    tasks, refs, deadlines = view["tasks"], view["refs"], view["deadlines"]
    out: list[str] = []
    opened: set[int] = set()
    pdf = str(view["row"].get("format") or "").startswith("pdf")
    for piece in view["segments"]:
        if piece["page"] is not None:
            n = piece["page"]
            if pdf:  # the original opens at this page (PDF viewers read #page=N)
                out.append(f'<a class="pageno" id="p{n}" href="/doc/{view["id"]}/file#page={n}" '
                           f'title="open the original at this page">page {n}</a>')
            else:
                out.append(f'<span class="pageno" id="p{n}">page {n}</span>')
        if piece["at"]:
            out.append('<span id="here" class="here"></span>')
        html = str(escape(piece["text"]))
        if piece["deadline"] is not None:
            d = deadlines[piece["deadline"]]
            when = d.get("date") or d.get("recurrence") or ""
            html = f'<span class="deadline" title="{escape("deadline " + str(when))}">{html}</span>'
        if piece["ref"] is not None:
            r = refs[piece["ref"]]
            title = escape(" ".join(str(x) for x in (r.get("doc_type"), r.get("key"), r.get("issued_date")) if x))
            html = f'<a class="ref" href="/cited/{quote(r["identity"], safe="")}" title="{title}">{html}</a>'
        if piece["task"] is not None:
            seq = piece["task"]
            t = tasks[seq]
            anchor = f' id="t{seq}"' if seq not in opened else ""
            opened.add(seq)
            html = (f'<span class="task b{colour(t.get("agency_key"))}"{anchor} data-seq="{seq}" '
                    f'title="{escape(_task_title(t, deadlines))}">{html}</span>')
        out.append(html)
    return Markup("".join(out))
