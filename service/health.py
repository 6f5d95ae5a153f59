"""``/healthz`` (is the store reachable, how many triples) and ``/metrics`` (Prometheus
text: requests by status, query time histogram, timeouts, worker restarts).

Each application has its own registry, so several apps in one process (tests) do not
share counters.
"""

from __future__ import annotations

import time

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from kg.errors import KGError
from service.state import state

bp = Blueprint("health", __name__)


class ExecutorCollector(Collector):
    """Reports the executor's own counters at scrape time."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self):  # type: ignore[no-untyped-def]
        executor = self.app.extensions["pasb"].executor
        yield CounterMetricFamily("pasb_query_timeouts", "Queries and updates stopped at "
                                  "their time limit.", value=executor.stats.timeouts)
        yield CounterMetricFamily("pasb_query_cancels", "Running queries cancelled by their "
                                  "client (POST /sparql/cancel).", value=executor.stats.cancels)
        yield CounterMetricFamily("pasb_worker_restarts", "Query workers killed and "
                                  "replaced.", value=executor.stats.respawns)
        yield CounterMetricFamily("pasb_writes", "Committed updates and Graph Store writes.",
                                  value=executor.stats.writes)
        yield GaugeMetricFamily("pasb_store_generation", "Committed writes since start.",
                                value=executor.generation)


def init_app(app: Flask) -> None:
    """Create the app's metrics and the hooks that record every request."""
    registry = CollectorRegistry()
    requests = Counter("pasb_http_requests", "HTTP requests by endpoint, method and status.",
                       ["endpoint", "method", "status"], registry=registry)
    query_seconds = Histogram(
        "pasb_query_seconds", "Time to answer SPARQL queries, by query form.", ["form"],
        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        registry=registry)
    registry.register(ExecutorCollector(app))
    app.extensions["pasb_metrics"] = registry

    @app.before_request
    def start_timer() -> None:
        g.pasb_started = time.perf_counter()

    @app.after_request
    def record(response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        requests.labels(endpoint, request.method, str(response.status_code)).inc()
        form = request.environ.get("pasb.query_form")
        if form:
            query_seconds.labels(form).observe(time.perf_counter() - g.pasb_started)
        return response


@bp.route("/healthz")
def healthz() -> Response:
    """200 with the counts when a worker can read the store; 503 otherwise.

    ``triples`` is the number of distinct triples of the default graph (the union of all
    graphs, as ``pasb-kg stats`` and VoID count them); ``quads`` counts every statement
    in every graph, so a triple stated in two graphs counts twice there.
    """
    from service.description import dataset_counts

    current = state()
    timeout = min(5.0, current.settings.query_timeout)
    try:
        quads = current.read({"op": "count"}, timeout=timeout)["count"]
        totals = dataset_counts(current)["totals"]
    except KGError as exc:
        response = jsonify(status="unavailable", error=str(exc))
        response.status_code = 503
        return response
    triples = int(totals[0]["triples"]) if totals else 0
    return jsonify(status="ok", triples=triples, quads=quads,
                   generation=current.executor.generation,
                   workers=current.executor.readers, writable=current.writable)


@bp.route("/metrics")
def metrics() -> Response:
    """Prometheus text exposition of the app's registry."""
    from prometheus_client import generate_latest

    registry = current_app.extensions["pasb_metrics"]
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
