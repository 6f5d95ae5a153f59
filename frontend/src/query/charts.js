// Charts, timelines and maps of SELECT results, drawn with Observable Plot as SVG. Plot's
// own <style> element is dropped (its rules are in style.css under .pasb-plot), so the
// page's content security policy needs no inline styles.
import * as Plot from "@observablehq/plot";
import {feature} from "topojson-client";
import {termText, toDate} from "./terms.js";
import {wktPoint} from "./columns.js";

const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const ACCENT = "#0b5cad";

function finish(svg, {title, description}) {
  svg.querySelectorAll("style").forEach((s) => s.remove());
  // Plot names each mark's group with aria-label; inside one role="img" those labels are
  // not allowed, so they become data-mark (what the tests and style rules select).
  for (const g of svg.querySelectorAll("[aria-label]")) {
    g.dataset.mark = g.getAttribute("aria-label");
    g.removeAttribute("aria-label");
  }
  const figure = document.createElement("figure");
  figure.className = "view-figure";
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  const caption = document.createElement("figcaption");
  caption.textContent = description ? `${title}. ${description}` : title;
  figure.append(svg, caption);
  return figure;
}

function width(container) {
  return Math.max(300, Math.min(container.clientWidth || 900, 1100));
}

const truncate = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

// A bar chart (a category per row, bars of one group stacked) or a line over time.
export function drawChart(data, columns, {labels, T, container, maxRows}) {
  const {value, time, category} = columns;
  const bound = data.results.bindings.filter((r) => r[value]);
  const rows = bound.slice(0, maxRows).map((r) => ({
    value: Number(r[value].value),
    time: time ? (r[time].datatype && /#(date|gYear)/.test(r[time].datatype) ? toDate(r[time]) : Number(r[time].value)) : null,
    name: category && r[category] ? truncate(termText(r[category], labels), 48) : "",
  }));
  const w = width(container);
  let plot;
  if (columns.kind === "line" && time) {
    rows.sort((a, b) => a.time - b.time);
    const series = category && new Set(rows.map((r) => r.name)).size > 1 &&
      new Set(rows.map((r) => r.name)).size <= 8;
    plot = Plot.plot({
      width: w, height: 360, marginLeft: 70, className: "pasb-plot",
      x: {label: time, type: rows[0] && rows[0].time instanceof Date ? "utc" : "linear",
          tickFormat: rows[0] && rows[0].time instanceof Date ? undefined : "d"},
      y: {label: value, grid: true, tickFormat: "~s"},
      color: series ? {legend: true} : undefined,
      marks: [
        Plot.lineY(rows, {x: "time", y: "value", stroke: series ? "name" : ACCENT, marker: "circle"}),
        Plot.tip(rows, Plot.pointerX({x: "time", y: "value", title: (r) => `${r.name}\n${r.value}`})),
      ],
    });
  } else {
    const names = [...new Set(rows.map((r) => r.name))];
    const longest = Math.max(...names.map((n) => n.length), 4);
    const marginLeft = Math.min(Math.max(longest * 6.4 + 14, 60), w * 0.4);
    const number = new Intl.NumberFormat(document.documentElement.lang || "en");
    plot = Plot.plot({
      width: w, height: Math.max(120, names.length * 26 + 60), marginLeft, marginRight: 70,
      className: "pasb-plot",
      x: {label: value, grid: true, tickFormat: "~s", nice: true},
      y: {label: null, domain: names, tickFormat: (n) => truncate(n, Math.floor((marginLeft - 14) / 6.4))},
      marks: [
        Plot.barX(rows, {x: "value", y: "name", fill: ACCENT, title: (r) => `${r.name}: ${number.format(r.value)}`}),
        Plot.text(rows, Plot.stackX2({x: "value", y: "name", text: (r) => number.format(r.value),
                                      textAnchor: "start", dx: 4})),
        Plot.ruleX([0]),
      ],
    });
  }
  const title = fmt(columns.kind === "line" ? T.chart_line : T.chart_bar,
                    {value, by: time || category || ""});
  const cut = bound.length > rows.length ? " " + fmt(T.chart_cut, {max: rows.length, rows: bound.length}) : "";
  return finish(plot, {title, description: fmt(T.chart_rows, {rows: rows.length}) + cut});
}

// Date ranges as bars along a time axis, one per row.
export function drawTimeline(data, columns, {labels, T, container, maxRows}) {
  const {start, end, label} = columns;
  const rows = [], undated = [];
  for (const r of data.results.bindings.slice(0, maxRows)) {
    const name = truncate(termText(r[label], labels), 60);
    const from = r[start] ? toDate(r[start]) : null, to = r[end] ? toDate(r[end]) : null;
    if (from || to) rows.push({name, from: from || to, to: to || from});
    else undated.push(name);
  }
  const names = [...new Set(rows.map((r) => r.name))];
  const w = width(container);
  const plot = Plot.plot({
    width: w, height: Math.max(140, names.length * 44 + 70), marginLeft: 16, marginRight: 16,
    className: "pasb-plot",
    x: {type: "utc", label: `${start} – ${end}`, grid: true, ticks: "year", tickFormat: "%Y"},
    y: {domain: names, axis: null},
    marks: [
      Plot.barX(rows, {x1: "from", x2: "to", y: "name", fill: ACCENT, fillOpacity: 0.85,
                       insetTop: 20, title: (r) => `${r.name}: ${r.from.toISOString().slice(0, 10)} – ${r.to.toISOString().slice(0, 10)}`}),
      Plot.text(rows, {x: "from", y: "name", text: "name", textAnchor: "start", dy: -13,
                       fontSize: 12, lineWidth: Math.floor(w / 7.5)}),
    ],
  });
  let description = undated.length ? fmt(T.timeline_undated, {names: undated.join(", ")}) : "";
  const total = data.results.bindings.length;
  if (total > maxRows) description += " " + fmt(T.chart_cut, {max: maxRows, rows: total});
  return finish(plot, {title: fmt(T.timeline_title, {n: rows.length}), description});
}

let world = null;
function loadWorld(url) {
  if (!world) {
    world = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.pasbWorld);
      script.onerror = () => reject(new Error("the base map could not be loaded"));
      document.head.append(script);
    });
  }
  return world;
}

