// Bundle the browser code for the pasb-kg service (run by the Python build: buildtools/).
// Every top-level file src/<name>.js is a page's entry point; it becomes
// service/static/dist/<name>.js (and <name>.css when it imports CSS), with everything it
// imports from node_modules bundled in, so the service serves it all itself.
import {readdirSync, rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const out = join(here, "..", "service", "static", "dist");
const entryPoints = readdirSync(src).filter((f) => f.endsWith(".js")).sort()
  .map((f) => join(src, f));
if (!entryPoints.length) throw new Error(`no entry point (*.js) in ${src}`);

rmSync(out, {recursive: true, force: true});
const result = await esbuild.build({
  entryPoints, outdir: out, bundle: true, format: "iife", target: ["es2020"],
  minify: true, sourcemap: "linked", legalComments: "linked", metafile: true,
  logLevel: "warning",
});
const outputs = Object.entries(result.metafile.outputs)
  .filter(([name]) => !name.endsWith(".map"))
  .map(([name, info]) => `${name.split("/").pop()} ${(info.bytes / 1024).toFixed(1)} kB`);
console.log("frontend: built " + outputs.join(", "));
