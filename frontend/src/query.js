// The query page: CodeMirror editor with typeahead, examples (with parameter forms),
// the session's history, running with a clock and Cancel, errors beside the editor, and
// result views: table, chart, timeline, map, graph, Turtle.
import {createEditor} from "./query/editor.js";
import {prefixInsertion} from "./query/complete.js";
import {Runner, fetchAs, protocolBody} from "./query/run.js";
import {SessionHistory, readState} from "./query/history.js";
import {Labels} from "./query/terms.js";
import {drawTable} from "./query/table.js";
import {chartColumns, mapColumns, timelineColumns} from "./query/columns.js";
import {parseNTriples, triplesTable} from "./query/triples.js";
import {ParamsForm} from "./query/params.js";

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("config").textContent);
const T = config.text;
const examples = JSON.parse($("examples-data").textContent).flatMap((g) => g.queries);
const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, " +
  "application/problem+json;q=0.5";
const seconds = (ms) => (ms / 1000).toLocaleString(config.lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});

const status = $("status"), errorBox = $("error"), output = $("output"), views = $("views");
const downloads = $("downloads"), runButton = $("run"), cancelButton = $("cancel");
const scopeSelect = $("scope");
const labels = new Labels({url: config.labels, lang: config.lang, prefixes: config.prefixes});
const runner = new Runner({endpoint: config.endpoint, cancelUrl: config.cancel});
const sessionHistory = new SessionHistory(window.sessionStorage);
const results = new Map();  // history entry id -> what its run returned, for Back
let currentExample = "";

// -- the typeahead list, fetched once when first needed ------------------------------------
let termsPromise = null;
function termsData() {
  if (!termsPromise) {
    termsPromise = fetch(config.terms).then((r) => (r.ok ? r.json() : {prefixes: config.prefixes, terms: []}))
      .catch(() => ({prefixes: config.prefixes, terms: []}));
  }
  return termsPromise;
}

// -- the editor -------------------------------------------------------------------------------
const textarea = $("query");
const editor = createEditor({
  parent: $("editor"), doc: textarea.value, label: T.editor_label, nonce: config.nonce,
  onRun: () => run(), onChange: () => { textarea.value = editor.text(); },
  terms: {load: termsData, lang: config.lang},
});
textarea.hidden = true;
textarea.tabIndex = -1;
$("query-label").addEventListener("click", () => editor.focus());

const params = new ParamsForm({box: $("params"), legend: $("params-legend"),
                               fields: $("params-fields"), drop: $("params-drop"), T,
                               lang: config.lang});

// -- examples ---------------------------------------------------------------------------------
function pickExample(name, values) {
  const example = examples.find((e) => e.name === name);
  if (!example) return;
  currentExample = name;
  editor.setText(example.text);
  clearError();
  params.show(example, {termsData, values});
  editor.focus();
}

function filterExamples() {
  const words = $("example-search").value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const group of document.querySelectorAll(".example-group")) {
    let inGroup = 0;
    for (const li of group.querySelectorAll("li")) {
      const hit = words.every((w) => li.dataset.search.includes(w));
      li.hidden = !hit;
      inGroup += hit ? 1 : 0;
    }
    group.hidden = inGroup === 0;
    if (words.length && inGroup) group.open = true;
    shown += inGroup;
  }
  $("no-example").hidden = shown > 0;
}

// -- errors beside the editor -----------------------------------------------------------------
function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = "";
  editor.markError(null);
}

// An error response as {message, line, column, hint}: problem+json, or the text form.
function readError(response, body) {
  const type = (response.headers.get("Content-Type") || "").split(";")[0];
  if (type === "application/problem+json") {
    try {
      const problem = JSON.parse(body);
      return {message: problem.detail || problem.title, line: problem.line, column: problem.column,
              hint: problem.hint, status: response.status};
    } catch (err) { /* fall through to the text */ }
  }
  const text = body.trim();
  const at = /line (\d+), column (\d+)/.exec(text);
  return {message: text.split("\n")[0], line: at ? +at[1] : null, column: at ? +at[2] : null,
          status: response.status};
}

