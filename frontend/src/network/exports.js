// Exports of the view as drawn: PNG and SVG of the scene (what is on the canvas: edges,
// nodes, placed labels), GEXF, GraphML and CSV of the nodes and ties shown.

export function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}[c]));
export const FONT = "12px system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";

/** scene: {width, height, edges: [{x1, y1, x2, y2, colour, width}], nodes: [{x, y, r, colour}],
 *  labels: [{text, x, y, bold}]} (x, y of a label: its box's left and vertical middle). */
export function paintScene(g, scene) {
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, scene.width, scene.height);
  g.lineCap = "round";
  for (const e of scene.edges) {
    g.strokeStyle = e.colour;
    g.lineWidth = e.width;
    g.beginPath();
    g.moveTo(e.x1, e.y1);
    g.lineTo(e.x2, e.y2);
    g.stroke();
  }
  for (const n of scene.nodes) {
    g.beginPath();
    g.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
    g.fillStyle = n.colour;
    g.fill();
    g.strokeStyle = "#ffffff";
    g.lineWidth = 1;
    g.stroke();
  }
  paintLabels(g, scene.labels);
}

export function paintLabels(g, labels) {
  g.textBaseline = "middle";
  g.textAlign = "left";
  g.lineJoin = "round";
  for (const l of labels) {
    g.font = (l.bold ? "bold " : "") + FONT;
    g.lineWidth = 3.5;
    g.strokeStyle = "rgba(255,255,255,0.92)";
    g.strokeText(l.text, l.x, l.y);
    g.fillStyle = "#1b1f24";
    g.fillText(l.text, l.x, l.y);
  }
}

export function exportPng(scene, name) {
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(scene.width * dpr);
  canvas.height = Math.round(scene.height * dpr);
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  paintScene(g, scene);
  canvas.toBlob((blob) => save(blob, name + ".png"), "image/png");
}

export function exportSvg(scene, name) {
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`, `<g stroke-linecap="round">`];
  for (const e of scene.edges) {
    out.push(`<line x1="${e.x1.toFixed(1)}" y1="${e.y1.toFixed(1)}" x2="${e.x2.toFixed(1)}" y2="${e.y2.toFixed(1)}" stroke="${e.colour}" stroke-width="${e.width.toFixed(2)}"/>`);
  }
  out.push(`</g><g stroke="#ffffff">`);
  for (const n of scene.nodes) {
    out.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${n.r.toFixed(1)}" fill="${n.colour}"><title>${esc(n.label)}</title></circle>`);
  }
  out.push(`</g><g fill="#1b1f24" stroke="#ffffff" stroke-width="3" paint-order="stroke" dominant-baseline="middle">`);
  for (const l of scene.labels) {
    out.push(`<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}"${l.bold ? ' font-weight="bold"' : ""}>${esc(l.text)}</text>`);
  }
  out.push(`</g></svg>`);
  save(new Blob([out.join("\n")], {type: "image/svg+xml"}), name + ".svg");
}

const ATTRS = ["label", "label_id", "kind", "actor_type", "degree", "betweenness", "brokerage", "coreness"];

export function exportCsv(nodes, edges, name) {
  const quote = (v) => (v == null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const nodeRows = ["id," + ATTRS.join(",")].concat(nodes.map((n) => [n.id, ...ATTRS.map((a) => n[a])].map(quote).join(",")));
  const edgeRows = ["source,target,layer,weight"].concat(edges.map((e) => [e.source, e.target, e.layer, e.weight].map(quote).join(",")));
  save(new Blob([edgeRows.join("\n") + "\n"], {type: "text/csv"}), name + "-edges.csv");
  save(new Blob([nodeRows.join("\n") + "\n"], {type: "text/csv"}), name + "-nodes.csv");
}

export function exportGraphml(nodes, edges, directed, name) {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`];
  ATTRS.forEach((a, i) => out.push(`<key id="n${i}" for="node" attr.name="${a}" attr.type="${i >= 4 ? "double" : "string"}"/>`));
  out.push(`<key id="x" for="node" attr.name="x" attr.type="double"/><key id="y" for="node" attr.name="y" attr.type="double"/>`);
  out.push(`<key id="e0" for="edge" attr.name="layer" attr.type="string"/><key id="e1" for="edge" attr.name="weight" attr.type="double"/>`);
  out.push(`<graph edgedefault="${directed ? "directed" : "undirected"}">`);
  for (const n of nodes) {
    const data = ATTRS.map((a, i) => (n[a] == null ? "" : `<data key="n${i}">${esc(n[a])}</data>`)).join("");
    out.push(`<node id="${esc(n.id)}">${data}<data key="x">${n.x}</data><data key="y">${n.y}</data></node>`);
  }
  for (const e of edges) {
    out.push(`<edge source="${esc(e.source)}" target="${esc(e.target)}"><data key="e0">${esc(e.layer)}</data><data key="e1">${e.weight}</data></edge>`);
  }
  out.push(`</graph></graphml>`);
  save(new Blob([out.join("\n")], {type: "application/graphml+xml"}), name + ".graphml");
}

export function exportGexf(nodes, edges, directed, name) {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`,
    `<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">`,
    `<graph defaultedgetype="${directed ? "directed" : "undirected"}" mode="static">`,
    `<attributes class="node">` + ATTRS.slice(1).map((a, i) => `<attribute id="${i}" title="${a}" type="${i >= 3 ? "double" : "string"}"/>`).join("") + `</attributes>`,
    `<attributes class="edge"><attribute id="layer" title="layer" type="string"/></attributes>`, `<nodes>`];
  for (const n of nodes) {
    const values = ATTRS.slice(1).map((a, i) => (n[a] == null ? "" : `<attvalue for="${i}" value="${esc(n[a])}"/>`)).join("");
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(n.colour.slice(i, i + 2), 16));
    out.push(`<node id="${esc(n.id)}" label="${esc(n.label || n.id)}"><attvalues>${values}</attvalues><viz:color r="${r}" g="${g}" b="${b}"/><viz:position x="${(n.x * 500).toFixed(2)}" y="${(n.y * 500).toFixed(2)}" z="0"/><viz:size value="${n.size.toFixed(2)}"/></node>`);
  }
  out.push(`</nodes><edges>`);
  edges.forEach((e, i) => out.push(`<edge id="${i}" source="${esc(e.source)}" target="${esc(e.target)}" weight="${e.weight}"><attvalues><attvalue for="layer" value="${esc(e.layer)}"/></attvalues></edge>`));
  out.push(`</edges></graph></gexf>`);
  save(new Blob([out.join("\n")], {type: "application/gexf+xml"}), name + ".gexf");
}
