// Layout in the browser with graphology-layout-forceatlas2: "Lay out again" continues
// ForceAtlas2 from the current positions, a few iterations per frame so the drawing moves;
// query results (which have no server layout) start from a seeded circle.
import forceAtlas2 from "graphology-layout-forceatlas2";

export function settingsFor(graph) {
  return {...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300,
          edgeWeightInfluence: 1, linLogMode: false};
}

export function seededLayout(graph) {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  let i = 0;
  const n = graph.order || 1;
  graph.forEachNode((node) => {
    const a = (2 * Math.PI * i++) / n;
    graph.mergeNodeAttributes(node, {x: Math.cos(a) + (random() - 0.5) * 0.1,
                                     y: Math.sin(a) + (random() - 0.5) * 0.1});
  });
  forceAtlas2.assign(graph, {iterations: graph.order > 800 ? 60 : 200, settings: settingsFor(graph)});
}

/** Run ForceAtlas2 for ``total`` iterations, ``step`` per animation frame. */
export function animateLayout(graph, {total, step, onStep, onDone}) {
  const settings = settingsFor(graph);
  let done = 0, stopped = false;
  const tick = () => {
    if (stopped) return;
    const n = Math.min(step, total - done);
    forceAtlas2.assign(graph, {iterations: n, settings});
    done += n;
    onStep(done / total);
    if (done < total) requestAnimationFrame(tick); else onDone();
  };
  requestAnimationFrame(tick);
  return () => { stopped = true; };
}