function showError(error) {
  errorBox.textContent = "";
  const strong = document.createElement("strong");
  strong.textContent = T.error + (error.status ? ` (${error.status})` : "") + ": ";
  errorBox.append(strong, document.createTextNode(error.message));
  const actions = [];
  if (error.hint && /^\s*PREFIX\s/i.test(error.hint)) {
    const apply = () => {
      const text = editor.text();
      editor.view.dispatch({changes: prefixInsertion(text, error.hint.trim())});
      clearError();
      editor.focus();
    };
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary small";
    button.textContent = fmt(T.add_line, {line: error.hint.trim()});
    button.addEventListener("click", apply);
    const p = document.createElement("p");
    p.append(button);
    errorBox.append(p);
    actions.push({name: T.add_prefix, apply: (view) => { apply(); }});
  } else if (error.hint) {
    const p = document.createElement("p");
    p.textContent = error.hint;
    errorBox.append(p);
  }
  if (error.line) {
    const where = document.createElement("p");
    where.className = "error-at";
    where.textContent = fmt(T.error_at, {line: error.line, column: error.column || 1});
    errorBox.append(where);
    editor.markError({line: error.line, column: error.column || 1, message: error.message}, actions);
  }
  errorBox.hidden = false;
}

// -- running ----------------------------------------------------------------------------------
function currentRequest() {
  const scope = scopeSelect ? scopeSelect.value : "";
  const graphs = scope && config.scopes[scope] ? config.scopes[scope].graphs : [];
  return {query: editor.text(), scope, graphs, bindings: params.bindings()};
}

function setRunning(on) {
  runButton.disabled = on;
  cancelButton.hidden = !on;
  document.body.classList.toggle("running", on);
  if (on) cancelButton.focus({preventScroll: true});
}

let runCount = 0;
async function run({entry = null, replace = false} = {}) {
  const mine = ++runCount;
  if (editor.addPrefixes(config.prefixes)) textarea.value = editor.text();
  let request;
  try {
    request = currentRequest();
  } catch (err) {
    showError({message: err.message});
    if (err.input) err.input.focus();
    return;
  }
  clearError();
  if (!entry) {
    entry = sessionHistory.add({query: request.query, scope: request.scope, bindings: request.bindings,
                                example: currentExample}, {replace});
  }
  views.hidden = true;
  downloads.hidden = true;
  clearOutput();
  setRunning(true);
  let result;
  try {
    result = await runner.run(request, {
      accept: ACCEPT, onTick: (ms) => { status.textContent = fmt(T.running, {s: seconds(ms)}); }});
  } catch (err) {
    if (mine !== runCount) return;
    setRunning(false);
    status.textContent = "";
    showError({message: String(err)});
    finish(entry, "error");
    return;
  }
  if (mine !== runCount) {  // a newer run took over: this one was cancelled for it
    sessionHistory.finish(entry, fmt(T.cancelled, {s: seconds(result.ms)}));
    drawHistory();
    return;
  }
  setRunning(false);
  if (result.cancelled) {
    status.textContent = fmt(T.cancelled, {s: seconds(result.ms)});
    finish(entry, "cancelled");
    return;
  }
  const {response, body, ms} = result;
  if (!response.ok) {
    status.textContent = fmt(T.failed, {status: response.status, s: seconds(ms)});
    showError(readError(response, body));
    finish(entry, "error");
    return;
  }
  const type = (response.headers.get("Content-Type") || "").split(";")[0];
  const truncated = !!response.headers.get("PASB-Result-Truncated");
  const shown = type === "application/n-triples"
    ? {kind: "graph", triples: parseNTriples(body), ms, truncated, request}
    : {kind: "results", data: JSON.parse(body), ms, truncated, request};
  results.set(entry.id, shown);
  await show(shown);
  finish(entry, status.textContent);
}

// Each finished run counts in <body data-runs>, so that a test or a user script can wait
// for the next result.
function finish(entry, outcome) {
  sessionHistory.finish(entry, outcome);
  drawHistory();
  counted();
}

function counted() {
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
}

// -- results ----------------------------------------------------------------------------------
// The drawing code (queryviews.js) is loaded on the first view that needs it.
let viewsLoaded = null;
function drawing() {
  if (!viewsLoaded) {
    viewsLoaded = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = config.views;
      script.onload = () => resolve(window.pasbViews);
      script.onerror = () => { viewsLoaded = null; reject(new Error(T.views_failed)); };
      document.head.append(script);
    });
  }
  return viewsLoaded;
}

let detachView = null;
function clearOutput() {
  if (detachView) { detachView(); detachView = null; }
  output.textContent = "";
}

function downloadUrl(request, format) {
  const body = protocolBody(request);
  body.set("format", format);
  return config.endpoint + "?" + body;
}

