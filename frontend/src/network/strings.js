// The viewer's words: the server passes them in the page's config (service/i18n_network.py).
export function translator(strings) {
  return (key, vars = {}) => String(strings[key] ?? key)
    .replace(/\{(\w+)\}/g, (all, name) => (name in vars ? String(vars[name]) : all));
}
