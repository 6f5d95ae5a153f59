"""Full-text search over every resource of a store: names and descriptions in every
language, accent- and case-insensitive, ranked, with type facets.

The index is built from any :class:`~kg.store.Store` through three named queries
(``kg/queries/system/search-texts.rq``, ``search-types.rq``, ``search-classes.rq``), which
read the default graph and every named graph. Each text is cut into folded words
(:mod:`kg.textsearch`); an inverted index maps every word to the texts holding it, and a
sorted vocabulary finds the words a query word starts.

**Matching.** Every word of the query must start a word of one text of the resource (so
"min manp" finds "Ministry of Manpower"); a query that is an IRI or a prefixed name of a
resource (``res:ilo``) finds that resource.

**Ranking.** Each matching text falls in one tier, and a resource ranks by its best text:

1. *exact* (400): a name (label, other or hidden name, title, the IRI's local name) is
   the query, word for word;
2. *prefix* (300): a name starts with the query;
3. *word* (200): every query word starts a word of a name;
4. *description* (100): every query word starts a word of one description (definition,
   comment, aim, provision, quote of the paper, ...).

Within a tier: +10 when the text is the resource's label (``rdfs:label``,
``skos:prefLabel``, ``dct:title``), +5 for another name; +5 when the text is in the
reader's language; up to +20 for how much of the text the query covers (shorter names
first); −15 for excerpts of the paper and data-quality notes, whose names repeat those of
the things they are about. Equal scores are ordered by label.

>>> from kg.store import OxigraphStore
>>> import pyoxigraph as ox
>>> store = OxigraphStore()
>>> store.load(b'''@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://e/m> rdfs:label "Ministry of Manpower"@en ; skos:hiddenLabel "Kemnaker"@id .
... <https://e/s> rdfs:label "Ministry of Social Affairs"@en .''', format=ox.RdfFormat.TURTLE)
>>> index = build_index(store)
>>> [(h.iri, h.tier.name) for h in index.search(SearchQuery("kemnaker")).hits]
[('https://e/m', 'EXACT')]
>>> [h.label for h in index.search(SearchQuery("ministry")).hits]
['Ministry of Manpower', 'Ministry of Social Affairs']
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum

from kg.describe import local_name, prefixed, system_query
from kg.facets import Facet, facet_of, superclasses
from kg.kinds import Kind, graph_kinds, kind_of
from kg.namespaces import PREFIXES
from kg.search_query import SearchParameterError, SearchQuery
from kg.store import Store, select_values
from kg.term_labels import term_label
from kg.textsearch import Token, fold, query_words, snippet, tokenize

__all__ = ["Hit", "SearchIndex", "SearchParameterError", "SearchQuery", "SearchResults", "Tier",
           "build_index"]
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
DCT = PREFIXES["dct"]
_NAMES = ("label", "name")
_LABELS = (RDFS + "label", SKOS + "prefLabel", DCT + "title")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


#: Facets of resources about other resources (ranked a little lower within a tier).
SECONDARY = frozenset({Facet.EXCERPT, Facet.NOTE})


class Tier(IntEnum):
    """How a text matches the query (higher ranks first)."""

    DESCRIPTION = 1
    WORD = 2
    PREFIX = 3
    EXACT = 4


@dataclass(frozen=True)
class Hit:
    """One resource found: its best-matching text, quoted as a snippet with the matched
    words' (start, end) offsets."""

    iri: str
    label: str
    label_lang: str | None
    facet: Facet
    types: tuple[str, ...]
    score: float
    tier: Tier
    predicate: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    snippet_lang: str | None
    statement: Kind | None = None
    """The kind of statement the matched text is (the paper's, the modeller's reading,
    outside context, the ontology), ``None`` when its graph does not say."""

    @property
    def prefixed(self) -> str:
        """The IRI as a prefixed name (``res:ilo``) when a project prefix covers it."""
        return prefixed(self.iri)