// Points (latitude and longitude, or WKT points) and countries (ISO 3166 codes) on the
// Natural Earth base map that ships with the service.
export async function drawMap(data, columns, {labels, T, container, worldUrl}) {
  const {topology, iso} = await loadWorld(worldUrl);
  const countries = feature(topology, topology.objects.countries);
  const points = [], codes = new Set();
  for (const r of data.results.bindings) {
    const name = columns.label && r[columns.label] ? termText(r[columns.label], labels) : "";
    let at = null;
    if (columns.lat && r[columns.lat] && r[columns.lon]) at = [Number(r[columns.lon].value), Number(r[columns.lat].value)];
    else if (columns.wkt && r[columns.wkt]) at = wktPoint(r[columns.wkt].value);
    if (at && Math.abs(at[0]) <= 180 && Math.abs(at[1]) <= 90) points.push({lon: at[0], lat: at[1], name});
    if (columns.code && r[columns.code]) {
      const numeric = iso(r[columns.code].value);
      if (numeric) codes.add(numeric);
    }
  }
  const marked = countries.features.filter((f) => codes.has(f.id));
  const focus = {type: "FeatureCollection", features: [
    ...marked, ...points.map((p) => ({type: "Feature", geometry: {type: "Point", coordinates: [p.lon, p.lat]}}))]};
  const w = width(container);
  const plot = Plot.plot({
    width: w, height: Math.round(w * 0.55), className: "pasb-plot",
    projection: focus.features.length ? {type: "equal-earth", domain: focus, inset: 40} : {type: "equal-earth"},
    marks: [
      Plot.geo(countries, {fill: "#e4e8ee", stroke: "#9aa4b2", strokeWidth: 0.5}),
      Plot.geo(marked, {fill: "#7fb0e0", stroke: "#0b4f94", strokeWidth: 0.8}),
      Plot.dot(points, {x: "lon", y: "lat", r: 5, fill: "#b3261e", stroke: "white", title: "name"}),
      Plot.text(points, {x: "lon", y: "lat", text: "name", dy: -11, fontSize: 12,
                         stroke: "white", strokeWidth: 3, fill: "#1b1f24"}),
    ],
  });
  return finish(plot, {title: fmt(T.map_title, {points: points.length, countries: marked.length}),
                       description: T.map_source});
}
