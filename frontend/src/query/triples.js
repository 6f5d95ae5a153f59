// CONSTRUCT and DESCRIBE results as triples: parsed from N-Triples, and as a table
// (subject, predicate, object), the text alternative of the graph view.
// Triples of an N-Triples text as [subject, predicate, object, objectIsLiteral, lang].
export function parseNTriples(text) {
  const term = "(<[^>]*>|_:\\S+|\"(?:[^\"\\\\]|\\\\.)*\"(?:@[\\w-]+|\\^\\^<[^>]*>)?)";
  const re = new RegExp(`^${term}\\s+${term}\\s+${term}\\s*\\.`);
  const strip = (t) => t.startsWith("<") ? t.slice(1, -1)
    : t.startsWith("\"") ? JSON.parse(t.replace(/(@[\w-]+|\^\^<[^>]*>)$/, "")) : t;
  return text.split("\n").map((l) => l.trim().match(re)).filter(Boolean).map((m) => [
    strip(m[1]), strip(m[2]), strip(m[3]), m[3].startsWith("\""),
    (/@([\w-]+)$/.exec(m[3]) || [])[1] || ""]);
}

// The triples as a table (subject, predicate, object): the graph's text alternative.
export function triplesTable(triples, {labels, T}) {
  const vars = ["subject", "predicate", "object"];
  const term = (value, literal, lang) => literal
    ? {type: "literal", value, ...(lang ? {"xml:lang": lang} : {})}
    : {type: value.startsWith("_:") ? "bnode" : "uri", value: value.replace(/^_:/, "")};
  return {head: {vars}, results: {bindings: triples.map(([s, p, o, literal, lang]) => ({
    subject: term(s, false), predicate: term(p, false), object: term(o, literal, lang)}))}};
}
