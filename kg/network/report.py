"""The cooperation-structure report: each neoliberal-institutionalist proposition of the
paper, the indicator that tests it, the measured value and a sentence generated from the
numbers saying whether the structure supports it.

The propositions are those the paper takes from Baylis, Smith & Owens (2011): (1) the
international organisation is the hub and mediator; (2) state and non-state actors are
plural; (3) the actors are interdependent; (4) cooperation is functional; (5) the ILO
works tripartitely. The decision rules are stated in each finding, so a reader can
disagree with a threshold without re-reading code.

Given the network of only what the paper states too (``paper=``), the report judges every
proposition twice, says where the verdicts differ, and lists the inputs of the full network
that are the modeller's interpretations or outside context (:mod:`kg.network.scopes`).
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

import networkx as nx

from kg.network import extract
from kg.network.measures import cooperation_measures
from kg.settings import Settings


class ReportFormat(Enum):
    """Output formats of the report."""

    MD = "md"
    HTML = "html"
    JSON = "json"


class Verdict(Enum):
    """How far the measured structure supports a proposition."""

    SUPPORTED = "supported"
    PARTLY = "partly supported"
    NOT_SUPPORTED = "not supported"


@dataclass
class Finding:
    """One proposition with its indicator, values, rule, generated sentence and verdict."""

    number: int
    proposition: str
    indicator: str
    rule: str
    values: dict[str, Any]
    sentence: str
    verdict: Verdict


@dataclass
class ScopeComparison:
    """The verdicts on only what the paper states, beside those on everything."""

    paper_verdicts: dict[int, Verdict]
    paper_sentences: dict[int, str]
    differing: list[int]
    inputs: list[str]


@dataclass
class Report:
    """The findings and every measure behind them, for one year or the whole period."""

    year: int | None
    findings: list[Finding]
    measures: dict[str, Any]
    figures: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    scopes: ScopeComparison | None = None


def _verdict(checks: list[bool]) -> Verdict:
    if all(checks):
        return Verdict.SUPPORTED
    return Verdict.PARTLY if any(checks) else Verdict.NOT_SUPPORTED


def _names(nodes: list[str], labels: dict[str, str]) -> str:
    names = [labels.get(n, n) for n in nodes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _support_phrase(verdict: Verdict) -> str:
    return {Verdict.SUPPORTED: "The structure supports the proposition.",
            Verdict.PARTLY: "The structure supports the proposition only in part.",
            Verdict.NOT_SUPPORTED: "The structure does not support the proposition."}[verdict]


def _hub(cm: dict[str, Any], labels: dict[str, str]) -> Finding:
    nodes = cm["actors"]["nodes"]
    ios = sorted(n for n, v in nodes.items() if v.get("actor_type") == "international-organisation")
    top = max((v["betweenness"] for v in nodes.values()), default=0.0)
    leaders = sorted(n for n, v in nodes.items() if v["betweenness"] == top)
    raw = cm["delegation"]["brokerage"]["raw"]
    z = cm["delegation"]["brokerage"]["z"]
    liaison_top = max((r["liaison"] for r in raw.values()), default=0)
    liaisons = sorted(n for n, r in raw.items() if r["liaison"] == liaison_top and liaison_top)
    mediation = cm["delegation"]["mediation"]
    io_mediation = max((mediation.get(n, 0.0) for n in ios), default=0.0)
    cz = cm["actors"]["graph"]["centralization"]
    io = ios[0] if ios else None
    checks = [bool(set(ios) & set(leaders)), bool(set(ios) & set(liaisons)), io_mediation >= 0.5]
    verdict = _verdict(checks)
    if io is None:
        sentence = "No international organisation takes part in the programmes."
    else:
        shared = [n for n in leaders if n != io]
        where = ("has the highest betweenness" if leaders == [io] else
                 f"shares the highest betweenness with {_names(shared, labels)}"
                 if io in leaders else f"does not have the highest betweenness "
                 f"({_names(leaders, labels)} {'do' if len(leaders) > 1 else 'does'}, {top:.3f})")
        z_io = z.get(io, {}).get("liaison")
        sentence = (
            f"{labels.get(io, io)} {where} in the co-participation network "
            f"({nodes[io]['betweenness']:.3f}). In the delegation network it lies on "
            f"{io_mediation:.0%} of the shortest paths from donors to domestic actors and "
            f"brokers {raw.get(io, {}).get('liaison', 0)} liaison two-paths"
            + (f" (z = {z_io:.2f})" if z_io is not None else "")
            + (", more than any other actor" if liaisons == [io] else "")
            + f". Freeman betweenness centralisation is {cz['betweenness']:.2f} and degree "
            f"centralisation {cz['degree']:.2f}. {_support_phrase(verdict)}")
    return Finding(1, "The international organisation is the hub and mediator of cooperation.",
                   "betweenness; donor→domestic mediation; liaison brokerage; centralisation",
                   "supported when an IO has the (joint) highest betweenness, the most liaison "
                   "brokerage, and lies on at least half the donor→domestic geodesics",
                   {"leaders": leaders, "betweenness": top, "liaison_leaders": liaisons,
                    "io_mediation": io_mediation, "centralization": cz}, sentence, verdict)


def _plurality(cm: dict[str, Any]) -> Finding:
    p = cm["plurality"]
    state = p["actors"] - p["non_state"]
    checks = [p["non_state_share"] >= 1 / 3, state > 0, p["type_count"] >= 3]
    verdict = _verdict(checks)
    sentence = (
        f"Of the {p['actors']} actors, {p['non_state']} ({p['non_state_share']:.0%}) are "
        f"non-state and {state} are state actors, of {p['type_count']} actor types "
        f"(Shannon H = {p['shannon']:.2f}, evenness {p['evenness']:.2f}; Blau index "
        f"{p['blau']:.2f}). {_support_phrase(verdict)}")
    return Finding(2, "States are the main but not the only actors: actors are plural.",
                   "share of non-state actors; Shannon and Blau diversity of actor types",
                   "supported when at least a third of the actors are non-state, state actors "
                   "take part, and there are three or more actor types", p, sentence, verdict)


def _interdependence(cm: dict[str, Any]) -> Finding:
    g = cm["actors"]["graph"]
    overlap = cm["overlap"]
    pairs = [v for p, row in overlap.items() for q, v in row.items() if p < q]
    mx = cm["combined"]["multiplexity"]
    checks = [g["components"] == 1, bool(pairs) and min(pairs) > 0, mx["multiplex_share"] > 0]
    verdict = _verdict(checks)
    overlap_text = (f"programmes share on average {cm['mean_overlap']:.0%} of their participants "
                    f"(Jaccard; lowest pair {min(pairs):.0%})" if pairs
                    else "there is only one programme, so no overlap can be measured")
    sentence = (
        f"The co-participation network has density {g['density']:.2f} in "
        f"{g['components']} component{'s' if g['components'] != 1 else ''}; {overlap_text}; "
        f"{mx['multiplex_share']:.0%} of ties carry more than one programme or instrument "
        f"(mean {mx['mean']:.2f} per tie). {_support_phrase(verdict)}")
    return Finding(3, "Actors are interdependent.",
                   "density; components; programme overlap (Jaccard); multiplexity",
                   "supported when the network is connected, every pair of programmes shares a "
                   "participant, and some ties are multiplex",
                   {"density": g["density"], "components": g["components"],
                    "mean_overlap": cm["mean_overlap"], "multiplexity": mx},
                   sentence, verdict)


def _functional(cm: dict[str, Any], B: nx.Graph, labels: dict[str, str]) -> Finding:
    nodes = cm["actors"]["nodes"]
    g = cm["actors"]["graph"]
    groups: dict[int, list[str]] = {}
    for n, v in nodes.items():
        groups.setdefault(v["community"], []).append(n)
    alignment = {}
    for c, members in sorted(groups.items()):
        counts = {p: sum(1 for a in members if B.has_edge(a, p)) for p in cm["programmes"]}
        best = max(sorted(counts), key=counts.get) if counts else None
        alignment[c] = {"programme": best, "share": counts[best] / len(members) if best else 0.0,
                        "size": len(members)}
    mean_alignment = (sum(a["share"] for a in alignment.values()) / len(alignment)
                      if alignment else 0.0)
    q = g["modularity"]
    checks = [len(groups) >= 2 and (q or 0) > 0, mean_alignment >= 0.75]
    verdict = _verdict(checks)
    parts = "; ".join(f"community {c + 1} ({a['size']} actors) is {a['share']:.0%} "
                      f"{labels.get(a['programme'], a['programme'])}"
                      for c, a in alignment.items() if a["programme"])
    sentence = (
        f"Louvain (seed 42) finds {len(groups)} communit{'ies' if len(groups) != 1 else 'y'} "
        f"with modularity {q if q is not None else 0:.2f}"
        + (f": {parts}" if parts else "")
        + f". {_support_phrase(verdict)}")
    return Finding(4, "Cooperation is functional: organised around shared tasks.",
                   "Louvain communities and modularity; share of each community in one "
                   "programme", "supported when there are two or more communities with positive "
                   "modularity and on average 75% of a community's members share one programme",
                   {"communities": len(groups), "modularity": q, "alignment": alignment},
                   sentence, verdict)


def _tripartism(cm: dict[str, Any], labels: dict[str, str]) -> Finding:
    t = cm["tripartite"]
    full = sorted(p for p, v in t.items() if v["tripartite"])
    missing = {p: [s for s in ("government", "employers", "workers") if not v[s]]
               for p, v in t.items() if not v["tripartite"]}
    checks = [bool(t) and len(full) == len(t), bool(full)]
    verdict = _verdict(checks)
    gaps = "; ".join(f"{labels.get(p, p)} lacks {', '.join(s)}" for p, s in missing.items())
    sentence = (
        f"{len(full)} of {len(t)} programmes seat government, employers and workers together"
        + (f" ({gaps})" if gaps else "") + f". {_support_phrase(verdict)}")
    return Finding(5, "The ILO works tripartitely: government, employers and workers.",
                   "tripartite coverage of each programme",
                   "supported when every programme has all three seats, partly when some do",
                   {"tripartite": full, "missing": missing}, sentence, verdict)


def _findings(M: nx.MultiDiGraph, year: int | None, settings: Settings | None
              ) -> tuple[list[Finding], dict[str, Any], nx.MultiDiGraph, nx.Graph]:
    cm = cooperation_measures(M, year=year, settings=settings)
    view = extract.year_view(M, year) if year is not None else M
    B = extract.affiliation_graph(view, extract.Layer.PARTICIPATION)
    labels = {n: d.get("label", n) for n, d in view.nodes(data=True)}
    findings = [_hub(cm, labels), _plurality(cm), _interdependence(cm),
                _functional(cm, B, labels), _tripartism(cm, labels)]
    return findings, cm, view, B


def compare_scopes(findings: list[Finding], M: nx.MultiDiGraph, paper: nx.MultiDiGraph, *,
                   year: int | None = None, settings: Settings | None = None
                   ) -> ScopeComparison:
    """The verdicts on ``paper`` (only what the paper states) beside ``findings`` (on
    ``M``, everything), and the inputs of ``M`` the paper does not state."""
    from kg.network.scopes import scope_differences

    stated, _, _, _ = _findings(paper, year, settings)
    verdicts = {f.number: f.verdict for f in stated}
    return ScopeComparison(
        verdicts, {f.number: f.sentence for f in stated},
        [f.number for f in findings if verdicts.get(f.number) is not f.verdict],
        [d.text for d in scope_differences(M, paper)])


def build_report(M: nx.MultiDiGraph, *, year: int | None = None,
                 settings: Settings | None = None, figures: bool = True,
                 paper: nx.MultiDiGraph | None = None) -> Report:
    """Measure the cooperation structure and judge each proposition.

    Parameters
    ----------
    M : networkx.MultiDiGraph
        The multiplex network (:func:`kg.network.extract.extract_multiplex`).
    year : int, optional
        Only programmes running in that year.
    figures : bool
        Also draw the figures (PNG and SVG).
    paper : networkx.MultiDiGraph, optional
        The same network from only what the paper states (extracted from
        ``kg.scope.scoped(store, Scope.PAPER)``): the findings are judged on it too.

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract.extract_multiplex(synthetic_store(n_actors=25, n_programmes=3, seed=5))
    >>> [f.number for f in build_report(M, figures=False).findings]
    [1, 2, 3, 4, 5]
    """
    if year is not None:
        extract.network_view(M, year=year)  # validates the year
    findings, cm, view, B = _findings(M, year, settings)
    report = Report(year, findings, cm, notes=list(cm.get("notes", [])))
    if paper is not None:
        report.scopes = compare_scopes(findings, M, paper, year=year, settings=settings)
    if figures:
        from kg.network.figures import report_figures

        G = extract.network_view(view, projection="actors")
        report.figures = report_figures(G, B, cm)
    return report


# -- rendering -----------------------------------------------------------------------------
def _title(report: Report) -> str:
    period = str(report.year) if report.year is not None else "all years"
    return f"Cooperation structure of the ILO–Indonesia programmes ({period})"


def _rounded(value: Any) -> Any:
    """Floats to 10 significant digits, so that summation order cannot change the bytes."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def to_json(report: Report) -> str:
    """The report as JSON: findings and every measure (no figures), floats rounded."""
    data = {"title": _title(report), "year": report.year, "notes": report.notes,
            "findings": [{**asdict(f), "verdict": f.verdict.value} for f in report.findings],
            "measures": report.measures}
    if report.scopes is not None:
        data["paper_only"] = {
            "verdicts": {str(n): v.value for n, v in report.scopes.paper_verdicts.items()},
            "sentences": {str(n): s for n, s in report.scopes.paper_sentences.items()},
            "differing": report.scopes.differing,
            "interpretation_and_context_inputs": report.scopes.inputs}
    data = _rounded(json.loads(json.dumps(data, default=str)))
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def to_markdown(report: Report, *, figure_dir: str = "figures") -> str:
    """The report as Markdown, linking the PNG figures in ``figure_dir``."""
    lines = [f"# {_title(report)}", ""]
    for f in report.findings:
        lines += [f"## {f.number}. {f.proposition}", "",
                  f"- **Indicator:** {f.indicator}", f"- **Rule:** {f.rule}",
                  f"- **Verdict:** {f.verdict.value}", "", f.sentence, ""]
        lines += _paper_only_lines(report, f)
    lines += _inputs_lines(report)
    if report.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in report.notes] + [""]
    if report.figures:
        lines += ["## Figures", ""]
        lines += [f"![{name}]({figure_dir}/{name}.png)" for name in
                  sorted({k.rsplit('.', 1)[0] for k in report.figures})]
        lines.append("")
    return "\n".join(lines)


