// The query page's drawing libraries, loaded on the first result that needs them:
// Observable Plot (charts, timelines, maps) and sigma.js with graphology (graphs). The
// editor's own bundle (query.js) stays small enough to be ready at once.
import {drawChart, drawMap, drawTimeline} from "./query/charts.js";
import {drawGraph} from "./query/graph.js";

window.pasbViews = {drawChart, drawMap, drawTimeline, drawGraph};
