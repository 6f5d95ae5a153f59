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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

import networkx as nx

from kg.network import extract
from kg.network.measures import cooperation_measures
from kg.network.words import check_language, joined, translator
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
    lang: str = "en"
    #: Figure name (``network``, ``affiliation``, ``brokerage``) → caption in words.
    captions: dict[str, str] = field(default_factory=dict)
    scopes: ScopeComparison | None = None


def _verdict(checks: list[bool]) -> Verdict:
    if all(checks):
        return Verdict.SUPPORTED
    return Verdict.PARTLY if any(checks) else Verdict.NOT_SUPPORTED


def _support(t: Callable[..., str], verdict: Verdict) -> str:
    return t(f"support_{verdict.name.lower()}")


def _hub(cm: dict[str, Any], labels: dict[str, str], t: Callable[..., str], lang: str
         ) -> Finding:
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
    names = lambda items: joined([labels.get(n, n) for n in items], lang)  # noqa: E731
    if io is None:
        sentence = t("no_io")
    else:
        if leaders == [io]:
            where = t("hub_highest")
        elif io in leaders:
            where = t("hub_shares", others=names([n for n in leaders if n != io]))
        else:
            where = t("hub_not_many" if len(leaders) > 1 else "hub_not_one",
                      leaders=names(leaders), top=f"{top:.3f}")
        z_io = z.get(io, {}).get("liaison")
        sentence = t("hub", io=labels.get(io, io), where=where,
                     between=f"{nodes[io]['betweenness']:.3f}", mediation=f"{io_mediation:.0%}",
                     liaison=raw.get(io, {}).get("liaison", 0),
                     z=f" (z = {z_io:.2f})" if z_io is not None else "",
                     most=t("hub_most") if liaisons == [io] else "",
                     cb=f"{cz['betweenness']:.2f}", cd=f"{cz['degree']:.2f}",
                     support=_support(t, verdict))
    return Finding(1, t("p1"), t("i1"), t("r1"),
                   {"leaders": leaders, "betweenness": top, "liaison_leaders": liaisons,
                    "io_mediation": io_mediation, "centralization": cz}, sentence, verdict)


def _plurality(cm: dict[str, Any], t: Callable[..., str]) -> Finding:
    p = cm["plurality"]
    state = p["actors"] - p["non_state"]
    checks = [p["non_state_share"] >= 1 / 3, state > 0, p["type_count"] >= 3]
    verdict = _verdict(checks)
    sentence = t("plurality", actors=p["actors"], non_state=p["non_state"],
                 share=f"{p['non_state_share']:.0%}", state=state, types=p["type_count"],
                 shannon=f"{p['shannon']:.2f}", evenness=f"{p['evenness']:.2f}",
                 blau=f"{p['blau']:.2f}", support=_support(t, verdict))
    return Finding(2, t("p2"), t("i2"), t("r2"), p, sentence, verdict)


def _interdependence(cm: dict[str, Any], t: Callable[..., str]) -> Finding:
    g = cm["actors"]["graph"]
    overlap = cm["overlap"]
    pairs = [v for p, row in overlap.items() for q, v in row.items() if p < q]
    mx = cm["combined"]["multiplexity"]
    checks = [g["components"] == 1, bool(pairs) and min(pairs) > 0, mx["multiplex_share"] > 0]
    verdict = _verdict(checks)
    overlap_text = (t("overlap", mean=f"{cm['mean_overlap']:.0%}", low=f"{min(pairs):.0%}")
                    if pairs else t("overlap_none"))
    components = t("components_one" if g["components"] == 1 else "components_many",
                   n=g["components"])
    sentence = t("interdependence", density=f"{g['density']:.2f}", components=components,
                 overlap=overlap_text, multiplex=f"{mx['multiplex_share']:.0%}",
                 mean=f"{mx['mean']:.2f}", support=_support(t, verdict))
    return Finding(3, t("p3"), t("i3"), t("r3"),
                   {"density": g["density"], "components": g["components"],
                    "mean_overlap": cm["mean_overlap"], "multiplexity": mx},
                   sentence, verdict)


def _functional(cm: dict[str, Any], B: nx.Graph, labels: dict[str, str],
                t: Callable[..., str]) -> Finding:
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
    parts = "; ".join(t("community", c=c + 1, size=a["size"], share=f"{a['share']:.0%}",
                        programme=labels.get(a["programme"], a["programme"]))
                      for c, a in alignment.items() if a["programme"])
    communities = t("communities_one" if len(groups) == 1 else "communities_many",
                    n=len(groups))
    sentence = t("functional", communities=communities, q=f"{q if q is not None else 0:.2f}",
                 parts=f": {parts}" if parts else "", support=_support(t, verdict))
    return Finding(4, t("p4"), t("i4"), t("r4"),
                   {"communities": len(groups), "modularity": q, "alignment": alignment},
                   sentence, verdict)