function showDownloads(request, formats, network) {
  downloads.textContent = "";
  downloads.append(document.createTextNode(T.download + ": "));
  formats.forEach(([name, label], i) => {
    const a = document.createElement("a");
    a.href = downloadUrl(request, name);
    a.textContent = label;
    a.setAttribute("download", "result." + name);
    downloads.append(a);
    if (i < formats.length - 1) downloads.append(document.createTextNode(" · "));
  });
  if (network) {
    const a = document.createElement("a");
    a.id = "show-network";
    a.href = config.network + "?" + new URLSearchParams({query: request.query});
    a.textContent = T.show_network;
    downloads.append(document.createTextNode(" · "), a);
  }
  downloads.hidden = false;
}

// The tabs of the views a result allows; the first is shown.
function showViews(list) {
  views.textContent = "";
  const tabs = list.map(([id, name, draw], i) => {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.setAttribute("role", "tab");
    tab.id = "view-" + id;
    tab.className = "view-tab";
    tab.textContent = name;
    tab.setAttribute("aria-controls", "output");
    tab.addEventListener("click", () => select(i));
    tab.addEventListener("keydown", (e) => {
      const step = {ArrowRight: 1, ArrowLeft: -1}[e.key];
      if (step) { e.preventDefault(); select((i + step + list.length) % list.length, true); }
    });
    views.append(tab);
    return tab;
  });
  async function select(i, focus) {
    tabs.forEach((t, k) => {
      t.setAttribute("aria-selected", String(k === i));
      t.tabIndex = k === i ? 0 : -1;
    });
    if (focus) tabs[i].focus();
    output.setAttribute("aria-labelledby", tabs[i].id);
    clearOutput();
    const loading = document.createElement("p");
    loading.className = "muted";
    loading.textContent = T.drawing;
    output.append(loading);
    try {
      const node = await list[i][2]();
      clearOutput();
      output.append(node);
      if (node.attach) { node.attach(); detachView = node.detach; }
    } catch (err) {
      clearOutput();
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = String(err.message || err);
      output.append(p);
    }
    output.dataset.view = list[i][0];
  }
  views.hidden = list.length < 2;
  return select(0);
}

async function show(shown) {
  const {ms, truncated, request} = shown;
  if (shown.kind === "graph") {
    const triples = shown.triples;
    status.textContent = fmt(triples.length === 1 ? T.triple : T.triples, {rows: triples.length, s: seconds(ms)});
    await labels.fetch(triples.flatMap((t) => [t[0], t[1], ...(t[3] ? [] : [t[2]])]).filter((x) => /^https?:/.test(x)));
    const table = triplesTable(triples, {labels, T});
    let turtle = null;
    await showViews([
      ["graph", T.view_graph, async () => (await drawing()).drawGraph(triples, {labels, T, maxNodes: config.graph_nodes})],
      ["triples", T.view_triples, () => drawTable(table, {labels, T, pageRows: config.page_rows})],
      ["turtle", T.view_turtle, async () => {
        turtle = turtle || await fetchAs(config.endpoint, request, "text/turtle");
        const pre = document.createElement("pre");
        pre.className = "turtle";
        pre.tabIndex = 0;
        pre.setAttribute("aria-label", T.view_turtle);
        pre.textContent = turtle;
        return pre;
      }],
    ]);
    showDownloads(request, [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["rdfxml", "RDF/XML"],
                            ["jsonld", "JSON-LD"]], true);
  } else if ("boolean" in shown.data) {
    status.textContent = fmt(T.boolean, {value: shown.data.boolean ? T.yes : T.no, s: seconds(ms)});
    showViews([]);
    showDownloads(request, [["json", "JSON"], ["xml", "XML"]], false);
  } else {
    const data = shown.data;
    const count = data.results.bindings.length;
    status.textContent = fmt(count === 1 ? T.row : T.rows, {rows: count, s: seconds(ms)});
    const iris = [];
    for (const row of data.results.bindings) {
      for (const v of data.head.vars) if (row[v] && row[v].type === "uri") iris.push(row[v].value);
    }
    await labels.fetch(iris);
    const list = [["table", T.view_table, () => drawTable(data, {labels, T, pageRows: config.page_rows})]];
    const chart = chartColumns(data), timeline = timelineColumns(data), map = mapColumns(data);
    const context = {labels, T, container: output, worldUrl: config.world, maxRows: config.chart_rows};
    if (chart) list.push(["chart", T.view_chart, async () => (await drawing()).drawChart(data, chart, context)]);
    if (timeline) list.push(["timeline", T.view_timeline, async () => (await drawing()).drawTimeline(data, timeline, context)]);
    if (map) list.push(["map", T.view_map, async () => (await drawing()).drawMap(data, map, context)]);
    await showViews(list);
    showDownloads(request, [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
                  ["source", "target"].every((v) => data.head.vars.includes(v)));
  }
  if (truncated) status.textContent += " " + T.truncated;
}

// -- history ----------------------------------------------------------------------------------
function summary(entry) {
  const example = examples.find((e) => e.name === entry.example);
  if (example && entry.query === example.text) return example.title;
  const line = entry.query.split("\n").map((l) => l.trim())
    .find((l) => l && !l.startsWith("#") && !/^(PREFIX|BASE)\b/i.test(l)) || entry.query;
  return line.length > 70 ? line.slice(0, 69) + "…" : line;
}

function drawHistory() {
  const list = $("history-list");
  list.textContent = "";
  const entries = sessionHistory.entries.slice().reverse();
  for (const entry of entries) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "history-entry";
    button.textContent = summary(entry);
    button.title = entry.query;
    button.addEventListener("click", () => restore(entry, {push: true}));
    const meta = document.createElement("span");
    meta.className = "muted history-meta";
    const at = new Date(entry.at).toLocaleTimeString(config.lang, {hour: "2-digit", minute: "2-digit", second: "2-digit"});
    meta.textContent = at + (entry.outcome ? " · " + entry.outcome : "");
    li.append(button, meta);
    list.append(li);
  }
  $("history-empty").hidden = entries.length > 0;
  $("history-clear").hidden = entries.length === 0;
  $("history-count").textContent = entries.length ? `(${entries.length})` : "";
}

