// Runs a TypeScript entry (a benchmark, the demo) on this Node: bundles it with esbuild so its
// `.js` import suffixes resolve to the sources, then runs the bundle in a child process.
//   node scripts/run-ts.mjs <file.ts> [args…]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";

export async function bundle(entry) {
  const outdir = join("node_modules", ".cache", "run-ts");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${basename(entry, ".ts")}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    external: ["fsevents", "chokidar"],
    banner: { js: "import { createRequire as __runTsRequire } from 'node:module'; const require = __runTsRequire(import.meta.url);" },
  });
  return outfile;
}

export function runBundled(outfile, args = [], nodeArgs = []) {
  return spawnSync(process.execPath, [...nodeArgs, outfile, ...args], { stdio: "inherit" }).status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error("usage: node scripts/run-ts.mjs <file.ts> [args…]");
    process.exit(2);
  }
  process.exit(runBundled(await bundle(entry), args));
}