def _paper_only_lines(report: Report, finding: Finding) -> list[str]:
    """The paper-only verdict of one finding, and whether it differs."""
    if report.scopes is None or finding.number not in report.scopes.paper_verdicts:
        return []
    verdict = report.scopes.paper_verdicts[finding.number]
    if finding.number in report.scopes.differing:
        return [f"- **On only what the paper states:** {verdict.value} — the verdict differs: "
                "it rests on the modeller's interpretations or outside context listed below. "
                + report.scopes.paper_sentences[finding.number], ""]
    return [f"- **On only what the paper states:** {verdict.value} (the same verdict).", ""]


def _inputs_lines(report: Report) -> list[str]:
    """The inputs of the network that the paper's statements alone do not give."""
    if report.scopes is None:
        return []
    intro = ("The findings above use everything in the store. These inputs of the network "
             "are the modeller's interpretations or outside context, not statements of the "
             "paper; the paper-only verdicts leave them out.")
    items = report.scopes.inputs or ["none: the network is the same from the paper alone"]
    return ["## What the findings rest on", "", intro, "", *[f"- {i}" for i in items], ""]


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (figures inlined as SVG)."""
    esc = html.escape
    body = [f"<h1>{esc(_title(report))}</h1>"]
    for f in report.findings:
        body += [f"<section><h2>{f.number}. {esc(f.proposition)}</h2>",
                 f"<dl><dt>Indicator</dt><dd>{esc(f.indicator)}</dd>",
                 f"<dt>Rule</dt><dd>{esc(f.rule)}</dd>",
                 f"<dt>Verdict</dt><dd class=\"verdict\">{esc(f.verdict.value)}</dd></dl>",
                 f"<p>{esc(f.sentence)}</p>"
                 + "".join(f"<p class=\"paper-only\">{esc(line.lstrip('- '))}</p>"
                           for line in _paper_only_lines(report, f) if line)
                 + "</section>"]
    inputs = _inputs_lines(report)
    if inputs:
        body.append(f"<section><h2>{esc(inputs[0].lstrip('# '))}</h2><p>{esc(inputs[2])}</p><ul>"
                    + "".join(f"<li>{esc(line[2:])}</li>" for line in inputs[4:] if line)
                    + "</ul></section>")
    if report.notes:
        body.append("<section><h2>Notes</h2><ul>"
                    + "".join(f"<li>{esc(note)}</li>" for note in report.notes)
                    + "</ul></section>")
    for name in sorted(k for k in report.figures if k.endswith(".svg")):
        svg = report.figures[name].decode("utf-8")
        svg = svg[svg.index("<svg"):]
        body.append(f"<figure id=\"{esc(name[:-4])}\">{svg}</figure>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(_title(report))}</title></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def render_report(report: Report, fmt: ReportFormat | str = ReportFormat.MD) -> str:
    """Render ``report`` as Markdown, HTML or JSON."""
    if not isinstance(fmt, ReportFormat):
        fmt = extract.parse_choice(ReportFormat, fmt, "--format")
    return {ReportFormat.MD: to_markdown, ReportFormat.HTML: to_html,
            ReportFormat.JSON: to_json}[fmt](report)