// The side pane's two tabs: the examples and the history.
function sideTabs() {
  const tabs = [$("tab-examples"), $("tab-history")];
  const select = (i, focus) => tabs.forEach((tab, k) => {
    tab.setAttribute("aria-selected", String(k === i));
    tab.tabIndex = k === i ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = k !== i;
    if (k === i && focus) tab.focus();
  });
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i));
    tab.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") { e.preventDefault(); select(1 - i, true); }
    });
  });
}

// Put a history entry back into the editor and show its results (from this page's
// memory when it ran here, else by running it again).
async function restore(entry, {push}) {
  editor.setText(entry.query);
  textarea.value = entry.query;
  if (scopeSelect) scopeSelect.value = entry.scope || "";
  currentExample = entry.example || "";
  const example = examples.find((e) => e.name === currentExample);
  if (example && example.params.length) await params.show(example, {termsData, values: entry.bindings});
  else params.clear();
  clearError();
  if (push) return run();
  const cached = results.get(entry.id);
  if (cached) { clearOutput(); await show(cached); counted(); return; }
  return run({entry});
}

window.addEventListener("popstate", (event) => {
  runner.cancel();
  const entry = event.state && sessionHistory.find(event.state.entry);
  if (entry) { restore(entry, {push: false}); return; }
  const state = readState(location.search);
  editor.setText(state.query);
  clearOutput();
  status.textContent = T.no_results;
});
window.addEventListener("pagehide", () => runner.cancelOnLeave());

// -- wiring -----------------------------------------------------------------------------------
$("query-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
cancelButton.addEventListener("click", () => runner.cancel());
$("add-prefixes").addEventListener("click", () => {
  if (editor.addPrefixes(config.prefixes)) textarea.value = editor.text();
  editor.focus();
});
$("example-search").addEventListener("input", filterExamples);
for (const a of document.querySelectorAll("a.example")) {
  a.addEventListener("click", (e) => { e.preventDefault(); pickExample(a.dataset.name); });
}
$("history-clear").addEventListener("click", () => { sessionHistory.clear(); drawHistory(); });
sideTabs();
drawHistory();

window.pasbQuery = {editor, run, runner, text: () => editor.text(),
                    setText: (text) => { editor.setText(text); textarea.value = text; }};

// A page opened with ?query= (a link, a reload, an example opened in a new tab) runs it;
// that run takes the page's own history entry, every later run gets one of its own.
async function start() {
  const initial = readState(location.search);
  if (scopeSelect && initial.scope) scopeSelect.value = initial.scope;
  const example = examples.find((e) => e.name === initial.example);
  if (example) {
    currentExample = example.name;
    if (example.params.length) await params.show(example, {termsData, values: initial.bindings});
  }
  if (editor.text().trim() && initial.query) await run({replace: true});
}
start();