def _tripartism(cm: dict[str, Any], labels: dict[str, str], t: Callable[..., str], lang: str
                ) -> Finding:
    tri = cm["tripartite"]
    full = sorted(p for p, v in tri.items() if v["tripartite"])
    missing = {p: [s for s in ("government", "employers", "workers") if not v[s]]
               for p, v in tri.items() if not v["tripartite"]}
    checks = [bool(tri) and len(full) == len(tri), bool(full)]
    verdict = _verdict(checks)
    gaps = "; ".join(t("lacks", programme=labels.get(p, p),
                       seats=", ".join(t(f"seat_{s}") for s in seats))
                     for p, seats in missing.items())
    sentence = t("tripartism", full=len(full), total=len(tri),
                 gaps=f" ({gaps})" if gaps else "", support=_support(t, verdict))
    return Finding(5, t("p5"), t("i5"), t("r5"), {"tripartite": full, "missing": missing},
                   sentence, verdict)


def _findings(M: nx.MultiDiGraph, year: int | None, settings: Settings | None, lang: str
              ) -> tuple[list[Finding], dict[str, Any], nx.MultiDiGraph, nx.Graph]:
    t = translator(lang)
    cm = cooperation_measures(M, year=year, settings=settings)
    view = extract.year_view(M, year) if year is not None else M
    B = extract.affiliation_graph(view, extract.Layer.PARTICIPATION)
    own = "label_id" if lang == "id" else "label_en"
    labels = {n: d.get(own) or d.get("label", n) for n, d in view.nodes(data=True)}
    findings = [_hub(cm, labels, t, lang), _plurality(cm, t), _interdependence(cm, t),
                _functional(cm, B, labels, t), _tripartism(cm, labels, t, lang)]
    return findings, cm, view, B


def compare_scopes(findings: list[Finding], M: nx.MultiDiGraph, paper: nx.MultiDiGraph, *,
                   year: int | None = None, settings: Settings | None = None,
                   lang: str = "en") -> ScopeComparison:
    """The verdicts on ``paper`` (only what the paper states) beside ``findings`` (on
    ``M``, everything), and the inputs of ``M`` the paper does not state."""
    from kg.network.scopes import scope_differences

    stated, _, _, _ = _findings(paper, year, settings, lang)
    verdicts = {f.number: f.verdict for f in stated}
    return ScopeComparison(
        verdicts, {f.number: f.sentence for f in stated},
        [f.number for f in findings if verdicts.get(f.number) is not f.verdict],
        [d.text for d in scope_differences(M, paper, lang=lang)])


def build_report(M: nx.MultiDiGraph, *, year: int | None = None,
                 settings: Settings | None = None, figures: bool = True,
                 lang: str = "en", paper: nx.MultiDiGraph | None = None) -> Report:
    """Measure the cooperation structure and judge each proposition.

    Parameters
    ----------
    M : networkx.MultiDiGraph
        The multiplex network (:func:`kg.network.extract.extract_multiplex`).
    year : int, optional
        Only programmes running in that year.
    figures : bool
        Also draw the figures (PNG and SVG).
    lang : {"en", "id"}
        The language of every sentence, heading, figure and caption
        (:mod:`kg.network.words`); the numbers are the same in both.
    paper : networkx.MultiDiGraph, optional
        The same network from only what the paper states (extracted from
        ``kg.scope.scoped(store, Scope.PAPER)``): the findings are judged on it too.

    Examples
    --------
    >>> from kg.network.synthetic import synthetic_store
    >>> M = extract.extract_multiplex(synthetic_store(n_actors=25, n_programmes=3, seed=5))
    >>> [f.number for f in build_report(M, figures=False).findings]
    [1, 2, 3, 4, 5]
    >>> build_report(M, figures=False, lang="id").findings[2].proposition
    'Para aktor saling bergantung.'
    """
    t = translator(check_language(lang))
    if year is not None:
        extract.network_view(M, year=year)  # validates the year
    findings, cm, view, B = _findings(M, year, settings, lang)
    english = extract.period_notes(view)
    notes = extract.period_notes(view, lang) + [n for n in cm.get("notes", [])
                                                if n not in english]
    report = Report(year, findings, cm, notes=notes, lang=lang)
    if paper is not None:
        report.scopes = compare_scopes(findings, M, paper, year=year, settings=settings,
                                       lang=lang)
    if figures:
        from kg.network.figures import FIGURES, report_figures

        G = extract.network_view(view, projection="actors")
        report.figures = report_figures(G, B, cm, lang=lang)
        report.captions = {name: t(f"fig_{name}_caption") for name in FIGURES}
    return report


# -- rendering -----------------------------------------------------------------------------
def report_title(report: Report) -> str:
    """The report's title in its language."""
    t = translator(report.lang)
    return t("title", period=str(report.year) if report.year is not None else t("all_years"))


