// The result table: sortable columns, labels for IRIs with their prefixed names, pages.
import {isNumber, termText} from "./terms.js";

const fmt = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

function cell(term, labels) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = labels.href(term.value);
    if (!labels.links[term.value]) a.rel = "external";
    a.textContent = labels.name(term.value);
    a.title = term.value;
    td.append(a);
    if (labels.labels[term.value]) {
      const small = document.createElement("span");
      small.className = "muted iri-hint";
      small.textContent = " " + labels.short(term.value);
      td.append(small);
    }
  } else {
    td.textContent = termText(term, labels);
    if (term["xml:lang"]) { td.lang = term["xml:lang"]; td.dataset.tag = "@" + term["xml:lang"]; }
    if (isNumber(term)) td.className = "num";
  }
  return td;
}

function sortValue(term, labels) {
  if (!term) return "";
  if (term.type === "uri") return labels.name(term.value).toLowerCase();
  return isNumber(term) ? Number(term.value) : term.value.toLowerCase();
}

export function drawTable(data, {labels, T, pageRows = 50}) {
  const vars = data.head.vars, rows = data.results.bindings.slice();
  const out = document.createElement("div");
  if (!rows.length) { out.textContent = T.empty; return out; }
  let page = 0, sortVar = null, ascending = true;
  const table = document.createElement("table");
  table.className = "results";
  table.createCaption().textContent = T.table_caption;
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.scope = "col";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = v;
    button.setAttribute("aria-label", fmt(T.sort, {column: v}));
    button.addEventListener("click", () => {
      ascending = sortVar === v ? !ascending : true;
      sortVar = v;
      rows.sort((a, b) => {
        const x = sortValue(a[v], labels), y = sortValue(b[v], labels);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      head.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      page = 0;
      render();
    });
    th.append(button);
    head.append(th);
  }
  const tbody = table.createTBody();
  const pages = Math.ceil(rows.length / pageRows);
  const pager = document.createElement("nav");
  pager.className = "pager";
  pager.setAttribute("aria-label", T.pages);
  const prev = document.createElement("button"), next = document.createElement("button");
  const where = document.createElement("span");
  prev.type = next.type = "button";
  prev.className = next.className = "secondary";
  prev.textContent = "‹ " + T.prev;
  next.textContent = T.next + " ›";
  prev.addEventListener("click", () => { page--; render(); });
  next.addEventListener("click", () => { page++; render(); });
  pager.append(prev, where, next);
  function render() {
    tbody.innerHTML = "";
    for (const r of rows.slice(page * pageRows, (page + 1) * pageRows)) {
      const tr = tbody.insertRow();
      for (const v of vars) tr.append(cell(r[v], labels));
    }
    where.textContent = fmt(T.page, {page: page + 1, pages});
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  render();
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", T.table_caption);
  wrap.append(table);
  out.append(wrap);
  if (pages > 1) out.append(pager);
  return out;
}
