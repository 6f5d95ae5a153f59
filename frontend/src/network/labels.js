// Collision-aware label placement in screen space: labels are placed greedily in priority
// order (selected node, its ego network, then the largest nodes), each at the first of
// four spots around its node (right, left, above, below) that stays inside the canvas and
// touches no label already placed and no other node; a label with no free spot is not
// drawn. Zooming in spreads the nodes, so more labels find room ("show on zoom").

const GAP = 3;

function cellsOf(box, size) {
  const out = [];
  for (let i = Math.floor(box[0] / size); i <= Math.floor(box[2] / size); i++) {
    for (let j = Math.floor(box[1] / size); j <= Math.floor(box[3] / size); j++) out.push(i + ":" + j);
  }
  return out;
}

const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

export class BoxIndex {
  constructor(size = 64) { this.size = size; this.cells = new Map(); }
  add(box, owner, kind) {
    const entry = {box, owner, kind};
    for (const c of cellsOf(box, this.size)) {
      if (!this.cells.has(c)) this.cells.set(c, []);
      this.cells.get(c).push(entry);
    }
  }
  hits(box, owner, ignoreNodes) {
    for (const c of cellsOf(box, this.size)) {
      for (const e of this.cells.get(c) || []) {
        if (e.owner === owner || (ignoreNodes && e.kind === "node")) continue;
        if (overlap(e.box, box)) return true;
      }
    }
    return false;
  }
}

/**
 * items: [{key, x, y, r, w, h, force}] in priority order (screen pixels);
 * discs: [{key, x, y, r}] nodes that labels must not cover.
 * Returns the placed labels [{key, box: [x0, y0, x1, y1]}].
 */
export function placeLabels(items, discs, width, height, limit = Infinity) {
  const index = new BoxIndex();
  for (const d of discs) index.add([d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r], d.key, "node");
  const placed = [];
  for (const it of items) {
    if (placed.length >= limit && !it.force) break;
    const spots = [
      [it.x + it.r + GAP, it.y - it.h / 2],
      [it.x - it.r - GAP - it.w, it.y - it.h / 2],
      [it.x - it.w / 2, it.y - it.r - GAP - it.h],
      [it.x - it.w / 2, it.y + it.r + GAP],
    ];
    for (const [x0, y0] of spots) {
      const box = [x0, y0, x0 + it.w, y0 + it.h];
      if (box[0] < 1 || box[1] < 1 || box[2] > width - 1 || box[3] > height - 1) continue;
      if (index.hits(box, it.key, it.force)) continue;
      index.add(box, it.key, "label");
      placed.push({key: it.key, box});
      break;
    }
  }
  return placed;
}

export function boxesOverlap(boxes) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i], boxes[j])) return [i, j];
  }
  return null;
}