def verdict_text(report: Report, verdict: Verdict) -> str:
    """The verdict in the report's language."""
    return translator(report.lang)(f"verdict_{verdict.name.lower()}")


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
    data = {"title": report_title(report), "year": report.year, "lang": report.lang,
            "notes": report.notes, "captions": report.captions,
            "findings": [{**asdict(f), "verdict": f.verdict.value,
                          "verdict_text": verdict_text(report, f.verdict)}
                         for f in report.findings],
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
    t = translator(report.lang)
    lines = [f"# {report_title(report)}", ""]
    for f in report.findings:
        lines += [f"## {f.number}. {f.proposition}", "",
                  f"- **{t('indicator')}:** {f.indicator}", f"- **{t('rule')}:** {f.rule}",
                  f"- **{t('verdict')}:** {verdict_text(report, f.verdict)}", "",
                  f.sentence, ""]
        lines += _paper_only_lines(report, f)
    lines += _inputs_lines(report)
    if report.notes:
        lines += [f"## {t('notes')}", ""] + [f"- {note}" for note in report.notes] + [""]
    if report.figures:
        lines += [f"## {t('figures')}", ""]
        for name in sorted({k.rsplit('.', 1)[0] for k in report.figures}):
            caption = report.captions.get(name, name)
            lines += [f"![{caption}]({figure_dir}/{name}.png)", "", f"*{caption}*", ""]
    return "\n".join(lines)


def _paper_only_lines(report: Report, finding: Finding) -> list[str]:
    """The paper-only verdict of one finding, and whether it differs."""
    if report.scopes is None or finding.number not in report.scopes.paper_verdicts:
        return []
    t = translator(report.lang)
    verdict = verdict_text(report, report.scopes.paper_verdicts[finding.number])
    if finding.number in report.scopes.differing:
        return [f"- **{t('paper_only')}:** {verdict} — {t('verdict_differs')} "
                + report.scopes.paper_sentences[finding.number], ""]
    return [f"- **{t('paper_only')}:** {verdict} ({t('verdict_same')}).", ""]


def _inputs_lines(report: Report) -> list[str]:
    """The inputs of the network that the paper's statements alone do not give."""
    if report.scopes is None:
        return []
    t = translator(report.lang)
    items = report.scopes.inputs or [t("rests_on_none")]
    return [f"## {t('rests_on')}", "", t("rests_on_intro"), "", *[f"- {i}" for i in items],
            ""]


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (figures inlined as SVG)."""
    esc = html.escape
    t = translator(report.lang)
    body = [f"<h1>{esc(report_title(report))}</h1>"]
    for f in report.findings:
        body += [f"<section><h2>{f.number}. {esc(f.proposition)}</h2>",
                 f"<dl><dt>{t('indicator')}</dt><dd>{esc(f.indicator)}</dd>",
                 f"<dt>{t('rule')}</dt><dd>{esc(f.rule)}</dd>",
                 f"<dt>{t('verdict')}</dt><dd class=\"verdict\">"
                 f"{esc(verdict_text(report, f.verdict))}</dd></dl>",
                 f"<p>{esc(f.sentence)}</p>"
                 + "".join(f"<p class=\"paper-only\">{esc(line.removeprefix('- '))}</p>"
                           for line in _paper_only_lines(report, f) if line)
                 + "</section>"]
    inputs = _inputs_lines(report)
    if inputs:
        body.append(f"<section><h2>{esc(inputs[0].removeprefix('## '))}</h2>"
                    f"<p>{esc(inputs[2])}</p><ul>"
                    + "".join(f"<li>{esc(line[2:])}</li>" for line in inputs[4:] if line)
                    + "</ul></section>")
    if report.notes:
        body.append(f"<section><h2>{t('notes')}</h2><ul>"
                    + "".join(f"<li>{esc(note)}</li>" for note in report.notes)
                    + "</ul></section>")
    for name in sorted(k for k in report.figures if k.endswith(".svg")):
        svg = report.figures[name].decode("utf-8")
        svg = svg[svg.index("<svg"):]
        caption = esc(report.captions.get(name[:-4], ""))
        body.append(f"<figure id=\"{esc(name[:-4])}\">{svg}<figcaption>{caption}"
                    "</figcaption></figure>")
    return (f"<!DOCTYPE html>\n<html lang=\"{report.lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(report_title(report))}</title></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def render_report(report: Report, fmt: ReportFormat | str = ReportFormat.MD) -> str:
    """Render ``report`` as Markdown, HTML or JSON."""
    if not isinstance(fmt, ReportFormat):
        fmt = extract.parse_choice(ReportFormat, fmt, "--format")
    return {ReportFormat.MD: to_markdown, ReportFormat.HTML: to_html,
            ReportFormat.JSON: to_json}[fmt](report)