@dataclass(frozen=True)
class SearchResults:
    """One page of ranked hits, how many there are, and the count per facet of every
    match (before the facet filter)."""

    query: SearchQuery
    words: tuple[str, ...]
    total: int
    hits: list[Hit]
    facets: dict[Facet, int]
    suggestions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Text:
    resource: str
    predicate: str | None
    kind: str
    lang: str | None
    text: str
    tokens: list[Token]
    joined: str
    statement: Kind | None = None


@dataclass(slots=True)
class _Resource:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    facet: Facet = Facet.OTHER


class SearchIndex:
    """The words of every text of a store, ready to match and rank (see the module)."""

    def __init__(self, texts: list[_Text], resources: dict[str, _Resource], *,
                 snippet_chars: int = 160) -> None:
        self.texts = texts
        self.resources = resources
        self.snippet_chars = snippet_chars
        postings: dict[str, set[int]] = defaultdict(set)
        for number, text in enumerate(texts):
            for token in text.tokens:
                postings[token.word].add(number)
        self.postings = dict(postings)
        self.vocabulary = sorted(self.postings)
        self._sort_labels: dict[tuple[str, str], str] = {}
        self.names = sorted({t.word for x in texts if x.kind in _NAMES for t in x.tokens})

    def __len__(self) -> int:
        return len(self.resources)

    def _texts_starting(self, word: str) -> set[int]:
        found: set[int] = set()
        at = bisect.bisect_left(self.vocabulary, word)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
            found |= self.postings[self.vocabulary[at]]
            at += 1
        return found

    def _candidates(self, words: list[str]) -> set[int]:
        sets = sorted((self._texts_starting(w) for w in words), key=len)
        return set.intersection(*sets) if sets else set()

    def search(self, query: SearchQuery) -> SearchResults:
        """The ranked, faceted results of ``query``."""
        words = query_words(query.text)
        phrase = " ".join(t.word for t in tokenize(query.text))
        length = sum(len(w) for w in words)
        best: dict[str, tuple[float, Tier, _Text | None]] = {}
        iri = self._iri_of(query.text.strip())
        if iri is not None:
            best[iri] = (float(Tier.EXACT * 100 + 30), Tier.EXACT, None)
        for number in self._candidates(words):
            text = self.texts[number]
            tier, score = self._score(text, length, phrase, query.lang)
            if self.resources[text.resource].facet in SECONDARY:
                score = round(score - 15, 1)
            if text.resource not in best or score > best[text.resource][0]:
                best[text.resource] = (score, tier, text)
        counts: dict[Facet, int] = defaultdict(int)
        for found in best:
            counts[self.resources[found].facet] += 1
        kept = [i for i in best if not query.facets or self.resources[i].facet in query.facets]
        kept.sort(key=lambda i: (-best[i][0], self._sort_label(i, query.lang), i))
        page = [self._hit(i, *best[i], words, query.lang)
                for i in kept[query.offset:query.offset + query.limit]]
        suggestions = self._suggest(words) if not best and words else []
        return SearchResults(query, tuple(words), len(kept), page, dict(counts), suggestions)

    def _sort_label(self, iri: str, lang: str) -> str:
        key = (iri, lang)
        if key not in self._sort_labels:
            self._sort_labels[key] = fold(self.label(iri, lang)[0])
        return self._sort_labels[key]

    def _iri_of(self, text: str) -> str | None:
        if text in self.resources:
            return text
        prefix, colon, rest = text.partition(":")
        if colon and prefix in PREFIXES and PREFIXES[prefix] + rest in self.resources:
            return PREFIXES[prefix] + rest
        return None

    @staticmethod
    def _score(text: _Text, length: int, phrase: str, lang: str) -> tuple[Tier, float]:
        if text.kind in _NAMES:
            tier = (Tier.EXACT if text.joined == phrase else
                    Tier.PREFIX if text.joined.startswith(phrase) else Tier.WORD)
        else:
            tier = Tier.DESCRIPTION
        score = tier * 100 + {"label": 10, "name": 5}.get(text.kind, 0)
        score += 5 if text.lang == lang else 0
        score += 20 * min(1.0, length / max(len(text.joined), 1))
        return tier, round(score, 1)

    @staticmethod
    def _spans(text: _Text, words: list[str]) -> list[tuple[int, int]]:
        spans = []
        for token in text.tokens:
            lengths = [len(w) for w in words if token.word.startswith(w)]
            if lengths:
                exact = token.end - token.start == len(token.word)
                spans.append((token.start, token.start + max(lengths) if exact else token.end))
        return spans

    def label(self, iri: str, lang: str) -> tuple[str, str | None]:
        """The label of ``iri`` in ``lang`` (else English, Indonesian, untagged, any) and
        its language; the local name when it has none."""
        labels = self.resources[iri].labels if iri in self.resources else {}
        for wanted in (lang, "en", "id", ""):
            if wanted in labels:
                return labels[wanted], wanted or None
        if labels:
            found = sorted(labels)[0]
            return labels[found], found or None
        reused = term_label(iri, lang)
        if reused is not None:
            return reused, lang
        return local_name(iri).replace("-", " "), None

    def _hit(self, iri: str, score: float, tier: Tier, text: _Text | None, words: list[str],
             lang: str) -> Hit:
        resource = self.resources[iri]
        name, name_lang = self.label(iri, lang)
        if text is None:
            shown, marks, shown_lang, predicate, statement = prefixed(iri), [], None, None, None
        else:
            shown, marks = snippet(text.text, self._spans(text, words),
                                   width=self.snippet_chars)
            shown_lang, predicate, statement = text.lang, text.predicate, text.statement
        return Hit(iri, name, name_lang, resource.facet, tuple(resource.types), score, tier,
                   predicate, shown, tuple(marks), shown_lang, statement)

    def _suggest(self, words: list[str]) -> list[str]:
        """Spellings close to the query's unknown words (only asked for when nothing
        matched)."""
        fixed = []
        for word in words:
            if self._texts_starting(word):
                fixed.append(word)
                continue
            close = difflib.get_close_matches(word, self.names, n=1, cutoff=0.75)
            if not close:
                return []
            fixed.append(close[0])
        return [" ".join(fixed)] if fixed != words else []


