"""The report (sentences from numbers, byte-for-byte reproducible) and the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.network.report import Verdict, build_report, render_report

MINI = Path(__file__).resolve().parents[2] / "data" / "network-mini.ttl"


@pytest.fixture(scope="module")
def report(mini: nx.MultiDiGraph):
    return build_report(mini)


def test_findings_follow_the_numbers(report) -> None:
    hub, plural, inter, functional, tri = report.findings
    assert hub.verdict is Verdict.SUPPORTED
    assert "shares the highest betweenness" in hub.sentence
    assert "100% of the shortest paths from donors" in hub.sentence
    assert plural.values["non_state_share"] == 0.5 and "6 (50%) are non-state" in plural.sentence
    # The youth programme has no workers' organisation in the fixture.
    assert tri.verdict is Verdict.PARTLY
    assert "1 of 2 programmes" in tri.sentence and "lacks workers" in tri.sentence
    assert inter.values["components"] == 1
    assert functional.values["communities"] >= 1


def test_year_changes_the_numbers(mini: nx.MultiDiGraph) -> None:
    tri = build_report(mini, year=2010, figures=False).findings[4]
    assert tri.verdict is Verdict.SUPPORTED and "1 of 1 programmes" in tri.sentence


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_is_byte_for_byte_reproducible(mini: nx.MultiDiGraph, report, fmt: str) -> None:
    again = build_report(mini)
    assert render_report(again, fmt) == render_report(report, fmt)
    assert again.figures == report.figures
    assert {"network.png", "network.svg", "affiliation.png", "affiliation.svg",
            "brokerage.png", "brokerage.svg"} <= set(report.figures)


def test_json_and_html(report) -> None:
    data = json.loads(render_report(report, "json"))
    assert data["findings"][0]["verdict"] == "supported"
    html = render_report(report, "html")
    assert html.count("<svg") == 3 and "<h2>5." in html


def test_cli_report_to_directory(tmp_path: Path) -> None:
    assert main(["network", "report", "--graph", str(MINI), "--format", "html",
                 "-o", str(tmp_path)]) == 0
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "figures" / "network.svg").exists()


def test_cli_export_and_measures(tmp_path: Path, capsys) -> None:
    assert main(["network", "export", "--graph", str(MINI), "--format", "csv",
                 "-o", str(tmp_path / "csv")]) == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["edges.csv", "nodes.csv"]
    assert main(["network", "measures", "--graph", str(MINI), "--projection", "delegation"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["graph"]["nodes"] == 12


@pytest.mark.parametrize("argv, name", [
    (["network", "export", "--format", "dot"], "--format"),
    (["network", "export", "--layer", "friends"], "layer"),
    (["network", "measures", "--year", "1990"], "year"),
    (["network", "report", "--format", "pdf"], "--format"),
])
def test_cli_bad_parameters(argv: list[str], name: str, capsys) -> None:
    assert main([*argv, "--graph", str(MINI)]) == 2
    assert name in capsys.readouterr().err


def test_indonesian_report_has_the_same_numbers_in_other_words(mini: nx.MultiDiGraph,
                                                               report) -> None:
    indonesian = build_report(mini, lang="id")
    for en, id_ in zip(report.findings, indonesian.findings, strict=True):
        assert en.values == id_.values and en.verdict is id_.verdict
        assert en.sentence != id_.sentence and en.proposition != id_.proposition
        assert "Struktur jaringan" in id_.sentence and "structure" not in id_.sentence
    text = render_report(indonesian, "md")
    assert text.startswith("# Struktur kerja sama program ILO–Indonesia (semua tahun)")
    assert "**Putusan:**" in text and "Verdict" not in text
    html = render_report(indonesian, "html")
    assert '<html lang="id">' in html and "<figcaption>" in html
    data = json.loads(render_report(indonesian, "json"))
    assert data["lang"] == "id" and data["findings"][0]["verdict"] == "supported"
    assert data["findings"][0]["verdict_text"] == "didukung"


def test_cli_report_in_indonesian(tmp_path: Path, capsys) -> None:
    assert main(["network", "report", "--graph", str(MINI), "--lang", "id"]) == 0
    assert "Para aktor saling bergantung." in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["network", "report", "--graph", str(MINI), "--lang", "fr"])
    assert exit_.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_every_word_of_the_catalogue_is_in_both_languages() -> None:
    from kg.network.words import TYPE_NAMES, WORDS

    same = {"Donor"}  # the same word in Indonesian
    for key, (en, id_) in {**WORDS, **TYPE_NAMES}.items():
        assert en.strip() and id_.strip(), key
        assert en != id_ or en in same, f"{key} is not translated"
