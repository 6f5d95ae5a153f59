// IRIs as people read them: labels from /labels (in the page's language), local links,
// and prefixed names with the project's prefixes.
export class Labels {
  constructor({url, lang, prefixes}) {
    this.url = url;
    this.lang = lang;
    this.prefixes = prefixes;
    this.labels = {};
    this.links = {};
  }

  async fetch(iris) {
    const wanted = [...new Set(iris)].filter((i) => !(i in this.labels)).slice(0, 2000);
    if (!wanted.length) return;
    wanted.forEach((i) => { this.labels[i] = null; });
    const response = await fetch(this.url, {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({iris: wanted, lang: this.lang}),
    });
    if (!response.ok) return;
    const data = await response.json();
    Object.assign(this.labels, data.labels);
    Object.assign(this.links, data.links);
  }

  short(iri) {
    let best = "";
    for (const [p, ns] of Object.entries(this.prefixes)) {
      if (iri.startsWith(ns) && ns.length > (this.prefixes[best] || "").length) best = p;
    }
    return best ? best + ":" + iri.slice(this.prefixes[best].length) : iri;
  }

  name(iri) { return this.labels[iri] || this.short(iri); }

  href(iri) { return this.links[iri] || iri; }
}

// Values of SPARQL JSON terms.
const NUMERIC = /#(decimal|integer|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong)$/;
const TEMPORAL = /#(date|dateTime|gYear|gYearMonth)$/;

export const isNumber = (term) => !!term && term.type === "literal" && NUMERIC.test(term.datatype || "");
export const isTemporal = (term) => !!term && term.type === "literal" && TEMPORAL.test(term.datatype || "");

export function toDate(term) {
  const v = term.value;
  if (/#gYear$/.test(term.datatype)) return new Date(Date.UTC(+v.slice(0, 4), 0, 1));
  if (/#gYearMonth$/.test(term.datatype)) return new Date(Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, 1));
  const d = new Date(v.length === 10 ? v + "T00:00:00Z" : v);
  return isNaN(d) ? null : d;
}

export function termText(term, labels) {
  if (!term) return "";
  if (term.type === "uri") return labels.name(term.value);
  if (term.type === "bnode") return "_:" + term.value;
  return term.value;
}
