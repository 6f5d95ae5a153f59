// The base map of the query page's map view, loaded only when a map is drawn: Natural
// Earth's countries at 1:50m (the world-atlas package) and the ISO 3166-1 codes that
// name them (iso-3166-1), so a result may give a country by alpha-2, alpha-3 or number.
import topology from "world-atlas/countries-50m.json";
import iso from "iso-3166-1";

window.pasbWorld = {
  topology,
  iso(code) {
    const text = String(code).trim().toUpperCase();
    const found = /^\d{3}$/.test(text) ? iso.whereNumeric(text)
      : text.length === 2 ? iso.whereAlpha2(text) : iso.whereAlpha3(text);
    return found ? found.numeric : null;
  },
};
