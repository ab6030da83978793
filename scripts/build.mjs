// Bundles the Action entry (dist/index.js) and the CLI (dist/cli.js) into single ESM files, and the
// site builder (dist/site.js), which `incident site` loads on demand: the charting library lives
// there alone, so neither the Action nor the rest of the CLI carries it. Each bundle has a source
// map, and dist/THIRD_PARTY_LICENSES.txt lists every package the bundles contain, with its licence
// text, because bundling strips the notices those licences require us to keep.
// `--check` rebuilds into a temporary folder and fails when the committed dist/ differs.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { thirdPartyLicenses } from "./licenses.mjs";

const check = process.argv.includes("--check");
// A sibling of dist/, so that the source maps' relative paths come out the same.
const outdir = check ? mkdtempSync(".dist-check-") : "dist";
const banner = [
  "import { createRequire as __iacCreateRequire } from 'node:module';",
  "const require = __iacCreateRequire(import.meta.url);",
].join("\n");

const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // Notices inside bundled code go to THIRD_PARTY_LICENSES.txt with the licence files.
  legalComments: "none",
  // A .map beside each bundle: NODE_OPTIONS=--enable-source-maps makes stack traces name src/ files
  // and lines (off by default: mapping costs start-up time on every run). The sources are in git.
  sourcemap: "linked",
  sourcesContent: false,
  metafile: true,
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
  return result;
}

const action = assertNoCharts(await build({ ...common, entryPoints: { index: "src/action/main.ts" }, outdir, banner: { js: banner } }), "dist/index.js");
const cli = assertNoCharts(await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, outdir, banner: { js: "#!/usr/bin/env node\n" + banner }, plugins: [siteApart] }), "dist/cli.js");
chmodSync(join(outdir, "cli.js"), 0o755);
const site = await build({ ...common, entryPoints: { site: "src/site/index.ts" }, outdir, banner: { js: banner } });
writeFileSync(join(outdir, "THIRD_PARTY_LICENSES.txt"), thirdPartyLicenses([action.metafile, cli.metafile, site.metafile]));

if (check) {
  const stale = readdirSync(outdir).filter(
    (f) => !existsSync(join("dist", f)) || readFileSync(join("dist", f), "utf8") !== readFileSync(join(outdir, f), "utf8"),
  );
  const extra = readdirSync("dist").filter((f) => !existsSync(join(outdir, f)));
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length + extra.length > 0) {
    console.error(`dist/ is stale (${[...stale, ...extra.map((f) => `${f} not built`)].join(", ")}): run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log("dist/ is up to date.");
}
