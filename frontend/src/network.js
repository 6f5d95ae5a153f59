// pasb-kg network viewer (/network): draws /network/actors.json (layout computed on the
// server) or a SPARQL result with sigma.js (WebGL) over a graphology graph. Labels are
// placed by our own collision-aware pass (network/labels.js) on a canvas layer of sigma's,
// so no two labels ever overlap; filters by actor type, programme and tie layer; a click
// shows a node's ego network; "Lay out again" runs ForceAtlas2 in the page.
// Bundled by esbuild (frontend/build.mjs) into service/static/dist/network.js.
import Graph from "graphology";
import Sigma from "sigma";
import {FONT, exportCsv, exportGexf, exportGraphml, exportPng, exportSvg, paintLabels} from "./network/exports.js";
import {placeLabels} from "./network/labels.js";
import {animateLayout, seededLayout} from "./network/layout.js";
import {runQuery} from "./network/query.js";
import {translator} from "./network/strings.js";

const config = JSON.parse(document.getElementById("network-config").textContent);
const t = translator(config.strings || {});
const lang = config.lang || document.documentElement.lang || "en";
const $ = (id) => document.getElementById(id);
const container = $("net-canvas");
const MEASURES = ["degree", "betweenness", "brokerage", "coreness"];
const LAYERS = ["participation", "funding", "legal", "coverage"];
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                 "#F0E442", "#000000", "#999999", "#882255"];
const FADED = "#dde1e6";
const LABEL_HEIGHT = 16;
const MAX_LABELS = 250;
const MAX_OBSTACLES = 400;

const state = {
  data: null, nodes: [], byId: new Map(), edges: [], graph: null, sigma: null,
  hiddenLayers: new Set(), hiddenTypes: new Set(), programme: "", size: "degree", labels: true,
  selected: null, ego: new Set(), hovered: null, mode: "api", basePositions: new Map(),
  colours: {}, timings: {}, labelBoxes: [], visibleIds: new Set(), visibleEdgeKeys: new Set(),
  order: [], widths: new Map(), stopLayout: null,
};
window.pasbNetwork = state;
// What is on the canvas, in its pixels (for tests and for anyone scripting the page).
state.probe = () => {
  const sigma = state.sigma;
  const {width, height} = sigma.getDimensions();
  const nodes = [];
  for (const id of state.visibleIds) {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) continue;
    const p = sigma.framedGraphToViewport(d);
    nodes.push({id, x: p.x, y: p.y, r: sigma.scaleSize(d.size), colour: d.color});
  }
  const edges = [];
  state.graph.forEachEdge((key) => {
    const d = sigma.getEdgeDisplayData(key);
    if (d && !d.hidden) edges.push(key);
  });
  return {width, height, nodes, edges: edges.length, labels: state.labelBoxes};
};

// -- words ------------------------------------------------------------------------------
const typeOf = (n) => n.actor_type || n.kind || n.type || "unclassified";
const typeName = (type) => (config.strings["t_" + type] ? t("t_" + type) : type);
const layerName = (layer) => (config.strings["l_" + layer] ? t("l_" + layer) : layer);
const roleName = (role) => (config.strings["r_" + role] ? t("r_" + role) : role);
const measureName = (m) => t("m_" + m);
const labelOf = (n) => (lang === "id" ? n.label_id : n.label_en) || n.label || n.id;
const short = (text) => (text.length > 46 ? text.slice(0, 44) + "…" : text);
function programmeLabel(p) {
  const labels = (state.data.programme_labels || {})[p];
  return (labels && labels[lang]) || (state.data.programmes || {})[p] || p;
}
function fmt(v) {
  if (v == null) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return String(v);
}
function tint(hex, alpha) {
  // The colour as drawn at ``alpha`` over white (solid colours blend the same in WebGL,
  // PNG and SVG).
  const m = /^#([0-9a-f]{6})$/i.exec(hex || "") || [null, "6f6f6f"];
  const v = parseInt(m[1], 16);
  const mix = (c) => Math.round(255 - (255 - c) * alpha).toString(16).padStart(2, "0");
  return "#" + mix(v >> 16) + mix((v >> 8) & 255) + mix(v & 255);
}
function colourOf(n) {
  const key = typeOf(n);
  if (config.typeColours[key]) return config.typeColours[key];
  if (config.kindColours[key]) return config.kindColours[key];
  if (!(key in state.colours)) state.colours[key] = PALETTE[Object.keys(state.colours).length % PALETTE.length];
  return state.colours[key];
}
const edgeColour = (layer) => config.edgeColours[layer] || "#6f6f6f";

