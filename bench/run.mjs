// Runs the benchmarks: each bench/<name>.ts is bundled with esbuild (so its `.js` import suffixes
// resolve to the TypeScript sources) and run in a fresh Node process, one at a time.
//   npm run bench            every benchmark
//   npm run bench -- engine  one of them
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const wanted = process.argv.slice(2);
const names = readdirSync("bench")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n));
if (names.length === 0) {
  console.error(`no benchmark named ${wanted.join(", ")}`);
  process.exit(2);
}
const outdir = join("node_modules", ".cache", "bench");
mkdirSync(outdir, { recursive: true });
let failed = false;
for (const name of names) {
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [`bench/${name}.ts`],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    external: ["fsevents", "chokidar"],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  console.log(`\n== bench/${name}`);
  const run = spawnSync(process.execPath, ["--expose-gc", outfile], { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
