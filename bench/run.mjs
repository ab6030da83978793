// Runs the benchmarks, one at a time, each in a fresh Node process (see scripts/run-ts.mjs).
//   npm run bench            every benchmark
//   npm run bench -- engine  one of them
import { readdirSync } from "node:fs";
import { bundle, runBundled } from "../scripts/run-ts.mjs";

const wanted = process.argv.slice(2);
const names = readdirSync("bench")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n));
if (names.length === 0) {
  console.error(`no benchmark named ${wanted.join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of names) {
  console.log(`\n== bench/${name}`);
  if (runBundled(await bundle(`bench/${name}.ts`), [], ["--expose-gc"]) !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
