"""``pasb-kg load``: formats, gzip, a malformed line, --lenient, idempotent reruns, the
count, progress output; on the embedded store and on Oxigraph server."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest

GOOD = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(50))
BAD_LINE = '<http://example.org/bad> <http://example.org/p> "unterminated .\n'


def write(path: Path, text: str) -> Path:
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def count(cli, env, graph: str) -> int:
    result = cli("query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                 "--format", "csv", env=env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@pytest.fixture(params=["embedded", "oxigraph"])
def store_env(request, tmp_path, remote_stores) -> dict[str, str]:
    if request.param == "embedded":
        return {"PASB_STORE": str(tmp_path / "store"), "PASB_LOAD_KG": "false"}
    return {"PASB_STORE": remote_stores("oxigraph", "scratch").location}


@pytest.mark.parametrize("name", ["data.nt", "data.nt.gz", "data.ttl", "data.ttl.gz"])
def test_load_replaces_the_graph(cli, store_env, tmp_path, name: str) -> None:
    path = write(tmp_path / name, GOOD)
    graph = f"http://example.org/load/{name}"
    for _ in range(2):  # a rerun replaces, never duplicates
        result = cli("load", str(path), "--graph", graph, env=store_env)
        assert result.returncode == 0, result.stderr
        assert "50 statements parsed, 50 in" in result.stdout
    assert count(cli, store_env, graph) == 50


def test_quads_keep_their_graphs(cli, store_env, tmp_path) -> None:
    quads = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" '
                    f'<http://example.org/q{i % 2}> .\n' for i in range(10))
    path = write(tmp_path / "data.nq.gz", quads)
    assert cli("load", str(path), env=store_env).returncode == 0
    assert count(cli, store_env, "http://example.org/q0") == 5
    assert count(cli, store_env, "http://example.org/q1") == 5


def test_a_malformed_line_loads_nothing(cli, store_env, tmp_path) -> None:
    path = write(tmp_path / "bad.nt", GOOD + BAD_LINE + GOOD)
    result = cli("load", str(path), "--graph", "http://example.org/bad", env=store_env)
    assert result.returncode == 2
    assert f"{path}:51:" in result.stderr  # file:line:column
    assert count(cli, store_env, "http://example.org/bad") == 0


def test_lenient_skips_and_counts_bad_lines(cli, store_env, tmp_path) -> None:
    path = write(tmp_path / "bad.nt.gz", BAD_LINE + GOOD + BAD_LINE)
    result = cli("load", str(path), "--graph", "http://example.org/lenient", "--lenient",
                 env=store_env)
    assert result.returncode == 0, result.stderr
    assert "50 statements parsed, 2 malformed lines skipped" in result.stdout
    assert "bad.nt.gz:1: malformed line skipped" in result.stderr
    assert count(cli, store_env, "http://example.org/lenient") == 50


def test_lenient_needs_a_line_format(cli, store_env, tmp_path) -> None:
    path = write(tmp_path / "data.ttl", GOOD)
    result = cli("load", str(path), "--lenient", env=store_env)
    assert result.returncode == 2 and "N-Triples and N-Quads only" in result.stderr


def test_progress_lines_when_not_on_a_terminal(cli, tmp_path, monkeypatch) -> None:
    import kg.load

    path = write(tmp_path / "data.nt", GOOD * 40)
    monkeypatch.setattr(kg.load, "LOG_EVERY", 0.0)
    progress = kg.load.Progress(path, label="loading data.nt", bar=False)
    with pytest.MonkeyPatch.context() as patch, progress:
        lines: list[str] = []
        patch.setattr(kg.load.log, "warning", lambda fmt, *a: lines.append(fmt % a))
        while progress.read(512):
            pass
    assert lines and "loading data.nt:" in lines[-1] and "triples/s, ETA" in lines[-1]


def test_a_progress_bar_on_a_terminal(tmp_path, capsys) -> None:
    from kg.load import Progress

    path = write(tmp_path / "data.nt", GOOD)
    with Progress(path, label="loading", bar=True) as progress:
        progress.triples = 50
        while progress.read(64):
            pass
    err = capsys.readouterr().err
    assert "loading" in err and "100%" in err and "triples/s" in err


def test_graph_does_not_apply_to_quads(cli, store_env, tmp_path) -> None:
    path = write(tmp_path / "data.nq", '<http://e/a> <http://e/b> "c" <http://e/g> .\n')
    result = cli("load", str(path), "--graph", "http://example.org/x", env=store_env)
    assert result.returncode == 2 and "--graph does not apply" in result.stderr


def test_loaded_terms_are_the_file_terms(cli, store_env, tmp_path) -> None:
    text = '<http://e/a> <http://e/b> "kerja"@id .\n<http://e/a> <http://e/c> _:x .\n'
    path = write(tmp_path / "terms.nt", text)
    assert cli("load", str(path), "--graph", "http://example.org/terms",
               env=store_env).returncode == 0
    result = cli("export", "--format", "nquads", env=store_env)
    quads = [q for q in ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_QUADS)
             if q.graph_name.value == "http://example.org/terms"]
    assert {str(q.object) for q in quads if isinstance(q.object, ox.Literal)} == {'"kerja"@id'}
    assert any(isinstance(q.object, ox.BlankNode) for q in quads)
