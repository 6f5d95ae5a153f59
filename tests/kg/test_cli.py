"""The command line as a user runs it: a subprocess, its output and its exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.formats import GraphFormat
from kg.sources import data_dir, ontology_dir


@pytest.fixture
def source_copy(tmp_path: Path) -> dict[str, str]:
    """A private copy of ontology/ and kg/data/ that a test may break."""
    shutil.copytree(ontology_dir(), tmp_path / "ontology")
    shutil.copytree(data_dir(), tmp_path / "data")
    return {"PASB_ONTOLOGY_DIR": str(tmp_path / "ontology"),
            "PASB_DATA_DIR": str(tmp_path / "data")}


def test_build_prints_counts_per_file(cli) -> None:
    result = cli("build", "--memory", "--no-validate")
    assert result.returncode == 0, result.stderr
    assert "quads in the store" in result.stdout
    assert "kg/data/" in result.stdout or "kg\\data" in result.stdout


def test_syntax_error_names_file_line_column_and_loads_nothing(cli, source_copy, tmp_path):
    store = tmp_path / "store"
    first = cli("build", "--store", str(store), "--no-validate", env=source_copy)
    assert first.returncode == 0, first.stderr
    before = cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv",
                 "--store", str(store), env=source_copy).stdout

    broken = Path(source_copy["PASB_DATA_DIR"]) / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    result = cli("build", "--store", str(store), "--no-validate", env=source_copy)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"{broken}:3:" in lines[0]

    broken.unlink()
    after = cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv",
                "--store", str(store), env=source_copy).stdout
    assert before == after, "the failed build must leave the previous store untouched"


def test_ontology_syntax_error_fails_validate(cli, source_copy) -> None:
    onto = Path(source_copy["PASB_ONTOLOGY_DIR"]) / "pasb.ttl"
    onto.write_text(onto.read_text(encoding="utf-8") + "\n<http://e/x> <http://e/y> \"open .\n",
                    encoding="utf-8")
    result = cli("validate", env=source_copy)
    assert result.returncode == 2
    assert f"{onto}:" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "--name", "no-such-query"], "unknown named query 'no-such-query'"),
        (["query", "SELECT * WHERE { ?s ?p }"], "1:"),
        (["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "yaml"], "--format 'yaml'"),
        (["export", "--format", "yaml"], "--format 'yaml'"),
        (["query", "ASK {}", "--format", "turtle"], "--format turtle"),
        (["query"], "give exactly one of"),
    ],
)
def test_bad_input_is_one_line_and_status_2(cli, args: list[str], message: str) -> None:
    result = cli(*args, "--memory")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_query_formats(cli) -> None:
    q = "SELECT ?label WHERE { <https://w3id.org/pasb/resource/ilo> rdfs:label ?label }"
    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + q
    as_json = cli("query", q, "--format", "json", "--memory")
    assert as_json.returncode == 0, as_json.stderr
    labels = {b["label"]["value"] for b in json.loads(as_json.stdout)["results"]["bindings"]}
    assert "International Labour Organization" in labels
    table = cli("query", q, "--memory").stdout
    assert "International Labour Organization@en" in table and "row" in table.splitlines()[-1]


def test_query_from_file(cli, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s ?p ?o }")
    result = cli("query", "-f", str(rq), "--memory")
    assert result.stdout.strip() == "true"


@pytest.mark.parametrize("fmt", list(GraphFormat), ids=lambda f: f.value)
def test_export_round_trip(cli, tmp_path: Path, kg_store, fmt: GraphFormat) -> None:
    out = tmp_path / f"dump.{fmt.value}"
    result = cli("export", "--format", fmt.value, "-o", str(out), "--memory")
    assert result.returncode == 0, result.stderr
    reference = kg_store.to_rdflib()
    if fmt.oxigraph.supports_datasets:
        back = Dataset()
        back.parse(out, format=fmt.rdflib_name)
        for graph in reference.graphs():
            if len(graph):
                assert isomorphic(graph, back.graph(graph.identifier)), graph.identifier
        assert len(back) == len(reference)
    else:
        back = Graph().parse(out, format=fmt.rdflib_name)
        union = Graph()
        for s, p, o, _graph in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        assert len(union) > 1000
        assert isomorphic(union, back)


def test_stats(cli, kg_store) -> None:
    result = cli("stats", "--memory")
    assert result.returncode == 0, result.stderr
    triples = int(result.stdout.split("triples", 1)[1].split()[0])
    distinct = len({q.triple for q in kg_store.quads()})
    assert triples == distinct
    assert "instances per class" in result.stdout
    assert "owl:sameAs -> http://www.wikidata.org/" in result.stdout
    assert "(res:match-method-manual)" in result.stdout
    assert "enriched facts per source" in result.stdout


def test_project_prefixes_need_no_declaration(cli) -> None:
    result = cli("query", "SELECT ?start WHERE { res:programme-education schema:startDate ?start }",
                 "--format", "csv", "--memory")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["start", "2010-01-01"]
    declared = cli("query", "PREFIX res: <http://example.org/> ASK { res:x ?p ?o }", "--memory")
    assert declared.stdout.strip() == "false", "a query's own PREFIX must win"
