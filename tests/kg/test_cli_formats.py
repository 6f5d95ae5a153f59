"""Every format that ``pasb-kg query --help`` lists works; graph results default to
Turtle; syntax errors and unreachable endpoints are one actionable line."""

from __future__ import annotations

import io
import json
import re

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS
from rdflib.query import Result

RES = Namespace("https://w3id.org/pasb/resource/")
SELECT = "SELECT * WHERE { res:ilo rdfs:label ?label ; a ?type } ORDER BY ?label"
DESCRIBE = "DESCRIBE res:ilo"


def listed_formats(cli) -> tuple[list[str], list[str]]:
    text = " ".join(cli("query", "--help").stdout.split())
    results = re.search(r"table\|json\|csv\|tsv\|xml", text).group().split("|")
    graphs = re.search(r"turtle\|ntriples\|jsonld\|rdfxml\|nquads\|trig", text).group()
    return results, graphs.split("|")


RESULTS = ["table", "json", "csv", "tsv", "xml"]
GRAPHS = ["turtle", "ntriples", "jsonld", "rdfxml", "nquads", "trig"]


def test_help_lists_these_formats(cli) -> None:
    assert listed_formats(cli) == (RESULTS, GRAPHS)


@pytest.mark.parametrize("fmt", RESULTS)
def test_every_select_format(cli, fmt: str) -> None:
    out = cli("query", "--memory", SELECT, "--format", fmt)
    assert out.returncode == 0, out.stderr
    if fmt == "table":
        header = out.stdout.splitlines()[0].split()
        assert header == ["label", "type"]  # SELECT * in the order of the query
        assert "International Labour Organization" in out.stdout
        return
    result = Result.parse(io.StringIO(out.stdout), format=fmt)
    assert [str(v) for v in result.vars] == ["label", "type"]
    assert "International Labour Organization" in {str(row[0]) for row in result}


@pytest.mark.parametrize("fmt", [*GRAPHS, None])
def test_every_graph_format_and_the_default(cli, fmt: str | None) -> None:
    args = ["query", "--memory", DESCRIBE] + (["--format", fmt] if fmt else [])
    out = cli(*args)
    assert out.returncode == 0, out.stderr
    parser = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml",
              "nquads": "nquads", "trig": "trig", None: "turtle"}[fmt]
    if parser in ("nquads", "trig"):
        from rdflib import Dataset

        graph = Graph()
        for s, p, o, _ in Dataset().parse(data=out.stdout, format=parser).quads():
            graph.add((s, p, o))
    else:
        graph = Graph().parse(data=out.stdout, format=parser)
    assert (RES.ilo, RDFS.label, None) in graph
    if fmt in (None, "turtle"):
        assert "@prefix res: <https://w3id.org/pasb/resource/> ." in out.stdout


def test_named_describe_resource_runs_by_default(cli) -> None:
    out = cli("query", "--memory", "--name", "describe-resource")
    assert out.returncode == 0, out.stderr
    assert len(Graph().parse(data=out.stdout, format="turtle")) > 0


def test_a_wrong_kind_of_format_names_the_right_ones(cli) -> None:
    out = cli("query", "--memory", DESCRIBE, "--format", "csv")
    assert out.returncode == 2
    assert out.stderr.strip() == ("pasb-kg query: --format csv: a CONSTRUCT/DESCRIBE result "
                                  "is a graph; use one of "
                                  "turtle|ntriples|nquads|trig|jsonld|rdfxml")


def test_syntax_error_names_file_line_and_column(cli, tmp_path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x\nWHERE {\n  ?x rdfs:label ?y ?z\n}\n")
    out = cli("query", "--memory", "-f", str(query))
    assert out.returncode == 2
    assert out.stderr.strip() == (f"pasb-kg query: {query}:3:20: unexpected `?z` (is a `.` "
                                  "or `;` missing before it?)")
    out = cli("query", "--memory", "SELECT ?x WHERE { ?x foo:bar ?y }")
    assert out.stderr.strip() == "pasb-kg query: 1:22: prefix `foo:` is not declared"


@pytest.mark.parametrize("action", ["reconcile", "enrich"])
def test_link_fails_at_once_when_the_endpoint_cannot_be_reached(cli, action) -> None:
    import time

    started = time.monotonic()
    out = cli("link", action, "--memory", "--dry-run", "--endpoint",
              "http://no-such-host.invalid/sparql")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach http://no-such-host.invalid/sparql" in lines[0]
    assert "does not resolve" in lines[0] and "PASB_FEDERATION_MIRRORS" in lines[0]
    assert time.monotonic() - started < 20  # no retries with back-off


def test_link_query_without_the_allowlist_names_the_setting(cli) -> None:
    out = cli("link", "query", "--memory", "-f", "kg/queries/federated-actor-labels-wikidata.rq")
    assert out.returncode == 2
    assert "PASB_FEDERATION_ALLOWLIST=https://query.wikidata.org/sparql" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_json_of_select_is_sparql_json(cli) -> None:
    out = cli("query", "--memory", "ASK { res:ilo ?p ?o }", "--format", "json")
    assert json.loads(out.stdout)["boolean"] is True