// -- loading ----------------------------------------------------------------------------
function params() {
  const p = new URLSearchParams();
  p.set("layer", "all");
  p.set("projection", $("net-projection").value);
  if ($("net-scope").value !== "all") p.set("scope", $("net-scope").value);
  if (!$("net-all-years").checked) p.set("year", $("net-year").value);
  return p;
}

async function fetchJSON(url) {
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || response.statusText);
  return JSON.parse(text);
}

function setBusy(text) {
  container.dataset.state = "loading";
  $("net-summary").textContent = text;
}

function fail(error) {
  container.dataset.state = "error";
  $("net-summary").textContent = t("failed", {message: error.message});
  $("net-summary").classList.add("error");
}

async function loadApi() {
  const p = params(), started = performance.now();
  setBusy(t("loading"));
  const projection = p.get("projection");
  let base = state.basePositions.get(projection);
  if (!base) {  // the all-years layout keeps every node in place across years
    const all = new URLSearchParams({layer: "all", projection});
    const data = await fetchJSON(config.data + "?" + all);
    base = new Map(data.nodes.map((n) => [n.id, [n.x, n.y]]));
    state.basePositions.set(projection, base);
    if (!p.has("year") && !p.has("scope")) return show(data, started);
  }
  const data = await fetchJSON(config.data + "?" + p);
  for (const n of data.nodes) {
    const xy = base.get(n.id);
    if (xy) { n.x = xy[0]; n.y = xy[1]; }
  }
  return show(data, started);
}

async function loadQuery() {
  state.mode = "query";
  $("net-title").textContent = t("query_title");
  $("view-fields").hidden = true;
  $("net-reset-layout").hidden = true;
  setBusy(t("running"));
  const started = performance.now();
  const data = await runQuery(config, t);
  return show(data, started);
}

// -- the graph --------------------------------------------------------------------------
function buildGraph(data) {
  const graph = new Graph({multi: true, allowSelfLoops: false, type: data.directed ? "directed" : "undirected"});
  for (const n of data.nodes) {
    n.colour = n.colour || colourOf(n);
    graph.addNode(n.id, {x: n.x ?? 0, y: -(n.y ?? 0), size: 5, color: n.colour, node: n});
  }
  state.edges = [];
  data.edges.forEach((e, i) => {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) return;
    const edge = {key: "e" + i, source: e.source, target: e.target, layer: e.layer || "tie",
                  weight: +e.weight || 1, roles: e.roles, programmes: e.programmes};
    graph.addEdgeWithKey(edge.key, e.source, e.target, {color: "#999", size: 1, edge});
    state.edges.push(edge);
  });
  if (data.query) seededLayout(graph);
  return graph;
}

function styleEdges() {
  const weights = state.edges.map((e) => e.weight);
  const maxW = Math.max(1, ...weights);
  const many = state.edges.length > 3000;
  for (const e of state.edges) {
    const grow = maxW > 1 ? Math.sqrt((e.weight - 1) / (maxW - 1)) : 0;
    state.graph.mergeEdgeAttributes(e.key, {
      size: (many ? 0.4 : 0.8) + (many ? 1 : 3.5) * grow,
      color: tint(edgeColour(e.layer), many ? 0.25 : 0.5),
      strong: tint(edgeColour(e.layer), 1),
    });
  }
}

function computeSizes() {
  const select = $("net-size");
  for (const option of select.options) option.disabled = !state.nodes.some((n) => n[option.value] != null);
  if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = "degree";
  state.size = select.value;
  const values = state.nodes.map((n) => +n[state.size] || 0);
  const max = Math.max(1e-12, ...values);
  const [low, high] = state.nodes.length > 1000 ? [1.5, 9] : [4, 18];
  for (const n of state.nodes) {
    n.size = low + (high - low) * Math.sqrt((+n[state.size] || 0) / max);
    state.graph.setNodeAttribute(n.id, "size", n.size);
  }
  // Labels are offered biggest first, then alphabetically: the same order on every visit.
  state.order = [...state.nodes].sort((a, b) => b.size - a.size || labelOf(a).localeCompare(labelOf(b)))
    .map((n) => n.id);
}

function inProgramme(n, programme) {
  return n.id === programme || (n.programmes || []).some(([p]) => p === programme);
}

