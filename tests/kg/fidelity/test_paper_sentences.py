"""Fidelity (issue #11): every factual sentence of the paper is in the graph.

:data:`paper_sentences.SENTENCES` lists the paper sentence by sentence (Table 1 cell by
cell, the references entry by entry). The first test proves the list is the whole paper,
in order; the second that each sentence marked as a fact is quoted, whole, by an excerpt
that a resource of the paper graphs is derived from, in the sentence's section (a quote
may leave out the sentence's final full stop).
"""

from __future__ import annotations

import re

import paper_text
import pytest
from paper_sentences import FACT, SENTENCES
from rdflib.namespace import RDF
from shipped_graphs import PASB, PROV, RES, of_kind


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", autouse=True)
def _paper():
    if not paper_text.PAPER_TEXT.exists():
        pytest.skip(f"source paper not found at {paper_text.PAPER_TEXT}")


def test_the_list_is_the_whole_paper_in_order():
    listed = "".join(_squash(text) for _, _, text in SENTENCES)
    whole = "".join(_squash(line.removeprefix("- ")) for line in
                    (paper_text.normalise(raw) for raw in paper_text.lines()) if line)
    if listed != whole:
        at = next(i for i, (a, b) in enumerate(zip(listed, whole, strict=False)) if a != b)
        pytest.fail(f"the list departs from the paper at …{whole[max(0, at - 60):at]}⟨here⟩"
                    f"{whole[at:at + 60]}… (list has …{listed[at:at + 60]}…)")


def test_each_item_is_in_its_section():
    for section, _, text in SENTENCES:
        assert paper_text.normalise(text) in paper_text.section_text(section), (section, text)


def _used_quotes() -> list[tuple[str, str]]:
    """(section slug, normalised quote) of every excerpt a paper-graph resource uses."""
    out = []
    graphs = list(of_kind("paper").values())
    for graph in graphs:
        for excerpt in graph.subjects(RDF.type, PASB.Excerpt):
            if not any((None, PROV.wasDerivedFrom, excerpt) in g for g in graphs):
                continue
            section = str(graph.value(excerpt, PASB.section)).removeprefix(str(RES) + "section-")
            out.append((section, paper_text.normalise(str(graph.value(excerpt, PASB.quote)))))
    return out


def _within(item_section: str, quote_section: str) -> bool:
    first, end = paper_text.section_ranges()[item_section]
    q_first, q_end = paper_text.section_ranges()[quote_section]
    return q_first <= first and end <= q_end


def test_every_factual_sentence_is_represented():
    quotes = _used_quotes()
    missing = [(section, text) for section, kind, text in SENTENCES if kind == FACT
               and not any(paper_text.normalise(text).rstrip(".") in quote
                           and _within(section, where)
                           for where, quote in quotes)]
    assert not missing, "\n".join(f"[{s}] {t[:110]}" for s, t in missing)
