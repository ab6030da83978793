// Bundles the Action entry (dist/index.js) and the CLI (dist/cli.js), minified ESM, and the site
// builder (dist/site.js), which `incident site` loads on demand: the charting library lives there
// alone, so neither the Action nor the rest of the CLI carries it. Code a run seldom needs (the
// mail sender, the webhook client, the proxy-capable HTTP stack, doctor, relay, import) is split
// into dist/chunks/<bundle>/ and loaded by dynamic import when used; the npm package carries the
// CLI's. Each output has a source map, and
// dist/THIRD_PARTY_LICENSES.txt lists every package the bundles contain, with its licence text,
// because bundling strips the notices those licences require us to keep.
// First it regenerates the schema validators (scripts/validators.mjs) the bundles are built from.
// Each entry and the chunks it imports at start-up must stay within MAX_BUNDLE_BYTES: size is
// start-up time on every Action run and every CLI command. dist/site.js has its own, larger limit
// (MAX_SITE_BYTES): it carries the charting library and loads only in `incident site` (the Pages
// workflow, a few times a day), never on an incident's path.
// `--check` rebuilds into a temporary folder and fails when the committed dist/ or the generated
// validators differ, or a bundle is too large. `--max-bundle-bytes=N` tries the check with another
// limit.
import { build } from "esbuild";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { oversized, startupBytes } from "./bundle-size.mjs";
import { thirdPartyLicenses } from "./licenses.mjs";
import { VALIDATORS_FILE, VALIDATORS_TYPES_FILE, validatorsSource, validatorsTypes } from "./validators.mjs";

const MAX_BUNDLE_BYTES = 2_000_000;
const MAX_SITE_BYTES = 2_500_000;
const check = process.argv.includes("--check");
const limitArg = process.argv.find((a) => a.startsWith("--max-bundle-bytes="));
const limit = limitArg ? Number(limitArg.split("=")[1]) : MAX_BUNDLE_BYTES;
const problems = [];

const generated = [
  [VALIDATORS_FILE, validatorsSource()],
  [VALIDATORS_TYPES_FILE, validatorsTypes],
];
for (const [file, text] of generated) {
  if (!check) writeFileSync(file, text);
  else if (!existsSync(file) || readFileSync(file, "utf8") !== text) problems.push(`${file} is stale: run \`npm run build\` and commit it.`);
}

// A sibling of dist/, so that the source maps' relative paths come out the same.
const outdir = check ? mkdtempSync(".dist-check-") : "dist";
// Chunk names carry a content hash: old ones would linger.
if (!check) rmSync(join(outdir, "chunks"), { recursive: true, force: true });
const banner = [
  "import { createRequire as __iacCreateRequire } from 'node:module';",
  "const require = __iacCreateRequire(import.meta.url);",
].join("\n");

const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  splitting: true,
  // Notices inside bundled code go to THIRD_PARTY_LICENSES.txt with the licence files.
  legalComments: "none",
  // A .map beside each output: NODE_OPTIONS=--enable-source-maps makes stack traces name src/
  // files, lines and names (off by default: mapping costs start-up time on every run). The
  // sources are in git.
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

// @actions/core reaches @actions/http-client (and with it undici) only to fetch OIDC tokens, which
// the program never asks for: its OIDC client gets a stand-in that loads the real client when used.
const lazyHttpClient = {
  name: "lazy-http-client",
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client$/ }, (args) =>
      args.importer.includes("@actions/core/") ? { path: join(import.meta.dirname, "lazy-http-client.mjs") } : undefined,
    );
  },
};

/** The charting library must stay out of the Action and the CLI bundles (size, start-up time). */
function assertNoCharts(result, name) {
  const charting = Object.keys(result.metafile.inputs).filter((p) => /node_modules\/(vega|vega-[a-z-]+|d3-[a-z-]+)\//.test(p));
  if (charting.length > 0) throw new Error(`${name} bundles the charting library (${charting[0]} …): it belongs in dist/site.js only`);
  return result;
}

const action = assertNoCharts(await build({ ...common, entryPoints: { index: "src/action/main.ts" }, chunkNames: "chunks/action/[name]-[hash]", outdir, banner: { js: banner }, plugins: [lazyHttpClient] }), "dist/index.js");
const cli = assertNoCharts(await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, chunkNames: "chunks/cli/[name]-[hash]", outdir, banner: { js: "#!/usr/bin/env node\n" + banner }, plugins: [siteApart, lazyHttpClient] }), "dist/cli.js");
chmodSync(join(outdir, "cli.js"), 0o755);
const site = await build({ ...common, entryPoints: { site: "src/site/index.ts" }, chunkNames: "chunks/site/[name]-[hash]", outdir, banner: { js: banner } });
writeFileSync(join(outdir, "THIRD_PARTY_LICENSES.txt"), thirdPartyLicenses([action.metafile, cli.metafile, site.metafile]));

const sizes = [action, cli, site].flatMap((r) => startupBytes(r.metafile, outdir));
for (const s of sizes) console.log(`${s.entry.padEnd(14)} ${(s.bytes / 1e6).toFixed(2)} MB at start-up${s.files.length > 1 ? ` (${s.files.length} files)` : ""}`);
problems.push(...oversized(sizes.filter((s) => s.entry !== "dist/site.js"), limit));
problems.push(...oversized(sizes.filter((s) => s.entry === "dist/site.js"), limitArg ? limit : MAX_SITE_BYTES));

if (check) {
  const files = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name))).sort();
  const built = files(outdir);
  const stale = built.filter((f) => !existsSync(join("dist", f)) || readFileSync(join("dist", f), "utf8") !== readFileSync(join(outdir, f), "utf8"));
  const extra = files("dist").filter((f) => !built.includes(f));
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length + extra.length > 0) problems.push(`dist/ is stale (${[...stale, ...extra.map((f) => `${f} not built`)].join(", ")}): run \`npm run build\` and commit dist/.`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
if (check) console.log("dist/ is up to date.");