function applyFilters() {
  const typeOk = (n) => !state.hiddenTypes.has(typeOf(n));
  const progOk = (n) => !state.programme || inProgramme(n, state.programme);
  const candidates = new Set(state.nodes.filter((n) => typeOk(n) && progOk(n)).map((n) => n.id));
  const edges = state.edges.filter((e) => !state.hiddenLayers.has(e.layer)
    && candidates.has(e.source) && candidates.has(e.target)
    && (!state.programme || !e.programmes || e.programmes.includes(state.programme)));
  // A node hidden with its only tie layer goes too; a node that had no tie at all stays.
  const tied = new Set(), hadTie = new Set();
  for (const e of state.edges) { hadTie.add(e.source); hadTie.add(e.target); }
  for (const e of edges) { tied.add(e.source); tied.add(e.target); }
  state.visibleIds = new Set([...candidates].filter((id) => tied.has(id) || !hadTie.has(id)
    || (!state.hiddenLayers.size && !state.programme)));
  state.visibleEdgeKeys = new Set(edges.filter((e) => state.visibleIds.has(e.source)
    && state.visibleIds.has(e.target)).map((e) => e.key));
  if (state.selected && !state.visibleIds.has(state.selected)) state.selected = null;
  state.ego = state.selected ? egoOf(state.selected) : new Set();
  summarise();
}

function visibleNodes() { return state.nodes.filter((n) => state.visibleIds.has(n.id)); }
function visibleEdges() { return state.edges.filter((e) => state.visibleEdgeKeys.has(e.key)); }

function egoOf(id) {
  const out = new Set();
  for (const e of state.edges) {
    if (!state.visibleEdgeKeys.has(e.key)) continue;
    if (e.source === id) out.add(e.target);
    if (e.target === id) out.add(e.source);
  }
  out.delete(id);
  return out;
}

function nodeReducer(key, attrs) {
  const res = {...attrs};
  if (!state.visibleIds.has(key)) { res.hidden = true; return res; }
  if (state.selected) {
    if (key === state.selected) { res.highlighted = true; res.zIndex = 3; }
    else if (state.ego.has(key)) res.zIndex = 2;
    else { res.color = FADED; res.zIndex = 0; }
  } else res.zIndex = 1;
  if (key === state.hovered) res.zIndex = 4;
  return res;
}

function edgeReducer(key, attrs) {
  const res = {...attrs};
  if (!state.visibleEdgeKeys.has(key)) { res.hidden = true; return res; }
  const sel = state.selected;
  if (sel) {
    const {source, target} = attrs.edge;
    const inEgo = (id) => id === sel || state.ego.has(id);
    if (!inEgo(source) || !inEgo(target)) res.hidden = true;
    else if (source === sel || target === sel) { res.color = attrs.strong; res.zIndex = 1; }
  }
  return res;
}

// -- drawing ----------------------------------------------------------------------------
function makeSigma(graph) {
  if (state.sigma) {
    state.sigma.setGraph(graph);
    state.sigma.setSetting("defaultEdgeType", graph.type === "directed" ? "arrow" : "line");
    return state.sigma;
  }
  const sigma = new Sigma(graph, container, {
    renderLabels: false, zIndex: true, stagePadding: 36, allowInvalidContainer: true,
    defaultEdgeType: graph.type === "directed" ? "arrow" : "line",
    defaultDrawNodeHover: () => {}, minCameraRatio: 0.02, maxCameraRatio: 4,
    nodeReducer, edgeReducer,
  });
  sigma.createCanvasContext("pasbLabels", {afterLayer: "labels"});
  sigma.on("afterRender", drawLabels);
  sigma.on("clickNode", ({node}) => select(node === state.selected ? null : node));
  sigma.on("clickStage", () => { if (state.selected) select(null); });
  sigma.on("enterNode", ({node, event}) => { state.hovered = node; tooltip(node, event); });
  sigma.on("leaveNode", () => { state.hovered = null; $("net-tooltip").hidden = true; container.style.cursor = ""; });
  state.sigma = sigma;
  return sigma;
}

function labelCandidates() {
  const sel = state.selected;
  if (sel) {
    const ego = [...state.ego].sort((a, b) => state.order.indexOf(a) - state.order.indexOf(b));
    return [sel, ...ego];
  }
  if (!state.labels) return [];
  return state.order;
}

function textWidth(g, text, bold) {
  const key = (bold ? "b|" : "|") + text;
  if (!state.widths.has(key)) {
    g.font = (bold ? "bold " : "") + FONT;
    state.widths.set(key, Math.ceil(g.measureText(text).width) + 2);
  }
  return state.widths.get(key);
}

