"""Write tests/service/w3c/QUERY-EVAL-RESULTS.md: the W3C SPARQL 1.1 query-evaluation
tests through the live endpoint in both runner modes, and each failing test run again
in-process on pyoxigraph (same data, same query, same comparison), which tells a
limitation of the engine from a bug of the service.

    .venv/bin/python bench/w3c_query_eval_report.py
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

RUNNER = Path(__file__).resolve().parents[1] / "tests/service/w3c/test_query_evaluation.py"

#: The media type the runner asks for, per expected result file, and pyoxigraph's writer.
WRITERS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
}


def load_runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("w3c_query_evaluation", RUNNER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class _Response:
    """Just what the runner's ``response_answer`` reads from a ``requests.Response``."""

    def __init__(self, body: bytes, media_type: str) -> None:
        self.content = body
        self.headers = {"Content-Type": media_type}


def engine_outcome(runner: ModuleType, test: object) -> str | None:
    """Run ``test`` on an in-process pyoxigraph store; ``None`` when it passes."""
    store = ox.Store()
    try:
        for path in test.data:
            store.extend(
                [
                    ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                    for t in runner.parse_file(path)
                ]
            )
        for path in test.graph_data:
            graph = ox.NamedNode(path.as_uri())
            store.extend(
                [ox.Quad(t.subject, t.predicate, t.object, graph) for t in runner.parse_file(path)]
            )
        text = runner.query_text(test)
        result = store.query(text)
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        return f"error: {' '.join(str(exc).split())[:160]}"
    if isinstance(result, ox.QueryTriples):
        body = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        response = _Response(body, "application/n-triples")
    else:
        media_type = runner.ACCEPT.get(test.result.suffix, "application/sparql-results+json")
        response = _Response(result.serialize(format=WRITERS[media_type]), media_type)
    actual = runner.response_answer(response)
    return runner.compare(
        runner.expected_answer(test.result), actual, ordered=runner.has_order_by(text)
    )


def main() -> int:
    runner = load_runner()
    if not runner.collect_tests():
        print(f"W3C suite not found at {runner.SUITE}", file=sys.stderr)
        return 1
    runs = {mode: runner.run_all(mode=mode) for mode in runner.MODES}
    failing = {
        o.test.id: o.test for outcomes, _ in runs.values() for o in outcomes if o.reason is not None
    }
    engine = {test_id: engine_outcome(runner, test) for test_id, test in failing.items()}
    runner.write_report(runs, engine=engine)
    for mode, (outcomes, seconds) in runs.items():
        passed = sum(o.reason is None for o in outcomes)
        print(f"{mode}: {passed} / {len(outcomes)} passed in {seconds:.1f} s")
    print(f"wrote {runner.REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
