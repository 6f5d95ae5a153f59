// The session's queries: every run is a browser history entry (so Back and Forward move
// between runs and never leave the page) and a line in the history panel, kept in
// sessionStorage for the tab's session.
const KEY = "pasb-query-history";
const MAX_ENTRIES = 50;

export function readState(search) {
  const params = new URLSearchParams(search);
  const bindings = {};
  for (const [name, value] of params) if (name.startsWith("$")) bindings[name.slice(1)] = value;
  return {query: params.get("query") || "", scope: params.get("scope") || "",
          bindings, example: params.get("example") || ""};
}

export function stateUrl({query, scope, bindings, example}) {
  const params = new URLSearchParams({query});
  if (scope) params.set("scope", scope);
  if (example) params.set("example", example);
  for (const [name, value] of Object.entries(bindings || {})) params.set("$" + name, value);
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) params.set("lang", lang);
  return "?" + params;
}

export class SessionHistory {
  constructor(storage) {
    this.storage = storage;
    try {
      this.entries = JSON.parse(storage.getItem(KEY) || "[]");
    } catch (err) {
      this.entries = [];
    }
  }

  save() {
    this.entries = this.entries.slice(-MAX_ENTRIES);
    try {
      this.storage.setItem(KEY, JSON.stringify(this.entries));
    } catch (err) { /* storage full or off: the panel still shows this page's runs */ }
  }

  // A new run: a history entry (pushed, or replacing the page's first one) and a line.
  add(run, {replace}) {
    const entry = {...run, id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
                   at: new Date().toISOString(), outcome: ""};
    this.entries.push(entry);
    this.save();
    const url = stateUrl(run);
    if (replace) history.replaceState({entry: entry.id}, "", url);
    else history.pushState({entry: entry.id}, "", url);
    return entry;
  }

  finish(entry, outcome) {
    entry.outcome = outcome;
    this.save();
  }

  find(id) { return this.entries.find((e) => e.id === id); }

  clear() { this.entries = []; this.save(); }
}