function drawLabels() {
  const sigma = state.sigma;
  const canvas = sigma.getCanvases().pasbLabels;
  const g = canvas.getContext("2d");
  const {width, height} = sigma.getDimensions();
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
  }
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  const screen = new Map(), discs = [];
  for (const id of state.visibleIds) {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) continue;
    const p = sigma.framedGraphToViewport(d);
    if (p.x < -40 || p.y < -40 || p.x > width + 40 || p.y > height + 40) continue;
    const r = sigma.scaleSize(d.size);
    screen.set(id, {x: p.x, y: p.y, r});
    if (!state.selected || id === state.selected || state.ego.has(id)) discs.push({key: id, x: p.x, y: p.y, r});
  }
  const items = [];
  for (const id of labelCandidates()) {
    const s = screen.get(id);
    if (!s) continue;
    const n = state.byId.get(id);
    const text = short(labelOf(n)), bold = id === state.selected;
    items.push({key: id, x: s.x, y: s.y, r: s.r, w: textWidth(g, text, bold), h: LABEL_HEIGHT,
                force: bold, text, bold});
    if (items.length > 4 * MAX_LABELS) break;
  }
  // On a crowded canvas every spot touches some small node: only the largest nodes keep
  // labels off them, labels still never touch each other.
  const obstacles = discs.length <= MAX_OBSTACLES ? discs
    : discs.sort((a, b) => b.r - a.r).slice(0, MAX_OBSTACLES);
  const placed = placeLabels(items, obstacles, width, height, MAX_LABELS);
  const byKey = new Map(items.map((it) => [it.key, it]));
  state.labelBoxes = placed.map((p) => ({key: p.key, box: p.box}));
  state.labelScene = placed.map((p) => ({text: byKey.get(p.key).text, bold: byKey.get(p.key).bold,
                                         x: p.box[0] + 1, y: (p.box[1] + p.box[3]) / 2}));
  paintLabels(g, state.labelScene);
  container.dataset.labels = String(placed.length);
}

function show(data, started) {
  const fetched = performance.now();
  if (state.stopLayout) { state.stopLayout(); state.stopLayout = null; }
  state.data = data;
  state.nodes = data.nodes;
  state.byId = new Map(data.nodes.map((n) => [n.id, n]));
  state.graph = buildGraph(data);
  styleEdges();
  computeSizes();
  const keep = state.selected && state.byId.has(state.selected) ? state.selected : null;
  state.selected = keep;
  const programmes = new Set(Object.keys(data.programmes || {}));
  if (state.programme && !programmes.has(state.programme)) state.programme = "";
  applyFilters();
  buildLayers();
  buildTypes();
  buildProgrammes();
  buildLegend();
  buildNames();
  makeSigma(state.graph);
  fit(false);
  state.sigma.refresh();
  panel(state.selected ? state.byId.get(state.selected) : null);
  const drawn = performance.now();
  state.timings = {fetch_ms: fetched - started, draw_ms: drawn - fetched, total_ms: drawn - started,
                   nodes: state.nodes.length, edges: state.edges.length};
  const notes = data.note_keys ? data.note_keys.map(([key, values]) => t("note_" + key, values))
    : [...(data.notes || [])];
  if (data.measured_on === "participation" && data.layer === "all") notes.unshift(t("measured_on"));
  $("net-notes").textContent = notes.join(" ");
  if (state.mode === "api") $("net-json-link").href = config.data + "?" + params();
  if ($("net-table-box").open) buildTable();
  container.dataset.state = "ready";
}

function refresh() {
  const before = state.selected;
  applyFilters();
  if (before && !state.selected) select(null);  // the filter hid the selected node
  buildLegend();
  state.sigma.refresh();
  if ($("net-table-box").open) buildTable();
}

// -- camera -----------------------------------------------------------------------------
function fit(animate = true) {
  const sigma = state.sigma;
  const shown = visibleNodes();
  if (shown.length && shown.length < state.nodes.length) {
    const xs = shown.map((n) => state.graph.getNodeAttribute(n.id, "x"));
    const ys = shown.map((n) => state.graph.getNodeAttribute(n.id, "y"));
    sigma.setCustomBBox({x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...ys), Math.max(...ys)]});
  } else sigma.setCustomBBox(null);
  const home = {x: 0.5, y: 0.5, ratio: 1, angle: 0};
  if (animate) sigma.getCamera().animate(home, {duration: 250});
  else sigma.getCamera().setState(home);
}

function zoom(factor) {
  const camera = state.sigma.getCamera();
  camera.animate({ratio: camera.ratio / factor}, {duration: 150});
}

function pan(dx, dy) {
  const camera = state.sigma.getCamera();
  camera.setState({x: camera.x + dx * camera.ratio, y: camera.y + dy * camera.ratio});
}

