// Bundles the Action entry (dist/index.js) and the CLI (dist/cli.js) into single ESM files, each
// with a source map, and writes dist/THIRD_PARTY_LICENSES.txt: every package the bundles contain,
// with its licence text, because bundling strips the notices those licences require us to keep.
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

const action = await build({ ...common, entryPoints: { index: "src/action/main.ts" }, outdir, banner: { js: banner } });
const cli = await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, outdir, banner: { js: "#!/usr/bin/env node\n" + banner } });
chmodSync(join(outdir, "cli.js"), 0o755);
writeFileSync(join(outdir, "THIRD_PARTY_LICENSES.txt"), thirdPartyLicenses([action.metafile, cli.metafile]));

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
