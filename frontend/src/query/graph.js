// The graph view of CONSTRUCT and DESCRIBE results: resources as nodes, links between
// them as edges (sigma.js with graphology, laid out by ForceAtlas2 then noverlap); a
// node's literal values are listed when it is chosen. The Triples and Turtle views are
// the text alternatives.
import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";

const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const LABEL = "http://www.w3.org/2000/01/rdf-schema#label";

export function drawGraph(triples, {labels, T, maxNodes}) {
  const graph = new Graph({multi: true, type: "directed"});
  const literals = new Map();
  let dropped = 0;
  const add = (id) => {
    if (graph.hasNode(id)) return true;
    if (graph.order >= maxNodes) { dropped++; return false; }
    graph.addNode(id, {label: labels.name(id), size: 6, color: id.startsWith("_:") ? "#8a94a3" : "#0b5cad"});
    return true;
  };
  for (const [s, p, o, literal, lang] of triples) {
    if (literal) {
      if (!add(s)) continue;
      if (!literals.has(s)) literals.set(s, []);
      literals.get(s).push([p, o, lang]);
      if (p === LABEL && (!labels.labels[s])) graph.setNodeAttribute(s, "label", o);
      continue;
    }
    if (add(s) && add(o)) graph.addDirectedEdge(s, o, {label: labels.short(p), predicate: p, size: 1.5, color: "#a3acb9", type: "arrow"});
  }
  const n = graph.order;
  let i = 0;
  graph.forEachNode((node) => {
    const angle = 2 * Math.PI * i++ / Math.max(n, 1);
    graph.mergeNodeAttributes(node, {x: 100 * Math.cos(angle), y: 100 * Math.sin(angle),
                                     size: 5 + Math.min(graph.degree(node), 12)});
  });
  if (n > 1) {
    forceAtlas2.assign(graph, {iterations: 400, settings: {
      ...forceAtlas2.inferSettings(graph), scalingRatio: 12, gravity: 0.6, adjustSizes: true}});
    noverlap.assign(graph, {maxIterations: 200, settings: {ratio: 2, margin: 10}});
  }

  const wrap = document.createElement("div");
  wrap.className = "graph-view";
  const heading = document.createElement("p");
  heading.className = "muted";
  heading.textContent = fmt(T.graph_summary, {nodes: n, edges: graph.size}) +
    (dropped ? " " + fmt(T.graph_cut, {max: maxNodes}) : "");
  const canvas = document.createElement("div");
  canvas.className = "graph-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", fmt(T.graph_summary, {nodes: n, edges: graph.size}));
  const detail = document.createElement("div");
  detail.className = "graph-detail";
  detail.setAttribute("aria-live", "polite");
  detail.textContent = T.graph_hint;
  wrap.append(heading, canvas, detail);

  let renderer = null;
  const show = (node) => {
    detail.textContent = "";
    const h = document.createElement("h3");
    const a = document.createElement("a");
    a.href = labels.href(node);
    a.textContent = graph.getNodeAttribute(node, "label");
    h.append(a);
    const dl = document.createElement("dl");
    const row = (p, value) => {
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = p;
      dd.append(value);
      dl.append(dt, dd);
      return dd;
    };
    for (const [p, o, lang] of literals.get(node) || []) {
      const dd = row(labels.short(p), o);
      if (lang) dd.lang = lang;
    }
    const link = (other) => {
      const a = document.createElement("a");
      a.href = labels.href(other);
      a.textContent = graph.getNodeAttribute(other, "label");
      return a;
    };
    graph.forEachOutEdge(node, (e, attrs, _s, target) => row(attrs.label, link(target)));
    graph.forEachInEdge(node, (e, attrs, source) => row("↖ " + attrs.label, link(source)));
    detail.append(h, dl);
    graph.forEachNode((other) => graph.setNodeAttribute(other, "highlighted", other === node));
  };
  // Drawn once the view is on the page (sigma needs the container's size).
  wrap.attach = () => {
    if (renderer || !n) return;
    // Labels that would collide are left out (sigma's label grid) and come back on zoom.
    renderer = new Sigma(graph, canvas, {renderEdgeLabels: false, labelRenderedSizeThreshold: 0,
                                         defaultEdgeType: "arrow", labelDensity: 0.5,
                                         labelGridCellSize: 120, zIndex: true});
    renderer.on("clickNode", ({node}) => show(node));
    window.pasbQuery.graph = {graph, renderer};
  };
  wrap.detach = () => { if (renderer) { renderer.kill(); renderer = null; } };
  return wrap;
}