// -- selection, ego network, panel --------------------------------------------------------
function select(id) {
  state.selected = id;
  state.ego = id ? egoOf(id) : new Set();
  container.dataset.selected = id || "";
  container.dataset.highlighted = id ? String(state.ego.size + 1) : "0";
  panel(id ? state.byId.get(id) : null);
  summarise();
  state.sigma.refresh({skipIndexation: true});
}

function tooltip(id, event) {
  const n = state.byId.get(id), tip = $("net-tooltip");
  container.style.cursor = "pointer";
  tip.hidden = false;
  tip.textContent = "";
  const strong = document.createElement("strong");
  strong.textContent = labelOf(n);
  tip.append(strong, document.createElement("br"),
             `${typeName(typeOf(n))} · ${measureName(state.size)} ${fmt(n[state.size])}`);
  const {width} = state.sigma.getDimensions();
  tip.style.left = Math.min(event.x + 14, width - 220) + "px";
  tip.style.top = event.y + 14 + "px";
}

function panel(n) {
  const box = $("net-panel");
  const wasHidden = box.hidden;
  box.hidden = !n;
  if (wasHidden !== box.hidden && state.sigma) state.sigma.resize();  // the canvas narrows
  if (!n) return;
  $("net-panel-title").textContent = labelOf(n);
  const body = $("net-panel-body");
  body.textContent = "";
  const facts = document.createElement("dl");
  facts.className = "facts";
  const add = (term, value) => {
    if (value == null || value === "") return;
    const dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    facts.append(dt, dd);
  };
  const other = lang === "id" ? n.label_en : n.label_id;
  if (other && other !== labelOf(n)) add(lang === "id" ? t("english") : t("indonesian"), other);
  const others = (n.names || []).filter((x) => x !== n.label_id && x !== n.label_en);
  if (others.length) add(t("other_names"), others.join("; "));
  add(t("type"), typeName(typeOf(n)));
  for (const m of MEASURES) if (n[m] != null) add(measureName(m), fmt(n[m]));
  add(t("neighbours"), String(state.ego.size));
  for (const [k, v] of Object.entries(n.attributes || {})) add(k, v);
  body.append(facts);
  if (n.programmes && n.programmes.length) {
    const h = document.createElement("h3");
    h.textContent = t("programmes_roles");
    const ul = document.createElement("ul");
    for (const [p, roles] of n.programmes) {
      const li = document.createElement("li");
      const target = state.byId.get(p);
      const a = document.createElement(target ? "button" : "span");
      a.textContent = programmeLabel(p);
      if (target) { a.type = "button"; a.className = "linkish"; a.addEventListener("click", () => focusNode(p)); }
      const role = document.createElement("span");
      role.className = "roles";
      role.textContent = roles.map(roleName).join(", ");
      li.append(a, role);
      ul.append(li);
    }
    body.append(h, ul);
  }
  const actions = document.createElement("p");
  actions.className = "net-actions";
  if (n.url) {
    const a = document.createElement("a");
    a.href = n.url;
    a.textContent = t("resource_page");
    a.className = "button";
    actions.append(a);
  }
  const all = document.createElement("button");
  all.type = "button";
  all.className = "secondary";
  all.id = "net-show-all";
  all.textContent = t("show_all");
  all.addEventListener("click", () => { select(null); container.focus(); });
  actions.append(all);
  body.append(actions);
}

function focusNode(id) {
  select(id);
  const d = state.sigma.getNodeDisplayData(id);
  if (d) state.sigma.getCamera().animate({x: d.x, y: d.y}, {duration: 250});
}

