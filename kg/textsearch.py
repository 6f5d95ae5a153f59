"""Words for full-text matching: accent- and case-folded tokens that remember where they
stand in the original text (so a snippet can mark what matched).

>>> [w.word for w in tokenize("Kementerian Ketenagakerjaan, Indonésia")]
['kementerian', 'ketenagakerjaan', 'indonesia']
>>> fold("ÉCOLE Straße")
'ecole strasse'
>>> snippet("The ILO estimates 152 million child labourers aged 5-14 in the world.",
...         [(4, 7)], width=30)
('The ILO estimates 152 million…', [(4, 7)])
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without accents and case: NFKD decomposition, combining marks dropped,
    Unicode case folding."""
    if text.isascii():
        return text.lower()
    return _fold_unicode(text)


@lru_cache(maxsize=1 << 16)
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Token:
    """A folded word and its place (``start``, ``end``) in the original text."""

    word: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` (letters and digits), folded, with their offsets."""
    tokens = []
    for match in _WORD.finditer(text):
        raw = match.group()
        if raw.isascii():
            tokens.append(Token(sys.intern(raw.lower()), match.start(), match.end()))
            continue
        for word in _WORD.findall(fold(raw)):
            tokens.append(Token(sys.intern(word), match.start(), match.end()))
    return tokens


def query_words(text: str) -> list[str]:
    """The folded words of a search query, in order, without repeats."""
    return list(dict.fromkeys(t.word for t in tokenize(text)))


def snippet(text: str, spans: list[tuple[int, int]], *, width: int
            ) -> tuple[str, list[tuple[int, int]]]:
    """At most ``width`` characters of ``text`` around its first marked span, with ``…``
    where it was cut, and the spans moved into the snippet's coordinates."""
    if len(text) <= width:
        return text, [s for s in spans if s[1] <= len(text)]
    first = min((s[0] for s in spans), default=0)
    start = max(0, min(first - width // 3, len(text) - width))
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    head = "…" if start else ""
    tail = "…" if end < len(text) else ""
    shift = len(head) - start
    moved = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return head + text[start:end] + tail, moved
