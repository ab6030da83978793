// Bundles the Action entry (dist/index.js) and the CLI (dist/cli.js) into single ESM files.
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

await build({ ...common, entryPoints: { index: "src/action/main.ts" }, outdir, banner: { js: banner } });
await build({ ...common, entryPoints: { cli: "src/cli/main.ts" }, outdir, banner: { js: "#!/usr/bin/env node\n" + banner } });
chmodSync(join(outdir, "cli.js"), 0o755);

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