// -- search -----------------------------------------------------------------------------
function fold(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

function matches(query) {
  const q = fold(query);
  if (!q) return [];
  const scored = [];
  for (const n of visibleNodes()) {
    const names = [n.label, n.label_en, n.label_id, ...(n.names || []), n.id.split(/[/#]/).pop()];
    let best = 0;
    for (const name of names.filter(Boolean).map(fold)) {
      if (name === q) best = Math.max(best, 3);
      else if (name.split(/[^a-z0-9]+/).includes(q)) best = Math.max(best, 2.5);
      else if (name.startsWith(q)) best = Math.max(best, 2);
      else if (name.includes(q)) best = Math.max(best, 1);
    }
    if (best) scored.push([best, n]);
  }
  return scored.sort((a, b) => b[0] - a[0] || (b[1].degree || 0) - (a[1].degree || 0)).map((s) => s[1]);
}

function search() {
  const query = $("net-search").value;
  const found = matches(query);
  if (found.length) focusNode(found[0].id);
  $("net-summary").textContent = !found.length ? t("not_found", {query})
    : found.length > 1 ? t("found_more", {count: found.length, label: labelOf(found[0]), more: found.length - 1})
      : t("found", {count: 1, label: labelOf(found[0])});
}

// -- controls ---------------------------------------------------------------------------
function checkbox(list, id, checked, disabled, swatch, text, count, onChange) {
  const li = document.createElement("li");
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = id;
  box.checked = checked;
  box.disabled = disabled;
  box.addEventListener("change", () => onChange(box.checked));
  const mark = document.createElement("span");
  mark.className = swatch[0];
  mark.style.background = swatch[1];
  const number = document.createElement("span");
  number.className = "muted";
  number.textContent = `(${count})`;
  label.append(box, mark, " " + text + " ", number);
  li.append(label);
  list.append(li);
  return label;
}

function buildLayers() {
  const counts = {};
  for (const e of state.edges) counts[e.layer] = (counts[e.layer] || 0) + 1;
  const layers = [...LAYERS, ...Object.keys(counts).filter((l) => !LAYERS.includes(l)).sort()];
  const list = $("net-layer-list");
  list.textContent = "";
  for (const layer of layers) {
    if (state.mode !== "api" && !counts[layer]) continue;
    const label = checkbox(list, "net-layer-" + layer, !state.hiddenLayers.has(layer), !counts[layer],
      ["net-line", edgeColour(layer)], layerName(layer), counts[layer] || 0, (on) => {
        if (on) state.hiddenLayers.delete(layer); else state.hiddenLayers.add(layer);
        refresh();
      });
    if (!counts[layer]) label.title = t("no_layer");
  }
}

function buildTypes() {
  const counts = new Map();
  for (const n of state.nodes) counts.set(typeOf(n), (counts.get(typeOf(n)) || 0) + 1);
  const list = $("net-type-list");
  list.textContent = "";
  const types = [...counts.keys()].sort((a, b) => typeName(a).localeCompare(typeName(b)));
  for (const type of types) {
    const colour = state.nodes.find((n) => typeOf(n) === type).colour;
    checkbox(list, "net-type-" + type, !state.hiddenTypes.has(type), false, ["net-dot", colour],
      typeName(type), counts.get(type), (on) => {
        if (on) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type);
        refresh();
        fit();
      });
  }
}

function buildProgrammes() {
  const select = $("net-programme");
  const programmes = Object.keys(state.data.programmes || {});
  select.length = 1;
  for (const p of programmes) {
    const option = document.createElement("option");
    option.value = p;
    option.textContent = programmeLabel(p);
    select.append(option);
  }
  select.value = state.programme;
  select.disabled = !programmes.length;
}

function buildLegend() {
  const legend = $("net-legend");
  legend.textContent = "";
  const shown = visibleNodes();
  const head = (text) => { const p = document.createElement("p"); p.className = "net-legend-head"; p.textContent = text; return p; };
  const types = new Map();
  for (const n of shown) types.set(typeOf(n), n.colour);
  const actorsOnly = shown.every((n) => (n.kind || "actor") === "actor");
  const list = document.createElement("ul");
  for (const [type, colour] of [...types].sort((a, b) => typeName(a[0]).localeCompare(typeName(b[0])))) {
    const li = document.createElement("li");
    const dot = document.createElement("span");
    dot.className = "net-dot";
    dot.style.background = colour;
    li.append(dot, " " + typeName(type));
    list.append(li);
  }
  const colours = document.createElement("div");
  colours.append(head(actorsOnly ? t("legend_colour") : t("legend_colour_kind")), list);
  const values = shown.map((n) => +n[state.size] || 0);
  const sizes = document.createElement("div");
  sizes.className = "net-legend-sizes";
  const circles = document.createElement("p");
  for (const r of [4, 9, 16]) {
    const c = document.createElement("span");
    c.className = "net-size-dot";
    c.style.width = c.style.height = 2 * r + "px";
    circles.append(c);
  }
  const range = document.createElement("span");
  range.textContent = values.length ? t("legend_size_range", {low: fmt(Math.min(...values)), high: fmt(Math.max(...values))}) : "";
  circles.append(range);
  sizes.append(head(t("legend_size", {measure: measureName(state.size)})), circles);
  const ties = document.createElement("div");
  const layerList = document.createElement("ul");
  const counts = {};
  for (const e of visibleEdges()) counts[e.layer] = (counts[e.layer] || 0) + 1;
  for (const layer of Object.keys(counts)) {
    const li = document.createElement("li");
    const line = document.createElement("span");
    line.className = "net-line";
    line.style.background = edgeColour(layer);
    li.append(line, " " + layerName(layer));
    layerList.append(li);
  }
  ties.append(head(t("legend_ties")), layerList);
  if (state.data && state.data.directed) ties.append(head(t("legend_arrows")));
  legend.append(colours, sizes, ties);
}

function buildNames() {
  const list = $("net-names");
  list.textContent = "";
  if (state.nodes.length > 2000) return;  // a datalist of thousands helps nobody
  for (const n of state.nodes) {
    const option = document.createElement("option");
    option.value = labelOf(n);
    list.append(option);
  }
}

function summarise() {
  const n = state.visibleIds.size, m = state.visibleEdgeKeys.size;
  container.dataset.nodes = String(n);
  container.dataset.edges = String(m);
  const d = state.data || {};
  const what = state.mode === "api"
    ? `${$("net-projection").selectedOptions[0].textContent}, ${d.year || t("all_years")}`
      + (state.programme ? ", " + programmeLabel(state.programme) : "")
    : t("query_result");
  $("net-summary").classList.remove("error");
  let text = t("summary", {nodes: n, edges: m, what});
  if (state.selected) text += " " + t("ego", {label: labelOf(state.byId.get(state.selected)), count: state.ego.size});
  $("net-summary").textContent = text;
}

function buildTable() {
  const wrap = $("net-table");
  const measures = MEASURES.filter((m) => state.nodes.some((n) => n[m] != null));
  const table = document.createElement("table");
  const caption = document.createElement("caption");
  caption.textContent = t("table_caption", {count: state.visibleIds.size});
  table.append(caption);
  const head = table.createTHead().insertRow();
  for (const name of [t("node"), t("type"), ...measures.map(measureName)]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  const rows = visibleNodes().sort((a, b) => (b[state.size] || 0) - (a[state.size] || 0));
  for (const n of rows) {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    if (n.url) { const a = document.createElement("a"); a.href = n.url; a.textContent = labelOf(n); th.append(a); }
    else th.textContent = labelOf(n);
    tr.append(th);
    tr.insertCell().textContent = typeName(typeOf(n));
    for (const m of measures) { const td = tr.insertCell(); td.className = "num"; td.textContent = fmt(n[m]); }
  }
  wrap.textContent = "";
  wrap.append(table);
}

// -- layout -----------------------------------------------------------------------------
function relayout() {
  if (state.stopLayout) state.stopLayout();
  const big = state.graph.order > 1000;
  container.dataset.state = "layout";
  state.stopLayout = animateLayout(state.graph, {
    total: big ? 120 : 300, step: big ? 4 : 15,
    onStep: (done) => { $("net-summary").textContent = t("layout_running", {percent: Math.round(done * 100)}); },
    onDone: () => {
      state.stopLayout = null;
      for (const n of state.nodes) {
        n.x = state.graph.getNodeAttribute(n.id, "x");
        n.y = -state.graph.getNodeAttribute(n.id, "y");
      }
      fit();
      summarise();
      $("net-summary").textContent += " " + t("layout_done");
      container.dataset.state = "ready";
    },
  });
}

function resetLayout() {
  if (state.stopLayout) { state.stopLayout(); state.stopLayout = null; }
  const base = state.basePositions.get($("net-projection").value);
  if (!base) return;
  for (const n of state.nodes) {
    const xy = base.get(n.id);
    if (!xy) continue;
    n.x = xy[0]; n.y = xy[1];
    state.graph.mergeNodeAttributes(n.id, {x: xy[0], y: -xy[1]});
  }
  fit();
  container.dataset.state = "ready";
}

// -- exports ----------------------------------------------------------------------------
function scene() {
  const sigma = state.sigma;
  const {width, height} = sigma.getDimensions();
  const edges = [], nodes = [];
  state.graph.forEachEdge((key, attrs, source, target) => {
    const d = sigma.getEdgeDisplayData(key);
    if (!d || d.hidden) return;
    const a = sigma.framedGraphToViewport(sigma.getNodeDisplayData(source));
    const b = sigma.framedGraphToViewport(sigma.getNodeDisplayData(target));
    edges.push({x1: a.x, y1: a.y, x2: b.x, y2: b.y, colour: d.color, width: d.size});
  });
  state.graph.forEachNode((key) => {
    const d = sigma.getNodeDisplayData(key);
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport(d);
    nodes.push({x: p.x, y: p.y, r: sigma.scaleSize(d.size), colour: d.color, label: labelOf(state.byId.get(key))});
  });
  return {width, height, edges, nodes, labels: state.labelScene || []};
}

function baseName() {
  if (state.mode !== "api") return "pasb-network-query";
  const p = params();
  return `pasb-network-${p.get("projection")}-${p.get("year") || "all-years"}`;
}

function exportRows() {
  const nodes = visibleNodes().map((n) => ({...n, label: labelOf(n)}));
  return [nodes, visibleEdges()];
}

// -- the phone's drawer -----------------------------------------------------------------
function drawer(open) {
  $("net-controls").classList.toggle("open", open);
  $("net-backdrop").hidden = !open;
  $("net-drawer-open").setAttribute("aria-expanded", String(open));
  if (open) $("net-drawer-close").focus(); else $("net-drawer-open").focus();
}

// -- events -----------------------------------------------------------------------------
container.addEventListener("keydown", (ev) => {
  const keys = {ArrowLeft: [-0.05, 0], ArrowRight: [0.05, 0], ArrowUp: [0, 0.05], ArrowDown: [0, -0.05]};
  if (keys[ev.key]) pan(...keys[ev.key]);
  else if (ev.key === "+" || ev.key === "=") zoom(1.4);
  else if (ev.key === "-") zoom(1 / 1.4);
  else if (ev.key === "0") fit();
  else if (ev.key === "Escape") select(null);
  else return;
  ev.preventDefault();
});
$("net-zoom-in").addEventListener("click", () => zoom(1.4));
$("net-zoom-out").addEventListener("click", () => zoom(1 / 1.4));
$("net-fit").addEventListener("click", () => fit());
$("net-relayout").addEventListener("click", relayout);
$("net-reset-layout").addEventListener("click", resetLayout);
$("net-close").addEventListener("click", () => { select(null); container.focus(); });
$("net-size").addEventListener("change", () => { computeSizes(); buildLegend(); state.sigma.refresh(); if ($("net-table-box").open) buildTable(); });
$("net-labels").addEventListener("change", () => { state.labels = $("net-labels").checked; state.sigma.refresh({skipIndexation: true}); });
$("net-programme").addEventListener("change", () => { state.programme = $("net-programme").value; refresh(); fit(); });
$("net-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); search(); } });
$("net-search").addEventListener("change", search);
$("net-controls").addEventListener("submit", (ev) => ev.preventDefault());
$("net-projection").addEventListener("change", () => reload());
$("net-scope").addEventListener("change", () => reload());
$("net-all-years").addEventListener("change", () => reload());
$("net-year").addEventListener("input", () => { $("net-year-out").textContent = $("net-year").value; $("net-all-years").checked = false; });
$("net-year").addEventListener("change", () => reload());
$("net-png").addEventListener("click", () => exportPng(scene(), baseName()));
$("net-svg").addEventListener("click", () => exportSvg(scene(), baseName()));
$("net-csv").addEventListener("click", () => exportCsv(...exportRows(), baseName()));
$("net-graphml").addEventListener("click", () => exportGraphml(...exportRows(), state.data.directed, baseName()));
$("net-gexf").addEventListener("click", () => exportGexf(...exportRows(), state.data.directed, baseName()));
$("net-table-box").addEventListener("toggle", () => { if ($("net-table-box").open) buildTable(); });
$("net-drawer-open").addEventListener("click", () => drawer(true));
$("net-drawer-close").addEventListener("click", () => drawer(false));
$("net-backdrop").addEventListener("click", () => drawer(false));
$("net-controls").addEventListener("keydown", (ev) => { if (ev.key === "Escape" && $("net-controls").classList.contains("open")) drawer(false); });

function reload() {
  $("net-year-out").textContent = $("net-all-years").checked ? t("all_years") : $("net-year").value;
  const url = new URL(location.href);
  for (const [k, v] of params()) url.searchParams.set(k, v);
  if ($("net-all-years").checked) url.searchParams.delete("year");
  if ($("net-scope").value === "all") url.searchParams.delete("scope");
  url.searchParams.delete("layer");
  history.replaceState(null, "", url);
  loadApi().catch(fail);
}

// -- start ------------------------------------------------------------------------------
$("net-projection").value = config.projection || "actors";
$("net-scope").value = config.scope || "all";
if (config.year) {
  // The asked year as it is (the slider would clamp it): the API says if it is not allowed.
  $("net-year").min = Math.min(+$("net-year").min, config.year);
  $("net-year").max = Math.max(+$("net-year").max, config.year);
  $("net-all-years").checked = false;
  $("net-year").value = config.year;
  $("net-year-out").textContent = config.year;
}
(config.query ? loadQuery() : loadApi()).then(() => {
  if (state.data && state.data.years && state.data.years.length && state.mode === "api") {
    $("net-year").min = state.data.years[0];
    $("net-year").max = state.data.years[state.data.years.length - 1];
  }
}).catch(fail);
