"""Vietnamese word segmentation (underthesea) and a spaCy pipeline that marks agencies.

Why a wrapper around underthesea: it rewrites characters by default
(`use_token_normalize=True`) and returns tokens without offsets, so its
output is mapped back onto our own normalised text here, and any token
that does not line up raises instead of silently shifting every span.

The spaCy pipeline (a blank multi-language pipeline whose tokenizer is the
wrapper, plus an EntityRuler built from data/agencies.json matching on
folded token text) is the NLP route to agency mentions. `kehoach extract`
uses the folded-text matcher of agencies.py by default, because on the
sample plans both find the same mentions and the matcher runs about ten
times faster (benchmarks/extract.py measures both); `kehoach extract
--engine spacy` runs this pipeline instead.
"""

from __future__ import annotations

from functools import lru_cache

from kehoach.corpus.normalise import fold_keep
from kehoach.extract.agencies import Mention, gazetteer


class AlignmentError(ValueError):
    """underthesea returned a token that is not where the text says it should be."""


def segment(text: str) -> list[tuple[int, int]]:
    """Word spans of `text` from underthesea, as exact character offsets."""
    if not text.strip():
        return []
    from underthesea import word_tokenize

    spans, pos = [], 0
    for token in word_tokenize(text, use_token_normalize=False):
        parts = token.split()
        start = None
        for part in parts:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if text.startswith(part, pos):
                start = pos if start is None else start
                pos += len(part)
                continue
            raise AlignmentError(f"token {part!r} not found at offset {pos}: {text[pos:pos + 20]!r}")
        if start is not None:
            spans.append((start, pos))
    return spans


@lru_cache(maxsize=1)
def pipeline():
    """spaCy: underthesea tokens, folded NORM, an EntityRuler of every gazetteer variant. Built once."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("xx")

    class Tokenizer:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            spans = segment(text)
            words = [text[s:e] for s, e in spans]
            spaces = [e < len(text) and text[e].isspace() for _, e in spans]
            doc = Doc(self.vocab, words=words, spaces=spaces)
            for token in doc:
                token.norm_ = " ".join(fold_keep(token.text).split())
            return doc

    nlp.tokenizer = Tokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
    g = gazetteer()
    patterns = []
    for variant, key in g.variant_to_key.items():
        original = next(v for v in g.display[key] if " ".join(fold_keep(v).split()) == variant)
        patterns.append({"label": "AGENCY", "pattern": original, "id": key})
    ruler.add_patterns(patterns)
    return nlp


def find_mentions_spacy(text: str, *, default_level: str | None = None) -> list[Mention]:
    """Agency mentions through the spaCy pipeline, resolved (level words, capitals) like the matcher."""
    doc = pipeline()(text)
    g = gazetteer()
    out = []
    for ent in doc.ents:
        found = g.find(text[ent.start_char : min(len(text), ent.end_char + 20)], default_level=default_level)
        if found and found[0].start == 0:
            m = found[0]
            out.append(Mention(ent.start_char, ent.start_char + m.end, text[ent.start_char : ent.start_char + m.end], m.agency))
    return out
