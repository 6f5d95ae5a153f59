// The query page: a highlighted SPARQL editor, the example list, and result views.
// Our own code, no libraries: a textarea over a highlighted <pre>, fetch() to /sparql.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const examples = JSON.parse(document.getElementById("examples-data").textContent)
    .flatMap((group) => group.queries);
  const T = config.text;
  const $ = (id) => document.getElementById(id);
  const editor = $("query"), code = $("highlight"), status = $("status"), errorBox = $("error");
  const output = $("output"), downloads = $("downloads");
  const PAGE_SIZE = 50;
  const KEYWORDS = new Set(("select construct describe ask where prefix base from named " +
    "optional filter union minus graph service silent bind values as distinct reduced " +
    "order by asc desc limit offset group having not exists in a true false undef " +
    "count sum min max avg sample group_concat separator str lang langmatches datatype " +
    "bound iri uri bnode isiri isuri isblank isliteral isnumeric regex replace strstarts " +
    "strends contains strlen substr ucase lcase concat coalesce if year month day now " +
    "insert delete data with using load clear drop create add move copy all default")
    .split(" "));
  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                   // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                     // 3 IRI
    "([?$][A-Za-z0-9_]+)",                          // 4 variable
    "([A-Za-z][\\w.-]*)?:([\\w.%-]*)",              // 5,6 prefixed name
    "(@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",               // 7 language tag
    "([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)",   // 8 number
    "([A-Za-z_]+)",                                 // 9 word
  ].join("|"), "g");

  const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]);
  const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

  // -- highlighting ---------------------------------------------------------------------
  function tokens(text) {
    const out = [];
    let last = 0;
    TOKEN.lastIndex = 0;
    for (let m; (m = TOKEN.exec(text));) {
      if (m[0] === "") { TOKEN.lastIndex++; continue; }
      if (m.index > last) out.push(["plain", text.slice(last, m.index)]);
      let kind = "plain";
      if (m[1]) kind = "comment";
      else if (m[2]) kind = "string";
      else if (m[3]) kind = "iri";
      else if (m[4]) kind = "var";
      else if (m[6] !== undefined) kind = "pname";
      else if (m[7]) kind = "lang";
      else if (m[8]) kind = "number";
      else if (m[9] && KEYWORDS.has(m[9].toLowerCase())) kind = "keyword";
      out.push([kind, m[0], m[5]]);
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(["plain", text.slice(last)]);
    return out;
  }

  let errorOffset = -1;
  function highlight() {
    const text = editor.value;
    let html = "", pos = 0;
    for (const [kind, value] of tokens(text)) {
      let piece = "";
      for (let i = 0; i < value.length; i++) {
        const ch = escapeHtml(value[i]);
        piece += pos + i === errorOffset ? `<mark class="err">${ch === "\n" ? " \n" : ch}</mark>` : ch;
      }
      html += kind === "plain" ? piece : `<span class="tok-${kind}">${piece}</span>`;
      pos += value.length;
    }
    if (errorOffset >= text.length) html += "<mark class=\"err\"> </mark>";
    code.innerHTML = html + "\n";
    syncScroll();
  }
  function syncScroll() {
    code.parentElement.scrollTop = editor.scrollTop;
    code.parentElement.scrollLeft = editor.scrollLeft;
  }

  // -- prefixes -------------------------------------------------------------------------
  function addPrefixes() {
    const text = editor.value;
    const declared = new Set([...text.matchAll(/PREFIX\s+([\w.-]*):/gi)].map((m) => m[1]));
    const used = new Set(tokens(text).filter((t) => t[0] === "pname").map((t) => t[2] || ""));
    const missing = [...used].filter((p) => !declared.has(p) && p in config.prefixes).sort();
    if (!missing.length) return;
    const lines = missing.map((p) => `PREFIX ${p}: <${config.prefixes[p]}>`).join("\n");
    editor.value = lines + "\n" + text;
    highlight();
  }

  // -- examples -------------------------------------------------------------------------
  function pickExample(name) {
    const ex = examples.find((e) => e.name === name);
    if (!ex) return;
    editor.value = ex.text;
    errorOffset = -1;
    highlight();
    editor.focus();
    editor.setSelectionRange(0, 0);
    editor.scrollTop = 0;
    syncScroll();
  }
  function filterExamples() {
    const words = $("example-search").value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const li of document.querySelectorAll("#example-list li")) {
      const hit = words.every((w) => li.dataset.search.includes(w));
      li.hidden = !hit;
      shown += hit ? 1 : 0;
    }
    $("no-example").hidden = shown > 0;
  }

  // -- running --------------------------------------------------------------------------
  function endpointUrl(text, format) {
    return config.endpoint + "?" + new URLSearchParams({ query: text, format: format });
  }
  function showDownloads(text, formats, network) {
    downloads.innerHTML = "";
    downloads.append(document.createTextNode(T.download + ": "));
    formats.forEach(([name, label], i) => {
      const a = document.createElement("a");
      a.href = endpointUrl(text, name);
      a.textContent = label;
      a.setAttribute("download", "result." + name);
      downloads.append(a);
      if (i < formats.length - 1) downloads.append(document.createTextNode(" · "));
    });
    if (network) {  // the /network viewer draws graph results and SELECT ?source ?target
      const a = document.createElement("a");
      a.id = "show-network";
      a.href = config.endpoint.replace(/sparql$/, "network") + "?" + new URLSearchParams({ query: text });
      a.textContent = "Show as network";
      downloads.append(document.createTextNode(" · "), a);
    }
    downloads.hidden = false;
  }
  function showError(message) {
    errorBox.hidden = false;
    errorBox.textContent = "";
    const strong = document.createElement("strong");
    strong.textContent = T.error + ": ";
    errorBox.append(strong, document.createTextNode(message));
    const m = message.match(/line (\d+), column (\d+)/);
    if (m) {
      const line = +m[1], column = +m[2];
      const lines = editor.value.split("\n");
      let offset = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      errorOffset = offset + Math.max(column - 1, 0);
      const where = document.createElement("p");
      where.textContent = fmt(T.error_at, { line: line, column: column });
      errorBox.append(where);
      highlight();
      editor.focus();
      editor.setSelectionRange(errorOffset, errorOffset);
    }
  }

  async function run() {
    addPrefixes();
    const text = editor.value;
    history.replaceState(null, "", "?" + new URLSearchParams({ query: text }));
    errorOffset = -1;
    highlight();
    errorBox.hidden = true;
    downloads.hidden = true;
    output.innerHTML = "";
    status.textContent = T.running;
    const started = performance.now();
    let response;
    try {
      response = await fetch(config.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: text }),
      });
    } catch (err) {
      status.textContent = "";
      showError(String(err));
      return;
    }
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      status.textContent = `${response.status} · ${ms} ms`;
      showError(body.trim());
      return;
    }
    const truncated = response.headers.get("PASB-Result-Truncated");
    const type = (response.headers.get("Content-Type") || "").split(";")[0];
    if (type === "text/turtle") {
      await showGraph(text, body, ms);
    } else {
      const data = JSON.parse(body);
      if ("boolean" in data) {
        status.textContent = fmt(T.boolean, { value: String(data.boolean), ms: ms });
      } else {
        status.textContent = fmt(T.rows, { rows: data.results.bindings.length, ms: ms });
        await showTable(data);
      }
      showDownloads(text, [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
                    !("boolean" in data) && ["source", "target"].every((v) => data.head.vars.includes(v)));
    }
    if (truncated) status.textContent += " " + T.truncated;
  }

  // -- tables ---------------------------------------------------------------------------
  const labels = {}, links = {};
  async function fetchLabels(iris) {
    const wanted = [...new Set(iris)].filter((i) => !(i in labels)).slice(0, 2000);
    if (!wanted.length) return;
    wanted.forEach((i) => { labels[i] = null; });
    const response = await fetch(config.labels, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ iris: wanted, lang: config.lang }),
    });
    if (!response.ok) return;
    const data = await response.json();
    Object.assign(labels, data.labels);
    Object.assign(links, data.links);
  }
  function shortIri(iri) {
    let best = "";
    for (const [p, ns] of Object.entries(config.prefixes)) {
      if (iri.startsWith(ns) && ns.length > (config.prefixes[best] || "").length) best = p;
    }
    return best ? best + ":" + iri.slice(config.prefixes[best].length) : iri;
  }
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = links[term.value] || term.value;
      if (!links[term.value]) a.rel = "external";
      a.textContent = labels[term.value] || shortIri(term.value);
      a.title = term.value;
      td.append(a);
      if (labels[term.value]) {
        const small = document.createElement("span");
        small.className = "muted iri-hint";
        small.textContent = " " + shortIri(term.value);
        td.append(small);
      }
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
      if (term["xml:lang"]) { td.lang = term["xml:lang"]; td.dataset.tag = "@" + term["xml:lang"]; }
      if (term.datatype && /#(decimal|integer|double|float|int)$/.test(term.datatype)) td.className = "num";
    }
    return td;
  }
  function sortValue(term) {
    if (!term) return "";
    if (term.type === "uri") return (labels[term.value] || term.value).toLowerCase();
    const n = Number(term.value);
    return term.datatype && !isNaN(n) ? n : term.value.toLowerCase();
  }

  async function showTable(data) {
    const vars = data.head.vars, rows = data.results.bindings.slice();
    const iris = [];
    rows.forEach((r) => vars.forEach((v) => { if (r[v] && r[v].type === "uri") iris.push(r[v].value); }));
    await fetchLabels(iris);
    if (!rows.length) { output.textContent = T.empty; return; }
    let page = 0, sortVar = null, ascending = true;
    const table = document.createElement("table");
    table.className = "results";
    const caption = table.createCaption();
    caption.textContent = T.table_caption;
    const head = table.createTHead().insertRow();
    vars.forEach((v) => {
      const th = document.createElement("th");
      th.scope = "col";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = v;
      button.setAttribute("aria-label", fmt(T.sort, { column: v }));
      button.addEventListener("click", () => {
        ascending = sortVar === v ? !ascending : true;
        sortVar = v;
        rows.sort((a, b) => {
          const x = sortValue(a[v]), y = sortValue(b[v]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        head.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        page = 0;
        render();
      });
      th.append(button);
      head.append(th);
    });
    const tbody = table.createTBody();
    const pager = document.createElement("nav");
    pager.className = "pager";
    pager.setAttribute("aria-label", T.table_caption);
    const prev = document.createElement("button"), next = document.createElement("button");
    const where = document.createElement("span");
    prev.type = next.type = "button";
    prev.textContent = "‹ " + T.prev;
    next.textContent = T.next + " ›";
    prev.addEventListener("click", () => { page--; render(); });
    next.addEventListener("click", () => { page++; render(); });
    pager.append(prev, where, next);
    const pages = Math.ceil(rows.length / PAGE_SIZE);
    function render() {
      tbody.innerHTML = "";
      rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach((r) => {
        const tr = tbody.insertRow();
        vars.forEach((v) => tr.append(cell(r[v])));
      });
      where.textContent = fmt(T.page, { page: page + 1, pages: pages });
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    render();
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.append(table);
    output.append(wrap);
    if (pages > 1) output.append(pager);
  }

  // -- graphs ---------------------------------------------------------------------------
  async function showGraph(text, turtle, ms) {
    const pre = document.createElement("pre");
    pre.className = "turtle";
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", T.turtle);
    pre.textContent = turtle;
    const response = await fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples" },
      body: new URLSearchParams({ query: text }),
    });
    const triples = response.ok ? parseNTriples(await response.text()) : [];
    status.textContent = fmt(T.triples, { rows: triples.length, ms: ms });
    await fetchLabels(triples.flatMap((t) => [t[0], t[2]]).filter((x) => x.startsWith("http")));
    const h3 = document.createElement("h3");
    h3.textContent = T.turtle;
    output.append(h3, pre);
    if (triples.length) output.append(...drawGraph(triples));
    showDownloads(text, [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["rdfxml", "RDF/XML"], ["jsonld", "JSON-LD"]], true);
  }
  function parseNTriples(text) {
    const term = "(<[^>]*>|_:\\S+|\"(?:[^\"\\\\]|\\\\.)*\"(?:@[\\w-]+|\\^\\^<[^>]*>)?)";
    const re = new RegExp(`^${term}\\s+${term}\\s+${term}\\s*\\.`);
    const strip = (t) => t.startsWith("<") ? t.slice(1, -1) : t.startsWith("\"") ? JSON.parse(t.replace(/(@[\w-]+|\^\^<[^>]*>)$/, "")) : t;
    return text.split("\n").map((l) => l.match(re)).filter(Boolean)
      .map((m) => [strip(m[1]), strip(m[2]), strip(m[3]), m[3].startsWith("\"")]);
  }
  function drawGraph(triples) {
    const MAX = 40, NS = "http://www.w3.org/2000/svg";
    const ids = [];
    const edges = [];
    for (const [s, p, o, literal] of triples) {
      if (literal || p.endsWith("#label")) continue;
      for (const n of [s, o]) if (!ids.includes(n) && ids.length < MAX) ids.push(n);
      if (ids.includes(s) && ids.includes(o)) edges.push([ids.indexOf(s), ids.indexOf(o), p]);
    }
    // Fruchterman–Reingold from a circle (deterministic), cooling over 200 steps.
    const W = 720, H = 460, n = ids.length, k = Math.sqrt((W - 160) * (H - 60) / Math.max(n, 1));
    const pos = ids.map((_, i) => {
      const a = 2 * Math.PI * i / n;
      return [W / 2 + 150 * Math.cos(a), H / 2 + 150 * Math.sin(a)];
    });
    for (let step = 0, heat = W / 8; step < 200; step++, heat *= 0.975) {
      const move = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        const d = Math.max(Math.hypot(dx, dy), 1), f = k * k / d / d;
        move[i][0] += dx * f; move[i][1] += dy * f; move[j][0] -= dx * f; move[j][1] -= dy * f;
      }
      for (const [a, b] of edges) {
        const dx = pos[b][0] - pos[a][0], dy = pos[b][1] - pos[a][1], f = Math.hypot(dx, dy) / k;
        move[a][0] += dx * f; move[a][1] += dy * f; move[b][0] -= dx * f; move[b][1] -= dy * f;
      }
      pos.forEach((p, i) => {
        const length = Math.max(Math.hypot(move[i][0], move[i][1]), 1e-9), step_ = Math.min(length, heat);
        p[0] = Math.min(W - 80, Math.max(80, p[0] + move[i][0] / length * step_));
        p[1] = Math.min(H - 20, Math.max(24, p[1] + move[i][1] / length * step_));
      });
    }
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("class", "graph");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", fmt(T.graph, { n: ids.length }));
    const el = (name, attrs, parent) => {
      const e = document.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      (parent || svg).append(e);
      return e;
    };
    for (const [a, b, p] of edges) {
      el("title", {}, el("line", { x1: pos[a][0], y1: pos[a][1], x2: pos[b][0], y2: pos[b][1], class: "edge" }))
        .textContent = shortIri(p);
    }
    ids.forEach((id, i) => {
      const link = el("a", { href: links[id] || id });
      el("circle", { cx: pos[i][0], cy: pos[i][1], r: 6, class: "node" }, link);
      const label = el("text", { x: pos[i][0], y: pos[i][1] - 9, "text-anchor": "middle" }, link);
      const name = labels[id] || shortIri(id);
      label.textContent = name.length > 22 ? name.slice(0, 21) + "…" : name;
    });
    const h3 = document.createElement("h3");
    h3.textContent = fmt(T.graph, { n: ids.length });
    return [h3, svg];
  }

  // -- wiring ---------------------------------------------------------------------------
  editor.addEventListener("input", () => { errorOffset = -1; highlight(); });
  editor.addEventListener("scroll", syncScroll);
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $("query-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("add-prefixes").addEventListener("click", addPrefixes);
  $("example-search").addEventListener("input", filterExamples);
  document.querySelectorAll("a.example").forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault();
    pickExample(a.dataset.name);
  }));
  highlight();
  if (editor.value.trim()) run();
})();
