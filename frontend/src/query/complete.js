// Typeahead for the editor: the store's classes, properties and resources (from
// /query/terms.json), the common prefixes after PREFIX, and SPARQL keywords. A prefixed
// name is inserted together with its PREFIX line when the query does not declare it.
import {syntaxTree} from "@codemirror/language";

const KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE FROM NAMED OPTIONAL FILTER " +
  "UNION MINUS GRAPH SERVICE BIND VALUES DISTINCT REDUCED ORDER BY ASC DESC LIMIT OFFSET " +
  "GROUP HAVING COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES " +
  "DATATYPE BOUND IRI BNODE REGEX REPLACE CONTAINS STRSTARTS STRENDS LCASE UCASE CONCAT " +
  "COALESCE IF YEAR MONTH DAY NOW EXISTS NOT IN").split(" ");
const KIND_TYPES = {class: "class", property: "property", resource: "constant"};
const MAX_OPTIONS = 60;

const PREFIX_LINE = /^\s*PREFIX\s+([A-Za-z][\w.-]*|):\s*<[^>]*>/gim;

export function declaredPrefixes(text) {
  return new Set([...text.matchAll(PREFIX_LINE)].map((m) => m[1]));
}

// The prefixes the text uses outside strings, IRIs and comments.
function usedPrefixes(text) {
  const masked = text.replace(/#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"\s]*>/g,
    (s) => " ".repeat(s.length));
  return new Set([...masked.matchAll(/(?:^|[\s{}(),;./^|!])([A-Za-z][\w.-]*|):[\w%-]/g)]
    .map((m) => m[1]));
}

export function missingPrefixLines(text, prefixes) {
  const declared = declaredPrefixes(text);
  return [...usedPrefixes(text)].filter((p) => !declared.has(p) && p in prefixes).sort()
    .map((p) => `PREFIX ${p}: <${prefixes[p]}>`);
}

// Where new PREFIX lines go: after the last PREFIX or BASE line, else after the leading
// comment lines (a named query's header), else at the top.
export function prefixInsertion(text, lines) {
  let at = 0;
  for (const m of text.matchAll(/^\s*(?:PREFIX|BASE)\b[^\n]*\n?/gim)) at = m.index + m[0].length;
  if (at === 0) {
    const header = /^(?:#[^\n]*\n)*/.exec(text);
    at = header ? header[0].length : 0;
  }
  const before = at > 0 && text[at - 1] !== "\n" ? "\n" : "";
  return {from: at, insert: before + lines + "\n"};
}

function label(term, lang) {
  return (term.labels && (term.labels[lang] || term.labels.en || term.labels.id)) || "";
}

// How well a term matches what was typed: 0 is best, Infinity is no match.
function rank(term, typed, lang) {
  const name = term.name.toLowerCase();
  const local = name.slice(name.indexOf(":") + 1);
  if (name.startsWith(typed)) return 0;
  if (!typed.includes(":") && local.startsWith(typed)) return 1;
  const words = [label(term, lang), ...(term.names || [])].join(" ").toLowerCase()
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const bare = typed.replace(/^[\w.-]*:/, "");
  if (bare.length >= 2 && new RegExp(`(^|\\W)${bare.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}`).test(words)) return 2;
  if (bare.length >= 3 && (local.includes(bare) || words.includes(bare))) return 3;
  return Infinity;
}

function applyTerm(term, prefixes) {
  return (view, completion, from, to) => {
    const text = view.state.doc.toString();
    const prefix = term.name.slice(0, term.name.indexOf(":"));
    const changes = [{from, to, insert: term.name}];
    if (!declaredPrefixes(text).has(prefix) && prefixes[prefix]) {
      changes.push(prefixInsertion(text, `PREFIX ${prefix}: <${prefixes[prefix]}>`));
    }
    const set = view.state.changes(changes);
    view.dispatch({changes: set, selection: {anchor: set.mapPos(to, 1)}, scrollIntoView: true,
                   userEvent: "input.complete"});
  };
}

// terms: {load(): Promise<{prefixes, terms}>, lang}
export function completionSource(terms) {
  return async (context) => {
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (/Comment|String|IriRef/.test(node.name)) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const data = await terms.load();
    const afterPrefix = /\bPREFIX\s+([A-Za-z][\w.-]*)?:?$/i.exec(before);
    if (afterPrefix) {
      const typed = (afterPrefix[1] || "").toLowerCase();
      const typedLength = (afterPrefix[1] || "").length + (before.endsWith(":") ? 1 : 0);
      return {
        from: context.pos - typedLength,
        options: Object.entries(data.prefixes).filter(([p]) => p.startsWith(typed))
          .map(([p, ns]) => ({label: `${p}: <${ns}>`, type: "namespace", detail: ""})),
        filter: false,
      };
    }
    const word = context.matchBefore(/(?:[A-Za-z][\w.-]*)?:[\w.-]*|[A-Za-z][\w-]*/);
    if (!word || (word.text.length < 2 && !context.explicit)) return null;
    if (/^[?$]/.test(line.text[word.from - line.from - 1] || "")) return null;  // a variable
    const typed = word.text.toLowerCase();
    const scored = [];
    for (const term of data.terms) {
      const score = rank(term, typed, terms.lang);
      if (score !== Infinity) scored.push([score, term]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].name.length - b[1].name.length ||
      (a[1].name < b[1].name ? -1 : 1));
    const options = scored.slice(0, MAX_OPTIONS).map(([score, term]) => ({
      label: term.name, detail: label(term, terms.lang), info: term.iri,
      type: KIND_TYPES[term.kind], apply: applyTerm(term, data.prefixes), boost: -score,
    }));
    if (!typed.includes(":")) {
      for (const k of KEYWORDS) {
        if (k.toLowerCase().startsWith(typed)) options.push({label: k, type: "keyword", boost: -1});
      }
    }
    return options.length ? {from: word.from, options, filter: false} : null;
  };
}
