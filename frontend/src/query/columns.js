// Which result views a SELECT result allows, read from its column types: numeric columns
// for a chart, date pairs for a timeline, coordinates or country codes for a map.
import {isNumber, isTemporal} from "./terms.js";

// Columns that number or bound things rather than measure them.
const ORDINAL = /(^|[a-z_])(number|num|no|position|row|order|rank|index|id|min|max|year)$/i;
const START = /start|begin|from|first/i, END = /end|until|to$|last/i;
const LAT = /^(lat|latitude)$|lat$/i, LON = /^(lon|lng|long|longitude)$|(lon|lng|long)$/i;
const WKT = /^\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$/i;
const CODE = /iso|code|alpha/i;

function columnKinds(data) {
  const kinds = {};
  for (const v of data.head.vars) {
    const terms = data.results.bindings.map((r) => r[v]).filter(Boolean);
    kinds[v] = {
      count: terms.length,
      numeric: terms.length > 0 && terms.every(isNumber),
      temporal: terms.length > 0 && terms.every(isTemporal),
      iri: terms.length > 0 && terms.every((t) => t.type === "uri"),
      text: terms.length > 0 && terms.every((t) => t.type === "literal" && !isNumber(t) && !isTemporal(t)),
      wkt: terms.length > 0 && terms.every((t) => t.type === "literal" && WKT.test(t.value)),
      codes: terms.length > 0 && terms.every((t) => t.type === "literal" && /^([A-Z]{2,3}|\d{3})$/.test(t.value)),
      distinct: new Set(terms.map((t) => t.value)).size,
    };
  }
  return kinds;
}

// The column that names a row: a label-like text column, else the first IRI column.
function labelColumn(vars, kinds, exclude) {
  const usable = vars.filter((v) => !exclude.includes(v) && kinds[v].count);
  return usable.find((v) => kinds[v].text && /label|name|title/i.test(v))
    || usable.find((v) => kinds[v].iri) || usable.find((v) => kinds[v].text) || null;
}

export function chartColumns(data) {
  const vars = data.head.vars, kinds = columnKinds(data);
  // a measure: numeric, and not a column that numbers or bounds things
  const numeric = vars.filter((v) => kinds[v].numeric && !ORDINAL.test(v) && !LAT.test(v) && !LON.test(v));
  if (!numeric.length) return null;
  const value = numeric.slice().sort((a, b) => kinds[b].distinct - kinds[a].distinct)[0];
  const time = vars.find((v) => v !== value && kinds[v].temporal)
    || vars.find((v) => v !== value && kinds[v].numeric && /year/i.test(v));
  const category = labelColumn(vars, kinds, [value]);
  if (!time && !category) return null;
  return {value, time: time || null, category, kind: time ? "line" : "bar",
          numeric, categories: vars.filter((v) => kinds[v].count && !kinds[v].numeric)};
}

export function timelineColumns(data) {
  const vars = data.head.vars, kinds = columnKinds(data);
  const dated = vars.filter((v) => kinds[v].temporal);
  if (dated.length < 2) return null;
  const start = dated.find((v) => START.test(v)) || dated[0];
  const end = dated.find((v) => v !== start && END.test(v)) || dated.find((v) => v !== start);
  const label = labelColumn(vars, kinds, [start, end]);
  return label ? {start, end, label} : null;
}

export function mapColumns(data) {
  const vars = data.head.vars, kinds = columnKinds(data);
  const lat = vars.find((v) => kinds[v].numeric && LAT.test(v));
  const lon = vars.find((v) => kinds[v].numeric && LON.test(v));
  const wkt = vars.find((v) => kinds[v].wkt);
  const code = vars.find((v) => kinds[v].codes && CODE.test(v));
  if (!(lat && lon) && !wkt && !code) return null;
  const label = labelColumn(vars, kinds, [lat, lon, wkt, code].filter(Boolean));
  return {lat: lat || null, lon: lon || null, wkt: wkt || null, code: code || null, label};
}

export function wktPoint(text) {
  const m = WKT.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
