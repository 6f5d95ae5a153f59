// The small form of a named query with parameters ("# param:" lines): each value is sent
// as a binding ($name=<N-Triples term>), never pasted into the query text.
const XSD = "http://www.w3.org/2001/XMLSchema#";
const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

function expand(name, prefixes) {
  const m = /^([A-Za-z][\w.-]*|):(.*)$/.exec(name.trim());
  return m && m[1] in prefixes ? prefixes[m[1]] + m[2] : null;
}

function label(term, lang) {
  return (term.labels && (term.labels[lang] || term.labels.en)) || term.name;
}

// One field: a choice of instances for a class, an input for a literal, free text for
// any IRI (a prefixed name or <IRI>, with the resources as suggestions).
function field(param, {terms, prefixes, lang, T, value}) {
  const id = "param-" + param.name;
  const wrap = document.createElement("div");
  wrap.className = "param";
  const labelEl = document.createElement("label");
  labelEl.htmlFor = id;
  labelEl.textContent = "?" + param.name;
  const help = document.createElement("span");
  help.className = "muted param-help";
  help.id = id + "-help";
  help.textContent = param.help;
  let input;
  if (param.type && !param.literal) {
    input = document.createElement("select");
    const any = document.createElement("option");
    any.value = "";
    any.textContent = param.optional ? T.param_any : T.param_choose;
    input.append(any);
    for (const term of terms.filter((t) => t.types.includes(param.type))) {
      const option = document.createElement("option");
      option.value = `<${term.iri}>`;
      option.textContent = label(term, lang);
      input.append(option);
    }
  } else {
    input = document.createElement("input");
    if (param.literal && /integer|int$|gYear$/.test(param.type)) {
      input.type = "number";
      input.step = "1";
      input.inputMode = "numeric";
    } else if (param.literal && /date$/.test(param.type)) {
      input.type = "date";
    } else {
      input.type = "text";
      input.setAttribute("list", "param-terms");
      input.placeholder = "res:ilo";
      input.autocomplete = "off";
      input.spellcheck = false;
    }
  }
  input.id = id;
  input.name = "$" + param.name;
  input.setAttribute("aria-describedby", help.id);
  if (value) input.value = fromTerm(value, param, prefixes);
  wrap.append(labelEl, input, help);
  return {wrap, input};
}

// The N-Triples term of a field's value, or null when empty; throws on a bad value.
function toTerm(param, raw, prefixes, T) {
  const text = raw.trim();
  if (!text) return null;
  if (param.literal) {
    const datatype = expand(param.type, prefixes) || XSD + "string";
    return `"${text.replace(/["\\]/g, "\\$&")}"^^<${datatype}>`;
  }
  if (/^<[^<>"\s]+>$/.test(text)) return text;
  if (/^https?:\/\/\S+$/.test(text)) return `<${text}>`;
  const iri = expand(text, prefixes);
  if (iri) return `<${iri}>`;
  throw new Error(fmt(T.param_bad, {name: param.name, value: text}));
}

function fromTerm(term, param, prefixes) {
  if (param.literal) return (/^"(.*)"/.exec(term) || [, term])[1];
  if (param.type) return term;
  const iri = term.replace(/^<|>$/g, "");
  for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns)) return p + ":" + iri.slice(ns.length);
  return term;
}

export class ParamsForm {
  constructor({box, legend, fields, drop, T, lang}) {
    Object.assign(this, {box, legend, fields, T, lang});
    this.params = [];
    this.inputs = [];
    drop.addEventListener("click", () => this.clear());
  }

  async show(example, {termsData, values}) {
    this.params = example.params || [];
    this.fields.textContent = "";
    this.inputs = [];
    if (!this.params.length) { this.clear(); return; }
    const data = await termsData();
    this.prefixes = data.prefixes;
    this.legend.textContent = fmt(this.T.params_of, {title: example.title});
    const list = document.getElementById("param-terms") || document.createElement("datalist");
    if (!list.id) {
      list.id = "param-terms";
      for (const term of data.terms.filter((t) => t.kind === "resource")) {
        const option = document.createElement("option");
        option.value = term.name;
        option.label = label(term, this.lang);
        list.append(option);
      }
      document.body.append(list);
    }
    for (const param of this.params) {
      const {wrap, input} = field(param, {terms: data.terms, prefixes: data.prefixes,
                                          lang: this.lang, T: this.T, value: (values || {})[param.name]});
      this.fields.append(wrap);
      this.inputs.push([param, input]);
    }
    this.box.hidden = false;
  }

  clear() {
    this.params = [];
    this.inputs = [];
    this.fields.textContent = "";
    this.box.hidden = true;
  }

  // {name: N-Triples term} of the filled fields; throws naming a bad or missing one.
  bindings() {
    const out = {};
    for (const [param, input] of this.inputs) {
      const term = toTerm(param, input.value, this.prefixes, this.T);
      if (term) out[param.name] = term;
      else if (!param.optional) throw Object.assign(new Error(fmt(this.T.param_missing, {name: param.name})), {input});
    }
    return out;
  }
}