def build_index(store: Store, *, snippet_chars: int = 160) -> SearchIndex:
    """Read the texts, types and class hierarchy of ``store`` into a :class:`SearchIndex`."""
    resources: dict[str, _Resource] = {}
    texts: list[_Text] = []
    kinds = graph_kinds(store)
    found: dict[tuple[str, str | None, str, str, str | None], set[str | None]] = {}
    for iri, predicate, field_kind, value, lang, graph in select_values(
            store, system_query("search-texts"), ["resource", "predicate", "field", "text",
                                                   "lang", "graph"]):
        if iri is not None and value is not None and field_kind is not None:
            key = (iri, predicate, field_kind, " ".join(value.split()), lang or None)
            found.setdefault(key, set()).add(graph)
    for (iri, predicate, field_kind, value, lang), graphs in found.items():
        resource = resources.setdefault(iri, _Resource(iri))
        if predicate in _LABELS:
            resource.labels.setdefault(lang or "", value)
        tokens = tokenize(value)
        if tokens:
            texts.append(_Text(iri, predicate, field_kind, lang, value, tokens,
                               " ".join(t.word for t in tokens),
                               kind_of(graphs, kinds)))
    for iri, cls in select_values(store, system_query("search-types"), ["resource", "type"]):
        if iri is not None and cls is not None:
            resources.setdefault(iri, _Resource(iri)).types.append(cls)
    links = select_values(store, system_query("search-classes"), ["class", "super"])
    supers = superclasses((c, s) for c, s in links if c and s)
    for resource in resources.values():
        resource.types.sort()
        resource.facet = facet_of(resource.types, supers)
        if resource.facet is Facet.OTHER and resource.iri in kinds:
            resource.facet = Facet.GRAPH  # a named graph describing itself
        name = local_name(resource.iri)
        for words in dict.fromkeys((name.replace("-", " "), _CAMEL.sub(" ", name))):
            tokens = tokenize(words)
            if tokens:
                texts.append(_Text(resource.iri, None, "name", None, words, tokens,
                                   " ".join(t.word for t in tokens)))
    return SearchIndex(texts, resources, snippet_chars=snippet_chars)
