"""What a search asks for: the text, the facets, the reader's language and the page of
results, read from request parameters with an error that names the parameter.

>>> from kg.settings import Settings
>>> query = SearchQuery.parse({"q": ["Kemnaker"], "type": ["actor"], "limit": ["5"]},
...                           settings=Settings.from_env({}), lang="id")
>>> (query.text, sorted(query.facets), query.lang, query.limit, query.offset)
('Kemnaker', [<Facet.ACTOR: 'actor'>], 'id', 5, 0)
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.errors import KGError
from kg.facets import Facet
from kg.settings import Settings
from kg.textsearch import query_words


class SearchParameterError(KGError):
    """A search parameter has a value outside what it allows (the message names it).

    :param code: what is wrong (``q_missing``, ``q_too_long``, ``q_too_many_words``,
        ``repeated``, ``facet``, ``number``), so a caller can say it in another language;
    :param values: the values the message quotes, by name.
    """

    def __init__(self, message: str, *, code: str, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: the text, facets to keep (none: all), the reader's language, and
    which page of the ranked results."""

    text: str
    facets: frozenset[Facet] = frozenset()
    lang: str = "en"
    limit: int = 20
    offset: int = 0

    @classmethod
    def parse(cls, args: Mapping[str, Sequence[str]], *, settings: Settings, lang: str,
              require_text: bool = True, languages: Sequence[str] = ("en", "id")
              ) -> SearchQuery:
        """A query from request parameters ``q``, ``type`` (repeatable), ``limit``,
        ``offset`` and ``lang`` (one of ``languages``; without it, ``lang`` is the reader's
        language the caller chose).

        :raises SearchParameterError: naming the parameter, its value and what it allows.
        """
        wanted = _single(args, "lang", lang)
        if wanted not in languages:
            raise SearchParameterError(
                f"parameter lang={wanted!r} is not allowed; expected one of "
                + ", ".join(languages), code="lang", value=wanted, allowed=", ".join(languages))
        lang = wanted
        text = _single(args, "q", "")
        if not text.strip() and require_text:
            raise SearchParameterError("parameter q is missing: give the words to search for, "
                                       "e.g. q=Kemnaker", code="q_missing")
        if len(text) > settings.search_max_query_chars:
            raise SearchParameterError(
                f"parameter q is {len(text)} characters long; at most "
                f"{settings.search_max_query_chars} are allowed (setting search_max_query_chars)",
                code="q_too_long", length=len(text), limit=settings.search_max_query_chars)
        if len(query_words(text)) > settings.search_max_words:
            raise SearchParameterError(
                f"parameter q has {len(query_words(text))} words; at most "
                f"{settings.search_max_words} are allowed (setting search_max_words)",
                code="q_too_many_words", words=len(query_words(text)),
                limit=settings.search_max_words)
        facets = set()
        for value in args.get("type", []):
            for name in filter(None, (v.strip().lower() for v in value.split(","))):
                try:
                    facets.add(Facet(name))
                except ValueError:
                    raise SearchParameterError(
                        f"parameter type={name!r} is not a facet; expected one of "
                        + ", ".join(f.value for f in Facet), code="facet", value=name,
                        allowed=", ".join(f.value for f in Facet)) from None
        limit = _number(args, "limit", settings.search_page_size, 1, settings.search_max_page_size)
        offset = _number(args, "offset", 0, 0, sys.maxsize)
        return cls(text.strip(), frozenset(facets), lang, limit, offset)


def _single(args: Mapping[str, Sequence[str]], name: str, default: str) -> str:
    values = list(args.get(name, []))
    if len(values) > 1:
        raise SearchParameterError(f"parameter {name} is given {len(values)} times; give it once",
                                   code="repeated", name=name, times=len(values))
    return values[0] if values else default


def _number(args: Mapping[str, Sequence[str]], name: str, default: int, low: int,
            high: int) -> int:
    raw = _single(args, name, "").strip()
    if not raw:
        return default
    wanted = f"a whole number from {low}" + (f" to {high}" if high < sys.maxsize else " up")
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SearchParameterError(f"parameter {name}={raw!r} is not allowed; expected {wanted}",
                                   code="number", name=name, value=raw, low=low,
                                   high=high if high < sys.maxsize else None)
    return int(raw)
