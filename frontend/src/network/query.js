// "Show as network": a SPARQL result (SELECT ?source ?target …, or CONSTRUCT/DESCRIBE as
// N-Triples) turned into the viewer's payload, labelled through the service's /labels.

const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABELS = new Set(["http://www.w3.org/2000/01/rdf-schema#label",
  "http://www.w3.org/2004/02/skos/core#prefLabel", "http://xmlns.com/foaf/0.1/name",
  "https://schema.org/name"]);
const ALT = "http://www.w3.org/2004/02/skos/core#altLabel";
export const local = (iri) => decodeURIComponent(String(iri).split(/[/#]/).filter(Boolean).pop() || iri);

function builder() {
  const nodes = new Map(), edges = [];
  const node = (term) => {
    const id = term.value;
    if (!nodes.has(id)) {
      nodes.set(id, {id, label: term.type === "bnode" ? "_:" + id : local(id), names: [],
                     attributes: {}, iri: term.type === "uri"});
    }
    return nodes.get(id);
  };
  return {nodes, edges, node};
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
  return {nodes, edges: g.edges, directed, notes: [], programmes: {}, query: true};
}

export function fromSelect(json, t) {
  const vars = json.head.vars;
  if (!vars.includes("source") || !vars.includes("target")) throw new Error(t("select_needs"));
  const g = builder();
  for (const row of json.results.bindings) {
    if (!row.source || !row.target) continue;
    const s = g.node(row.source), o = g.node(row.target);
    for (const [n, prefix] of [[s, "source"], [o, "target"]]) {
      const label = row[prefix + "Label"] || (prefix === "source" ? row.label : null);
      const type = row[prefix + "Type"] || (prefix === "source" ? row.type : null);
      if (label) { n.label = label.value; n.labelled = true; }
      if (type) n.type = local(type.value);
    }
    g.edges.push({source: s.id, target: o.id, layer: "tie",
                  weight: row.weight ? +row.weight.value || 1 : 1});
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

export function fromTriples(text, lang) {
  const g = builder();
  const line = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(.*)\s*\.\s*$/;
  for (const raw of text.split("\n")) {
    const m = line.exec(raw.trim());
    if (!m) continue;
    const s = g.node(parseTerm(m[1])), p = m[2], o = parseTerm(m[3]);
    if (!o) continue;
    if (o.type === "literal") {
      if (LABELS.has(p)) {
        if (!s.labelled || o.lang === lang) { s.label = o.value; s.labelled = true; }
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

export async function addLabels(payload, url, lang) {
  // Labels and local pages for the IRIs this graph knows.
  const iris = payload.nodes.filter((n) => n.iri).map((n) => n.id).slice(0, 2000);
  if (!iris.length || !url) return;
  try {
    const response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                       body: JSON.stringify({iris, lang})});
    if (!response.ok) return;
    const found = await response.json();
    for (const n of payload.nodes) {
      if (!n.labelled && found.labels && found.labels[n.id]) n.label = found.labels[n.id];
      if (found.links && found.links[n.id]) n.url = found.links[n.id];
    }
  } catch (error) { /* labels are a nicety */ }
}

export async function runQuery(config, t) {
  const body = new URLSearchParams({query: config.query});
  const response = await fetch(config.sparql, {method: "POST", body,
    headers: {Accept: "application/n-triples, application/sparql-results+json;q=0.9"}});
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim());
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? fromSelect(JSON.parse(text), t) : fromTriples(text, config.lang);
  await addLabels(payload, config.labels, config.lang);
  return payload;
}
