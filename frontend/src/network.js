/* pasb-kg network viewer: draws /network/actors.json (layout computed on the server) or a
   SPARQL result on a <canvas>; a grid index answers hover and click; pan and zoom blit a
   cached bitmap while moving and redraw when the gesture ends, so thousands of nodes stay
   interactive. Bundled by esbuild (frontend/build.mjs) into service/static/dist/. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("network-config").textContent);
  const $ = (id) => document.getElementById(id);
  const canvas = $("net-canvas"), ctx = canvas.getContext("2d");
  const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                   "#F0E442", "#000000", "#999999", "#882255"];
  const LAYER_NAMES = {participation: "Participation", funding: "Funding", legal: "Legal",
                       coverage: "Coverage", triple: "Triples", tie: "Ties"};
  const TYPE_NAMES = {"international-organisation": "International organisation",
    "state-government": "State government", "government-body": "Government body",
    donor: "Donor", "employers-organisation": "Employers' organisation",
    "workers-organisation": "Workers' organisation", ngo: "NGO", school: "School",
    network: "Network", "statistical-agency": "Statistical agency",
    programme: "Programme", instrument: "Legal instrument", place: "Place",
    unclassified: "Unclassified"};

  const state = {
    data: null, nodes: [], edges: [], byId: new Map(), hidden: new Set(), size: "degree",
    scale: 1, tx: 0, ty: 0, selected: null, neighbours: new Set(), hover: null,
    grid: null, labels: true, dpr: window.devicePixelRatio || 1, mode: "api",
    basePositions: new Map(), cache: null, moving: false, colours: {}, timings: {},
  };
  window.pasbNetwork = state;

  // -- loading --------------------------------------------------------------------------
  function params() {
    const p = new URLSearchParams();
    p.set("layer", "all");
    p.set("projection", $("net-projection").value);
    if (!$("net-all-years").checked) p.set("year", $("net-year").value);
    return p;
  }

  async function fetchJSON(url) {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    const text = await response.text();
    if (!response.ok) throw new Error(text.trim() || response.statusText);
    return JSON.parse(text);
  }

  async function loadApi() {
    const p = params(), started = performance.now();
    setBusy("Loading the network…");
    const projection = p.get("projection");
    let base = state.basePositions.get(projection);
    if (!base) {  // the all-years layout keeps every node in place across years
      const all = new URLSearchParams({layer: "all", projection});
      const data = await fetchJSON(config.data + "?" + all);
      base = new Map(data.nodes.map((n) => [n.id, [n.x, n.y]]));
      state.basePositions.set(projection, base);
      if (!p.has("year")) return show(data, started);
    }
    const data = await fetchJSON(config.data + "?" + p);
    for (const n of data.nodes) {
      const xy = base.get(n.id);
      if (xy) { n.x = xy[0]; n.y = xy[1]; }
    }
    show(data, started);
  }

  function show(data, started) {
    const fetched = performance.now();
    state.data = data;
    state.nodes = data.nodes;
    state.byId = new Map(data.nodes.map((n, i) => { n.i = i; return [n.id, n]; }));
    state.edges = data.edges.map((e) => ({s: state.byId.get(e.source), t: state.byId.get(e.target),
      layer: e.layer || "tie", weight: +e.weight || 1, roles: e.roles, label: e.label}))
      .filter((e) => e.s && e.t);
    for (const n of state.nodes) n.colour = n.colour || colourOf(n);
    buildLayers();
    buildSizes();
    buildLegend();
    buildNames();
    buildGrid();
    const selected = state.selected && state.byId.get(state.selected.id);
    select(selected || null, false);
    resize();
    fit();
    const drawn = performance.now();
    state.timings = {fetch_ms: fetched - started, draw_ms: drawn - fetched, total_ms: drawn - started,
                     nodes: state.nodes.length, edges: state.edges.length};
    summarise();
    $("net-notes").textContent = (data.notes || []).join(" ");
    $("net-json-link").href = config.data + "?" + params();
    if ($("net-table-box").open) buildTable();
    canvas.dataset.state = "ready";
  }

  function setBusy(text) {
    canvas.dataset.state = "loading";
    $("net-summary").textContent = text;
  }

  function fail(error) {
    canvas.dataset.state = "error";
    $("net-summary").textContent = "Could not draw the network: " + error.message;
    $("net-summary").classList.add("error");
  }

  // -- derived structures ---------------------------------------------------------------
  function colourOf(n) {
    const key = n.actor_type || n.kind || n.type || "";
    if (config.typeColours[key]) return config.typeColours[key];
    if (config.kindColours[key]) return config.kindColours[key];
    if (!(key in state.colours)) {
      state.colours[key] = PALETTE[Object.keys(state.colours).length % PALETTE.length];
    }
    return state.colours[key];
  }

  function typeOf(n) { return n.actor_type || n.kind || n.type || "unclassified"; }

  function edgeColour(layer) {
    return config.edgeColours[layer] || "#6f6f6f";
  }

  function buildLayers() {
    const counts = {};
    for (const e of state.edges) counts[e.layer] = (counts[e.layer] || 0) + 1;
    const order = ["participation", "funding", "legal", "coverage"];
    const layers = [...order, ...Object.keys(counts).filter((l) => !order.includes(l)).sort()];
    const list = $("net-layer-list");
    list.textContent = "";
    for (const layer of layers) {
      if (state.mode !== "api" && !counts[layer]) continue;
      const li = document.createElement("li");
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = layer;
      box.id = "net-layer-" + layer;
      box.checked = !state.hidden.has(layer);
      box.disabled = !counts[layer];
      box.addEventListener("change", () => {
        if (box.checked) state.hidden.delete(layer); else state.hidden.add(layer);
        buildGrid();
        summarise();
        redraw();
      });
      const swatch = document.createElement("span");
      swatch.className = "net-line";
      swatch.style.background = edgeColour(layer);
      label.append(box, swatch, " " + (LAYER_NAMES[layer] || layer) + " ");
      const count = document.createElement("span");
      count.className = "muted";
      count.textContent = "(" + (counts[layer] || 0) + ")";
      label.append(count);
      if (!counts[layer]) label.title = "No tie of this layer in this view";
      li.append(label);
      list.append(li);
    }
  }

  function visibleEdges() {
    return state.edges.filter((e) => !state.hidden.has(e.layer));
  }

  function visibleNodes() {
    // A node stays when it has a visible tie, or had no tie at all in the view.
    if (!state.hidden.size) return state.nodes;
    const tied = new Set(), seen = new Set();
    for (const e of state.edges) {
      seen.add(e.s); seen.add(e.t);
      if (!state.hidden.has(e.layer)) { tied.add(e.s); tied.add(e.t); }
    }
    return state.nodes.filter((n) => tied.has(n) || !seen.has(n));
  }

  function buildSizes() {
    const select = $("net-size");
    for (const option of select.options) {
      option.disabled = !state.nodes.some((n) => n[option.value] != null);
    }
    if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = "degree";
    state.size = select.value;
    const max = Math.max(1e-12, ...state.nodes.map((n) => +n[state.size] || 0));
    const big = state.nodes.length > 1000;
    const [low, high] = big ? [1.5, 9] : [4, 18];
    for (const n of state.nodes) n.r = low + (high - low) * Math.sqrt((+n[state.size] || 0) / max);
  }

  function buildLegend() {
    const legend = $("net-legend");
    legend.textContent = "";
    const types = new Map();
    for (const n of state.nodes) types.set(typeOf(n), n.colour);
    const list = document.createElement("ul");
    for (const [type, colour] of [...types].sort()) {
      const li = document.createElement("li");
      const dot = document.createElement("span");
      dot.className = "net-dot";
      dot.style.background = colour;
      li.append(dot, " " + (TYPE_NAMES[type] || type));
      list.append(li);
    }
    legend.append(list);
  }

  function buildNames() {
    const list = $("net-names");
    list.textContent = "";
    if (state.nodes.length > 2000) return;  // a datalist of thousands helps nobody
    for (const n of state.nodes) {
      const option = document.createElement("option");
      option.value = n.label || n.id;
      list.append(option);
    }
  }

  // -- spatial index --------------------------------------------------------------------
  function buildGrid() {
    const nodes = visibleNodes();
    const cells = Math.max(8, Math.ceil(Math.sqrt(nodes.length)));
    const grid = {cells, buckets: new Map()};
    for (const n of nodes) {
      const key = cellOf(grid, n.x, n.y);
      if (!grid.buckets.has(key)) grid.buckets.set(key, []);
      grid.buckets.get(key).push(n);
    }
    state.grid = grid;
    state.visible = nodes;
    state.visibleSet = new Set(nodes);
  }

  function cellOf(grid, x, y) {
    const cx = Math.min(grid.cells - 1, Math.max(0, Math.floor((x + 1) / 2 * grid.cells)));
    const cy = Math.min(grid.cells - 1, Math.max(0, Math.floor((y + 1) / 2 * grid.cells)));
    return cx * grid.cells + cy;
  }

  function nodeAt(px, py) {
    const [x, y] = toWorld(px, py);
    const grid = state.grid;
    const reach = Math.max(12, 18) / state.scale;  // world units
    const span = Math.ceil(reach / (2 / grid.cells)) ;
    const cx = Math.floor((x + 1) / 2 * grid.cells), cy = Math.floor((y + 1) / 2 * grid.cells);
    let best = null, bestD = Infinity;
    for (let i = cx - span; i <= cx + span; i++) {
      for (let j = cy - span; j <= cy + span; j++) {
        if (i < 0 || j < 0 || i >= grid.cells || j >= grid.cells) continue;
        for (const n of grid.buckets.get(i * grid.cells + j) || []) {
          const d = Math.hypot(n.x - x, n.y - y) * state.scale;
          if (d <= Math.max(n.r + 3, 6) && d < bestD) { best = n; bestD = d; }
        }
      }
    }
    return best;
  }

  // -- view transform -------------------------------------------------------------------
  function toScreen(n) { return [n.x * state.scale + state.tx, n.y * state.scale + state.ty]; }
  function toWorld(px, py) { return [(px - state.tx) / state.scale, (py - state.ty) / state.scale]; }

  function resize() {
    const rect = canvas.getBoundingClientRect();
    state.width = Math.max(200, rect.width);
    state.height = Math.max(200, rect.height);
    canvas.width = Math.round(state.width * state.dpr);
    canvas.height = Math.round(state.height * state.dpr);
  }

  function fit() {
    const nodes = state.visible && state.visible.length ? state.visible : state.nodes;
    if (!nodes.length) { redraw(); return; }
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const n of nodes) {
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    }
    const pad = state.labels && nodes.length < 200 ? 90 : 30;
    const w = Math.max(x1 - x0, 1e-3), h = Math.max(y1 - y0, 1e-3);
    const avail = state.width - panelWidth();
    state.scale = Math.min((avail - 2 * pad) / w, (state.height - 2 * pad) / h);
    state.tx = avail / 2 - (x0 + x1) / 2 * state.scale;
    state.ty = state.height / 2 - (y0 + y1) / 2 * state.scale;
    redraw();
  }

  function panelWidth() {
    const box = $("net-panel");
    return box.hidden || getComputedStyle(box).position !== "absolute" ? 0 : box.offsetWidth + 12;
  }

  function zoom(factor, px, py) {
    px = px == null ? state.width / 2 : px;
    py = py == null ? state.height / 2 : py;
    state.tx = px - (px - state.tx) * factor;
    state.ty = py - (py - state.ty) * factor;
    state.scale *= factor;
    gesture();
  }

  // -- drawing --------------------------------------------------------------------------
  let frame = 0, settle = 0;
  function redraw() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function gesture() {
    // While the view moves, blit the last full drawing; redraw fully when it rests.
    state.moving = true;
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; blit(); });
    clearTimeout(settle);
    settle = setTimeout(() => { state.moving = false; redraw(); }, 120);
  }

  function blit() {
    const c = state.cache;
    if (!c) { draw(); return; }
    const started = performance.now();
    const k = state.scale / c.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(state.dpr * k, 0, 0, state.dpr * k,
                     state.dpr * (state.tx - c.tx * k), state.dpr * (state.ty - c.ty * k));
    ctx.drawImage(c.canvas, 0, 0, c.canvas.width / state.dpr, c.canvas.height / state.dpr);
    state.lastBlitMs = performance.now() - started;
  }

  function draw() {
    const started = performance.now();
    if (!state.grid) return;
    paint(ctx, state.dpr);
    const copy = state.cache ? state.cache.canvas : document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext("2d").drawImage(canvas, 0, 0);
    state.cache = {canvas: copy, scale: state.scale, tx: state.tx, ty: state.ty};
    state.lastDrawMs = performance.now() - started;
  }

  function paint(g, dpr) {
    const focus = state.selected;
    const edges = visibleEdges();
    const many = edges.length > 3000;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, g.canvas.width, g.canvas.height);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.lineCap = "round";
    const maxW = Math.max(1, ...edges.map((e) => e.weight));
    const width = (w) => (many ? 0.4 : 0.8) + (many ? 1 : 4) * Math.sqrt((w - 1) / Math.max(1, maxW - 1));
    const groups = new Map();
    for (const e of edges) {
      const strong = focus && (e.s === focus || e.t === focus);
      const key = e.layer + "|" + Math.round(width(e.weight) * 2) / 2 + "|" + (strong ? 1 : 0);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    for (const [key, list] of [...groups].sort((a, b) => a[0].endsWith("1") - b[0].endsWith("1"))) {
      const [layer, w, strong] = key.split("|");
      g.strokeStyle = edgeColour(layer);
      g.globalAlpha = strong === "1" ? 0.95 : focus ? 0.08 : many ? 0.18 : 0.55;
      g.lineWidth = +w * (strong === "1" ? 1.6 : 1);
      g.beginPath();
      for (const e of list) {
        const [x1, y1] = toScreen(e.s), [x2, y2] = toScreen(e.t);
        g.moveTo(x1, y1);
        g.lineTo(x2, y2);
      }
      g.stroke();
      if (state.data && state.data.directed && !many) arrows(g, list);
    }
    g.globalAlpha = 1;
    const nodes = state.visible;
    const byColour = new Map();
    for (const n of nodes) {
      const dim = focus && n !== focus && !state.neighbours.has(n);
      const key = n.colour + (dim ? "|d" : "");
      if (!byColour.has(key)) byColour.set(key, []);
      byColour.get(key).push(n);
    }
    const outline = nodes.length < 1500;
    for (const [key, list] of byColour) {
      g.fillStyle = key.split("|")[0];
      g.globalAlpha = key.endsWith("|d") ? 0.2 : 1;
      g.strokeStyle = "#ffffff";
      g.lineWidth = 1;
      g.beginPath();
      for (const n of list) {
        const [x, y] = toScreen(n);
        g.moveTo(x + n.r, y);
        g.arc(x, y, n.r, 0, 2 * Math.PI);
      }
      g.fill();
      if (outline) g.stroke();
    }
    g.globalAlpha = 1;
    for (const n of [focus, ...state.neighbours].filter(Boolean)) {
      const [x, y] = toScreen(n);
      g.beginPath();
      g.arc(x, y, n.r + (n === focus ? 4 : 2.5), 0, 2 * Math.PI);
      g.strokeStyle = n === focus ? "#000000" : "#333333";
      g.lineWidth = n === focus ? 3 : 1.5;
      g.stroke();
    }
    if (state.labels) paintLabels(g, nodes, focus);
  }

  function arrows(g, list) {
    g.beginPath();
    for (const e of list) {
      const [x1, y1] = toScreen(e.s), [x2, y2] = toScreen(e.t);
      const a = Math.atan2(y2 - y1, x2 - x1), d = e.t.r + 2;
      const hx = x2 - d * Math.cos(a), hy = y2 - d * Math.sin(a);
      g.moveTo(hx, hy);
      g.lineTo(hx - 8 * Math.cos(a - 0.4), hy - 8 * Math.sin(a - 0.4));
      g.lineTo(hx - 8 * Math.cos(a + 0.4), hy - 8 * Math.sin(a + 0.4));
      g.closePath();
    }
    g.fillStyle = g.strokeStyle;
    g.fill();
  }

  function labelled(nodes, focus) {
    // Every label on small graphs; on large ones the biggest nodes on screen, the
    // selected node and its neighbours.
    const keep = new Set([focus, ...[...state.neighbours].sort((a, b) => b.r - a.r).slice(0, 60)]
      .filter(Boolean));
    const onScreen = nodes.filter((n) => {
      const [x, y] = toScreen(n);
      return x > -50 && y > -20 && x < state.width + 50 && y < state.height + 20;
    });
    if (focus) return [...keep];
    const limit = onScreen.length <= 60 ? onScreen.length : 25;
    const top = [...onScreen].sort((a, b) => b.r - a.r).slice(0, limit);
    return [...new Set([...top, ...keep])];
  }

  function paintLabels(g, nodes, focus) {
    // The selected node, then its neighbours, then the biggest nodes; a label that would
    // overlap one already drawn is left out (the selected node's never is).
    const font = "12px system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";
    g.textBaseline = "middle";
    g.lineJoin = "round";
    const must = new Set([focus].filter(Boolean));
    const rank = (n) => (n === focus ? 2 : state.neighbours.has(n) ? 1 : 0);
    const order = labelled(nodes, focus).sort((a, b) => rank(b) - rank(a) || b.r - a.r);
    const placed = [];
    for (const n of order) {
      const [x, y] = toScreen(n);
      const text = short(n.label || n.id);
      g.font = (n === focus ? "bold " : "") + font;
      const w = g.measureText(text).width;
      const right = x < state.width * 0.8;
      const lx = right ? x + n.r + 4 : x - n.r - 4;
      const box = right ? [lx, y - 8, lx + w, y + 8] : [lx - w, y - 8, lx, y + 8];
      if (!must.has(n) && placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
      placed.push(box);
      g.textAlign = right ? "left" : "right";
      g.lineWidth = 3.5;
      g.strokeStyle = "rgba(255,255,255,0.9)";
      g.strokeText(text, lx, y);
      g.fillStyle = "#1b1f24";
      g.fillText(text, lx, y);
    }
  }

  function short(text) { return text.length > 34 ? text.slice(0, 32) + "…" : text; }

  // -- selection, search, panel ---------------------------------------------------------
  function neighboursOf(n) {
    const out = new Set();
    for (const e of visibleEdges()) {
      if (e.s === n) out.add(e.t);
      if (e.t === n) out.add(e.s);
    }
    out.delete(n);
    return out;
  }

  function select(n, announce = true) {
    state.selected = n;
    state.neighbours = n ? neighboursOf(n) : new Set();
    canvas.dataset.selected = n ? n.id : "";
    canvas.dataset.highlighted = n ? String(state.neighbours.size + 1) : "0";
    panel(n);
    if (announce) redraw();
  }

  function fmt(v) {
    if (v == null) return "—";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(3);
    return String(v);
  }

  function panel(n) {
    const box = $("net-panel");
    if (!n) { box.hidden = true; return; }
    box.hidden = false;
    $("net-panel-title").textContent = n.label || n.id;
    const body = $("net-panel-body");
    body.textContent = "";
    const facts = document.createElement("dl");
    facts.className = "facts";
    const add = (term, value) => {
      if (value == null || value === "") return;
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = term;
      if (value instanceof Node) dd.append(value); else dd.textContent = value;
      facts.append(dt, dd);
    };
    if (n.label_id && n.label_id !== n.label) add("Indonesian", n.label_id);
    const others = (n.names || []).filter((x) => x !== n.label_id && x !== n.label_en);
    if (others.length) add("Other names", others.join("; "));
    add("Type", TYPE_NAMES[typeOf(n)] || typeOf(n));
    for (const m of ["degree", "betweenness", "brokerage", "coreness"]) {
      if (n[m] != null) add(m[0].toUpperCase() + m.slice(1), fmt(n[m]));
    }
    add("Neighbours shown", String(state.neighbours.size));
    for (const [k, v] of Object.entries(n.attributes || {})) add(k, v);
    body.append(facts);
    if (n.programmes && n.programmes.length) {
      const h = document.createElement("h3");
      h.textContent = "Programmes and roles";
      const ul = document.createElement("ul");
      for (const [p, roles] of n.programmes) {
        const li = document.createElement("li");
        const label = (state.data.programmes || {})[p] || p;
        const target = state.byId.get(p);
        const a = document.createElement(target ? "button" : "span");
        a.textContent = label;
        if (target) { a.type = "button"; a.className = "linkish"; a.addEventListener("click", () => focusNode(target)); }
        const role = document.createElement("span");
        role.className = "roles";
        role.textContent = roles.join(", ");
        li.append(a, role);
        ul.append(li);
      }
      body.append(h, ul);
    }
    if (n.url) {
      const a = document.createElement("a");
      a.href = n.url;
      a.textContent = "Resource page";
      a.className = "button";
      body.append(a);
    }
  }

  function matches(query) {
    const q = fold(query);
    if (!q) return [];
    const scored = [];
    for (const n of state.visible || state.nodes) {
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

  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function focusNode(n) {
    select(n);
    const [x, y] = toScreen(n);
    const right = state.width - panelWidth();
    if (x < 40 || y < 40 || x > right - 40 || y > state.height - 40) {
      state.tx += right / 2 - x;
      state.ty += state.height / 2 - y;
    }
    redraw();
  }

  function search() {
    const found = matches($("net-search").value);
    if (found.length) focusNode(found[0]);
    $("net-summary").textContent = found.length
      ? `Found ${found.length}: ${found[0].label}${found.length > 1 ? " (and " + (found.length - 1) + " more)" : ""}.`
      : `No node called “${$("net-search").value}”.`;
  }

  // -- summary and table ----------------------------------------------------------------
  function summarise() {
    const n = state.visible.length, m = visibleEdges().length;
    canvas.dataset.nodes = String(n);
    canvas.dataset.edges = String(m);
    const d = state.data || {};
    const what = state.mode === "api"
      ? `${$("net-projection").selectedOptions[0].textContent}, ${d.year || "all years"}`
      : "query result";
    $("net-summary").classList.remove("error");
    $("net-summary").textContent = `${n} nodes and ${m} ties drawn (${what}).`;
  }

  function buildTable() {
    const wrap = $("net-table");
    const measures = ["degree", "betweenness", "brokerage", "coreness"].filter(
      (m) => state.nodes.some((n) => n[m] != null));
    const table = document.createElement("table");
    const caption = document.createElement("caption");
    caption.textContent = `${state.visible.length} nodes of the network as drawn`;
    table.append(caption);
    const head = table.createTHead().insertRow();
    for (const name of ["Node", "Type", ...measures]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name[0].toUpperCase() + name.slice(1);
      head.append(th);
    }
    const body = table.createTBody();
    const rows = [...state.visible].sort((a, b) => (b[state.size] || 0) - (a[state.size] || 0));
    for (const n of rows) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      if (n.url) { const a = document.createElement("a"); a.href = n.url; a.textContent = n.label || n.id; th.append(a); }
      else th.textContent = n.label || n.id;
      tr.append(th);
      tr.insertCell().textContent = TYPE_NAMES[typeOf(n)] || typeOf(n);
      for (const m of measures) { const td = tr.insertCell(); td.className = "num"; td.textContent = fmt(n[m]); }
    }
    wrap.textContent = "";
    wrap.append(table);
  }

  // -- exports --------------------------------------------------------------------------
  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function baseName() {
    if (state.mode !== "api") return "pasb-network-query";
    const p = params();
    return `pasb-network-${p.get("projection")}-${p.get("year") || "all-years"}`;
  }

  function exportPng() {
    draw();
    canvas.toBlob((blob) => save(blob, baseName() + ".png"), "image/png");
  }

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}[c]));

  function exportSvg() {
    const focus = state.selected, out = [];
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${state.width}" height="${state.height}" viewBox="0 0 ${state.width} ${state.height}" font-family="sans-serif" font-size="12">`);
    out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
    out.push(`<g stroke-linecap="round">`);
    for (const e of visibleEdges()) {
      const [x1, y1] = toScreen(e.s), [x2, y2] = toScreen(e.t);
      const strong = focus && (e.s === focus || e.t === focus);
      out.push(`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${edgeColour(e.layer)}" stroke-opacity="${strong ? 0.95 : focus ? 0.08 : 0.5}" stroke-width="${(0.8 + Math.log1p(e.weight - 1)).toFixed(2)}"/>`);
    }
    out.push(`</g><g stroke="#ffffff">`);
    for (const n of state.visible) {
      const [x, y] = toScreen(n);
      const dim = focus && n !== focus && !state.neighbours.has(n);
      out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${n.r.toFixed(1)}" fill="${n.colour}"${dim ? ' fill-opacity="0.2"' : ""}><title>${esc(n.label || n.id)}</title></circle>`);
    }
    out.push(`</g><g fill="#1b1f24">`);
    if (state.labels) {
      for (const n of labelled(state.visible, focus)) {
        const [x, y] = toScreen(n);
        out.push(`<text x="${(x + n.r + 4).toFixed(1)}" y="${(y + 4).toFixed(1)}">${esc(short(n.label || n.id))}</text>`);
      }
    }
    out.push(`</g></svg>`);
    save(new Blob([out.join("\n")], {type: "image/svg+xml"}), baseName() + ".svg");
  }

  const ATTRS = ["label", "label_id", "kind", "actor_type", "degree", "betweenness", "brokerage", "coreness"];

  function exportCsv() {
    const quote = (v) => (v == null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const nodes = ["id," + ATTRS.join(",")].concat(state.visible.map((n) => [n.id, ...ATTRS.map((a) => n[a])].map(quote).join(",")));
    const edges = ["source,target,layer,weight"].concat(visibleEdges().map((e) => [e.s.id, e.t.id, e.layer, e.weight].map(quote).join(",")));
    save(new Blob([edges.join("\n") + "\n"], {type: "text/csv"}), baseName() + "-edges.csv");
    save(new Blob([nodes.join("\n") + "\n"], {type: "text/csv"}), baseName() + "-nodes.csv");
  }

  function exportGraphml() {
    const directed = state.data && state.data.directed;
    const out = [`<?xml version="1.0" encoding="UTF-8"?>`,
      `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`];
    ATTRS.forEach((a, i) => out.push(`<key id="n${i}" for="node" attr.name="${a}" attr.type="${i >= 4 ? "double" : "string"}"/>`));
    out.push(`<key id="x" for="node" attr.name="x" attr.type="double"/><key id="y" for="node" attr.name="y" attr.type="double"/>`);
    out.push(`<key id="e0" for="edge" attr.name="layer" attr.type="string"/><key id="e1" for="edge" attr.name="weight" attr.type="double"/>`);
    out.push(`<graph edgedefault="${directed ? "directed" : "undirected"}">`);
    for (const n of state.visible) {
      const data = ATTRS.map((a, i) => (n[a] == null ? "" : `<data key="n${i}">${esc(n[a])}</data>`)).join("");
      out.push(`<node id="${esc(n.id)}">${data}<data key="x">${n.x}</data><data key="y">${n.y}</data></node>`);
    }
    for (const e of visibleEdges()) {
      out.push(`<edge source="${esc(e.s.id)}" target="${esc(e.t.id)}"><data key="e0">${esc(e.layer)}</data><data key="e1">${e.weight}</data></edge>`);
    }
    out.push(`</graph></graphml>`);
    save(new Blob([out.join("\n")], {type: "application/graphml+xml"}), baseName() + ".graphml");
  }

  function exportGexf() {
    const directed = state.data && state.data.directed;
    const out = [`<?xml version="1.0" encoding="UTF-8"?>`,
      `<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">`,
      `<graph defaultedgetype="${directed ? "directed" : "undirected"}" mode="static">`,
      `<attributes class="node">` + ATTRS.slice(1).map((a, i) => `<attribute id="${i}" title="${a}" type="${i >= 3 ? "double" : "string"}"/>`).join("") + `</attributes>`,
      `<attributes class="edge"><attribute id="layer" title="layer" type="string"/></attributes>`, `<nodes>`];
    for (const n of state.visible) {
      const values = ATTRS.slice(1).map((a, i) => (n[a] == null ? "" : `<attvalue for="${i}" value="${esc(n[a])}"/>`)).join("");
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(n.colour.slice(i, i + 2), 16));
      out.push(`<node id="${esc(n.id)}" label="${esc(n.label || n.id)}"><attvalues>${values}</attvalues><viz:color r="${r}" g="${g}" b="${b}"/><viz:position x="${(n.x * 500).toFixed(2)}" y="${(-n.y * 500).toFixed(2)}" z="0"/><viz:size value="${n.r.toFixed(2)}"/></node>`);
    }
    out.push(`</nodes><edges>`);
    visibleEdges().forEach((e, i) => out.push(`<edge id="${i}" source="${esc(e.s.id)}" target="${esc(e.t.id)}" weight="${e.weight}"><attvalues><attvalue for="layer" value="${esc(e.layer)}"/></attvalues></edge>`));
    out.push(`</edges></graph></gexf>`);
    save(new Blob([out.join("\n")], {type: "application/gexf+xml"}), baseName() + ".gexf");
  }

  // -- SPARQL results ("Show as network") -----------------------------------------------
  const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  const LABELS = new Set(["http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel", "http://xmlns.com/foaf/0.1/name",
    "https://schema.org/name"]);
  const ALT = "http://www.w3.org/2004/02/skos/core#altLabel";
  const local = (iri) => decodeURIComponent(String(iri).split(/[/#]/).filter(Boolean).pop() || iri);

  async function loadQuery() {
    state.mode = "query";
    $("net-title").textContent = "Query result as a network";
    $("view-fields").hidden = true;
    setBusy("Running the query…");
    const started = performance.now();
    const body = new URLSearchParams({query: config.query});
    const response = await fetch(config.sparql, {method: "POST", body,
      headers: {Accept: "application/n-triples, application/sparql-results+json;q=0.9"}});
    const text = await response.text();
    if (!response.ok) throw new Error(text.trim());
    const type = response.headers.get("Content-Type") || "";
    const graph = type.includes("json") ? fromSelect(JSON.parse(text)) : fromTriples(text);
    await addLabels(graph);
    layoutInBrowser(graph);
    show(graph, started);
  }

  function graphBuilder() {
    const nodes = new Map(), edges = [];
    const node = (term) => {
      const id = term.value;
      if (!nodes.has(id)) nodes.set(id, {id, label: term.type === "bnode" ? "_:" + id : local(id), names: [], attributes: {}, iri: term.type === "uri"});
      return nodes.get(id);
    };
    return {nodes, edges, node};
  }

  function fromSelect(json) {
    const vars = json.head.vars;
    if (!vars.includes("source") || !vars.includes("target")) {
      throw new Error("a SELECT needs ?source and ?target columns (optional ?label, ?type, ?weight)");
    }
    const g = graphBuilder();
    for (const row of json.results.bindings) {
      if (!row.source || !row.target) continue;
      const s = g.node(row.source), t = g.node(row.target);
      for (const [n, prefix] of [[s, "source"], [t, "target"]]) {
        const label = row[prefix + "Label"] || (prefix === "source" ? row.label : null);
        const type = row[prefix + "Type"] || (prefix === "source" ? row.type : null);
        if (label) { n.label = label.value; n.labelled = true; }
        if (type) n.type = local(type.value);
      }
      g.edges.push({source: s.id, target: t.id, layer: "tie", weight: row.weight ? +row.weight.value || 1 : 1});
    }
    return finish(g, false);
  }

  function parseTerm(text) {
    text = text.trim();
    if (text.startsWith("<")) return {type: "uri", value: text.slice(1, text.indexOf(">"))};
    if (text.startsWith("_:")) return {type: "bnode", value: text.slice(2)};
    const m = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$/.exec(text);
    if (!m) return null;
    const value = m[1].replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, (all, u, U, c) =>
      u ? String.fromCharCode(parseInt(u, 16)) : U ? String.fromCodePoint(parseInt(U, 16))
        : ({n: "\n", t: "\t", r: "\r"}[c] ?? c));
    return {type: "literal", value, lang: m[2] || "", datatype: m[3] || ""};
  }

  function fromTriples(text) {
    const g = graphBuilder();
    const line = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(.*)\s*\.\s*$/;
    for (const raw of text.split("\n")) {
      const m = line.exec(raw.trim());
      if (!m) continue;
      const s = g.node(parseTerm(m[1])), p = m[2], o = parseTerm(m[3]);
      if (!o) continue;
      if (o.type === "literal") {
        if (LABELS.has(p)) {
          if (!s.labelled || o.lang === "en") { s.label = o.value; s.labelled = true; }
          s.names.push(o.value);
        } else if (p === ALT) s.names.push(o.value);
        else s.attributes[local(p)] = o.value;
      } else if (p === RDF_TYPE) {
        s.type = s.type || local(o.value);
      } else {
        g.edges.push({source: s.id, target: g.node(o).id, layer: local(p), weight: 1});
      }
    }
    return finish(g, true);
  }

  function finish(g, directed) {
    const nodes = [...g.nodes.values()];
    const degree = new Map();
    for (const e of g.edges) {
      degree.set(e.source, (degree.get(e.source) || 0) + 1);
      degree.set(e.target, (degree.get(e.target) || 0) + 1);
    }
    for (const n of nodes) {
      n.degree = degree.get(n.id) || 0;
      n.names = [...new Set(n.names)].filter((x) => x !== n.label);
    }
    return {nodes, edges: g.edges, directed, notes: [], programmes: {}};
  }

  async function addLabels(graph) {
    // Labels and local pages for the IRIs this graph knows (the query page's endpoint).
    const iris = graph.nodes.filter((n) => n.iri).map((n) => n.id).slice(0, 2000);
    if (!iris.length || !config.labels) return;
    try {
      const response = await fetch(config.labels, {method: "POST",
        headers: {"Content-Type": "application/json"}, body: JSON.stringify({iris, lang: document.documentElement.lang})});
      if (!response.ok) return;
      const found = await response.json();
      for (const n of graph.nodes) {
        if (!n.labelled && found.labels && found.labels[n.id]) n.label = found.labels[n.id];
        if (found.links && found.links[n.id]) n.url = found.links[n.id];
      }
    } catch (error) { /* labels are a nicety */ }
  }

  function layoutInBrowser(graph) {
    // Fruchterman–Reingold with a seeded start: query results are small (max_result_rows).
    const nodes = graph.nodes, n = nodes.length;
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const x = new Float64Array(n).map(() => random() - 0.5), y = new Float64Array(n).map(() => random() - 0.5);
    const k = 1 / Math.sqrt(Math.max(n, 1));
    const links = graph.edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== b);
    const rounds = n > 800 ? 60 : 200;
    for (let it = 0, t = 0.1; it < rounds; it++, t *= 0.97) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const ux = x[i] - x[j], uy = y[i] - y[j], d2 = Math.max(ux * ux + uy * uy, 1e-6), f = k * k / d2;
          dx[i] += ux * f; dy[i] += uy * f; dx[j] -= ux * f; dy[j] -= uy * f;
        }
      }
      for (const [a, b] of links) {
        const ux = x[a] - x[b], uy = y[a] - y[b], d = Math.sqrt(ux * ux + uy * uy) || 1e-6, f = d / k;
        dx[a] -= ux * f; dy[a] -= uy * f; dx[b] += ux * f; dy[b] += uy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= x[i] * 0.05 / k; dy[i] -= y[i] * 0.05 / k;
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1e-9, s = Math.min(d, t) / d;
        x[i] += dx[i] * s; y[i] += dy[i] * s;
      }
    }
    const span = Math.max(1e-9, ...Array.from(x, Math.abs), ...Array.from(y, Math.abs));
    nodes.forEach((node, i) => { node.x = x[i] / span; node.y = y[i] / span; });
  }

  // -- events ---------------------------------------------------------------------------
  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => {
    canvas.setPointerCapture(ev.pointerId);
    drag = {x: ev.offsetX, y: ev.offsetY, tx: state.tx, ty: state.ty, moved: false};
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (drag) {
      const dx = ev.offsetX - drag.x, dy = ev.offsetY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) { state.tx = drag.tx + dx; state.ty = drag.ty + dy; gesture(); }
      return;
    }
    hover(ev.offsetX, ev.offsetY);
  });
  canvas.addEventListener("pointerup", (ev) => {
    if (drag && !drag.moved) {
      const n = nodeAt(ev.offsetX, ev.offsetY);
      select(n === state.selected ? null : n);
    }
    drag = null;
  });
  canvas.addEventListener("pointerleave", () => { $("net-tooltip").hidden = true; });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    zoom(Math.exp(-ev.deltaY * 0.0015), ev.offsetX, ev.offsetY);
  }, {passive: false});
  canvas.addEventListener("keydown", (ev) => {
    const step = 40, keys = {ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step]};
    if (keys[ev.key]) { state.tx += keys[ev.key][0]; state.ty += keys[ev.key][1]; gesture(); }
    else if (ev.key === "+" || ev.key === "=") zoom(1.25);
    else if (ev.key === "-") zoom(0.8);
    else if (ev.key === "0") fit();
    else if (ev.key === "Escape") select(null);
    else return;
    ev.preventDefault();
  });

  function hover(px, py) {
    const n = nodeAt(px, py), tip = $("net-tooltip");
    canvas.style.cursor = n ? "pointer" : "grab";
    if (!n) { tip.hidden = true; return; }
    tip.hidden = false;
    tip.textContent = "";
    const strong = document.createElement("strong");
    strong.textContent = n.label || n.id;
    tip.append(strong, document.createElement("br"),
      `${TYPE_NAMES[typeOf(n)] || typeOf(n)} · ${state.size} ${fmt(n[state.size])}`);
    tip.style.left = Math.min(px + 14, state.width - 220) + "px";
    tip.style.top = py + 14 + "px";
  }

  $("net-zoom-in").addEventListener("click", () => zoom(1.25));
  $("net-zoom-out").addEventListener("click", () => zoom(0.8));
  $("net-fit").addEventListener("click", fit);
  $("net-close").addEventListener("click", () => { select(null); canvas.focus(); });
  $("net-size").addEventListener("change", () => { buildSizes(); redraw(); if ($("net-table-box").open) buildTable(); });
  $("net-labels").addEventListener("change", () => { state.labels = $("net-labels").checked; redraw(); });
  $("net-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); search(); } });
  $("net-search").addEventListener("change", search);
  $("net-controls").addEventListener("submit", (ev) => ev.preventDefault());
  $("net-projection").addEventListener("change", () => reload());
  $("net-all-years").addEventListener("change", () => reload());
  $("net-year").addEventListener("input", () => {
    $("net-year-out").textContent = $("net-year").value;
    $("net-all-years").checked = false;
  });
  $("net-year").addEventListener("change", () => reload());
  $("net-png").addEventListener("click", exportPng);
  $("net-svg").addEventListener("click", exportSvg);
  $("net-csv").addEventListener("click", exportCsv);
  $("net-graphml").addEventListener("click", exportGraphml);
  $("net-gexf").addEventListener("click", exportGexf);
  $("net-table-box").addEventListener("toggle", () => { if ($("net-table-box").open) buildTable(); });
  window.addEventListener("resize", () => { resize(); redraw(); });

  function reload() {
    $("net-year-out").textContent = $("net-all-years").checked ? "all" : $("net-year").value;
    const url = new URL(location.href);
    for (const [k, v] of params()) url.searchParams.set(k, v);
    if ($("net-all-years").checked) url.searchParams.delete("year");
    url.searchParams.delete("layer");
    history.replaceState(null, "", url);
    loadApi().catch(fail);
  }

  // -- start ----------------------------------------------------------------------------
  $("net-projection").value = config.projection || "actors";
  if (config.year) {
    $("net-all-years").checked = false;
    $("net-year").value = config.year;
    $("net-year-out").textContent = config.year;
  }
  resize();
  (config.query ? loadQuery() : loadApi()).then(() => {
    if (state.data && state.data.years && state.data.years.length && state.mode === "api") {
      $("net-year").min = state.data.years[0];
      $("net-year").max = state.data.years[state.data.years.length - 1];
    }
  }).catch(fail);
})();
