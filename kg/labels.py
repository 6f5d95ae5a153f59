"""The labels of every IRI of a store, by language, and every other name it goes by.

Read once through ``kg/queries/system/labels.rq`` (any :class:`~kg.store.Store`); the
service keeps one per store generation for its pages, its result tables and the
near-match suggestions of its 404 page.

>>> index = LabelIndex({"https://e/ilo": {"en": "International Labour Organization"}},
...                    {"https://e/ilo": ["International Labour Organization", "ILO"]})
>>> index.label("https://e/ilo", "id")
'International Labour Organization'
>>> index.near("labour-organisation", "https://e/")
['https://e/ilo']
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.describe import system_query
from kg.store import Store, select_values
from kg.term_labels import term_label


@dataclass(frozen=True)
class LabelIndex:
    """Labels of every IRI by language, and every name (labels and other names)."""

    labels: dict[str, dict[str, str]]
    names: dict[str, list[str]]

    def label(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` in ``lang`` (or English, Indonesian, any; for a reused
        term without one, the name :mod:`kg.term_labels` gives it)."""
        found = self.labels.get(iri, {})
        for wanted in (lang, "en", "id", ""):
            if wanted in found:
                return found[wanted]
        return next(iter(found.values()), None) or term_label(iri, lang)

    def near(self, text: str, namespace: str, *, limit: int = 6) -> list[str]:
        """IRIs under ``namespace`` whose slug or a name is close to ``text``: by
        :mod:`difflib` similarity, or by the share of its words they contain (so
        "netherlands-government" finds "Government of the Netherlands")."""
        wanted = _words(text)
        words = set(wanted.split())
        best: dict[str, float] = {}
        for iri, names in self.names.items():
            if not iri.startswith(namespace):
                continue
            for key in {_words(iri[len(namespace):]), *(_words(n) for n in names)}:
                matcher = difflib.SequenceMatcher(None, wanted, key)
                ratio = matcher.ratio() if matcher.quick_ratio() > 0.5 else 0.0
                overlap = len(words & set(key.split())) / len(words) if words else 0.0
                best[iri] = max(best.get(iri, 0.0), ratio, overlap * 0.95)
        ranked = sorted((score, iri) for iri, score in best.items() if score >= 0.55)
        return [iri for _, iri in sorted(ranked, key=lambda si: (-si[0], si[1]))[:limit]]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def read_labels(store: Store) -> LabelIndex:
    """The :class:`LabelIndex` of ``store``."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    names: dict[str, list[str]] = defaultdict(list)
    rows = select_values(store, system_query("labels"), ["resource", "label", "lang", "kind"])
    for resource, text, lang, kind in rows:
        if resource is None or text is None:
            continue
        if kind == "label":
            labels[resource].setdefault(lang or "", text)
        names[resource].append(text)
    return LabelIndex(dict(labels), dict(names))
