// Bundles the Action entry (dist/index.js) and the CLI (dist/cli.js) into single ESM files, and the
// site builder (dist/site.js), which `incident site` loads on demand: the charting library lives
// there alone, so neither the Action nor the rest of the CLI carries it.
// `--check` rebuilds into a temporary folder and fails when the committed dist/ differs.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const check = process.argv.includes("--check");
const outdir = check ? mkdtempSync(join(tmpdir(), "iac-dist-")) : "dist";
const banner = [
  "import { createRequire as __iacCreateRequire } from 'node:module';",
  "const require = __iacCreateRequire(import.meta.url);",
].join("\n");

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  legalComments: "none",
  logLevel: "warning",
  external: ["fsevents", "chokidar"],
};

// The CLI's `import("../site/index.js")` becomes `import("./site.js")`: the bundle beside it.
const siteApart = {
  name: "site-apart",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/site\/index\.js$/ }, (args) => (args.importer.includes(`${"src"}/cli/`) ? { path: "./site.js", external: true } : undefined));
  },
};

/** The charting library must stay out of the Action and the CLI bundles (size, start-up time). */
function assertNoCharts(result, name) {
  const charting = Object.keys(result.metafile.inputs).filter((p) => /node_modules\/(vega|vega-[a-z-]+|d3-[a-z-]+)\//.test(p));
  if (charting.length > 0) throw new Error(`${name} bundles the charting library (${charting[0]} …): it belongs in dist/site.js only`);
}

assertNoCharts(await build({ ...common, entryPoints: { index: "src/action/main.ts" }, outdir, banner: { js: banner }, metafile: true }), "dist/index.js");
assertNoCharts(await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, outdir, banner: { js: "#!/usr/bin/env node\n" + banner }, metafile: true, plugins: [siteApart] }), "dist/cli.js");
chmodSync(join(outdir, "cli.js"), 0o755);
await build({ ...common, entryPoints: { site: "src/site/index.ts" }, outdir, banner: { js: banner } });

if (check) {
  const stale = readdirSync(outdir).filter(
    (f) => !existsSync(join("dist", f)) || readFileSync(join("dist", f), "utf8") !== readFileSync(join(outdir, f), "utf8"),
  );
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(", ")}): run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log("dist/ is up to date.");
}
