"""The report's figures are legible: whole labels (no "…" that makes two programmes look
alike), node labels that overlap nothing, legends outside the data, words in the
report's language, captions in words."""

from __future__ import annotations

import networkx as nx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from kg.network import extract
from kg.network.figures import FIGURES, draw_affiliation, draw_brokerage, draw_network
from kg.network.measures import cooperation_measures
from kg.network.report import build_report


@pytest.fixture(scope="module")
def parts(mini: nx.MultiDiGraph):
    cm = cooperation_measures(mini)
    B = extract.affiliation_graph(mini, extract.Layer.PARTICIPATION)
    G = extract.network_view(mini, projection="actors")
    return G, B, cm


def texts(fig) -> list[str]:
    FigureCanvasAgg(fig).draw()
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t]


def overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("lang", ["en", "id"])
def test_network_labels_are_whole_and_apart(parts, lang: str) -> None:
    G, _, cm = parts
    betweenness = {n: v["betweenness"] for n, v in cm["actors"]["nodes"].items()}
    fig = draw_network(G, betweenness, lang)
    boxes = list(fig.placed_labels.values())
    assert len(boxes) >= 0.75 * G.number_of_nodes()
    frame = fig.axes[0].get_window_extent()
    for i, a in enumerate(boxes):
        assert frame.x0 <= a.x0 and a.x1 <= frame.x1 and frame.y0 <= a.y0 and a.y1 <= frame.y1
        assert not any(overlap(a, b) for b in boxes[i + 1:])
    words = " ".join(texts(fig))
    assert "…" not in words
    legend = fig.legends[0].get_window_extent()
    assert not overlap(legend, frame)  # the legend is below the drawing, not on it
    assert ("Donor" if lang == "en" else "Lembaga pemerintah") in words


@pytest.mark.parametrize("lang", ["en", "id"])
def test_affiliation_names_every_programme_in_full(parts, lang: str) -> None:
    _, B, _ = parts
    fig = draw_affiliation(B, lang)
    shown = [t.replace("\n", " ") for t in texts(fig)]
    own = "label_id" if lang == "id" else "label_en"
    for _, data in B.nodes(data=True):
        label = data.get(own) or data["label"]
        assert any(label in t for t in shown), label
    assert not any("…" in t for t in shown)
    programme_ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(set(programme_ticks)) == len(programme_ticks)
    key = "F funding" if lang == "en" else "F pendanaan"
    assert any(key in t for t in shown)


def test_brokerage_legend_is_off_the_bars(parts) -> None:
    _, _, cm = parts
    raw = cm["delegation"]["brokerage"]["raw"]
    fig = draw_brokerage(raw, {n: n for n in raw}, "id")
    FigureCanvasAgg(fig).draw()
    assert not overlap(fig.legends[0].get_window_extent(), fig.axes[0].get_window_extent())
    assert "penghubung (liaison)" in " ".join(texts(fig))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_figure_has_a_caption_in_words(mini: nx.MultiDiGraph, lang: str) -> None:
    report = build_report(mini, lang=lang)
    assert set(report.captions) == set(FIGURES)
    for name in FIGURES:
        assert f"{name}.png" in report.figures and f"{name}.svg" in report.figures
        assert len(report.captions[name].split()) >= 15  # a sentence, not a file name
    if lang == "id":
        assert "Jaringan aktor" in report.captions["network"]
