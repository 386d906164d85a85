"""Build Documents from small hand-written texts, as the text reader would."""

from kehoach.corpus.text import read_text


def doc(text: str, source: str = "case.txt"):
    return read_text(text, source=source, id="0" * 64)
