// The fault campaign: N seeded trials of the bundled Action against the emulator with random
// faults and racing deliveries (test/campaign/trial.ts), then the invariants. Prints each trial
// with a violation in full (invariant, seed, what the emulator injected) and a table of
// violations per invariant. Reproduce one trial with CAMPAIGN_SEED=<seed> CAMPAIGN_TRIALS=1.
//   npm run bench -- campaign                              20 trials from seed 1
//   CAMPAIGN_TRIALS=300 CAMPAIGN_SEED=1000 npm run bench -- campaign
// Needs an up-to-date dist/ (npm run build).
import { INVARIANTS, type Invariant } from "../test/campaign/invariants.js";
import { describeTrial, runTrial } from "../test/campaign/trial.js";

const trials = Number(process.env.CAMPAIGN_TRIALS ?? 20);
const first = Number(process.env.CAMPAIGN_SEED ?? 1);
const rate = process.env.CAMPAIGN_FAULT_RATE === undefined ? undefined : Number(process.env.CAMPAIGN_FAULT_RATE);
if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(first)) {
  console.error("CAMPAIGN_TRIALS must be a positive whole number and CAMPAIGN_SEED a whole number");
  process.exit(2);
}

const byInvariant = new Map<Invariant, { trials: number; count: number; seeds: number[] }>();
let failedRuns = 0;
let runs = 0;
let faults = 0;
const started = Date.now();
console.log(`fault campaign: ${trials} trial(s) from seed ${first}${rate === undefined ? "" : `, fault rate ${rate}`}`);
for (let seed = first; seed < first + trials; seed++) {
  const t = await runTrial(seed, rate === undefined ? {} : { faultRate: rate });
  runs += t.runs.length;
  failedRuns += t.runs.filter((r) => r.code !== 0).length;
  faults += t.faults.length;
  for (const inv of new Set(t.violations.map((v) => v.invariant))) {
    const e = byInvariant.get(inv) ?? { trials: 0, count: 0, seeds: [] };
    e.trials += 1;
    e.count += t.violations.filter((v) => v.invariant === inv).length;
    e.seeds.push(seed);
    byInvariant.set(inv, e);
  }
  if (t.violations.length > 0) console.log(describeTrial(t));
  else console.log(`seed ${seed}: ok (${t.runs.length} runs, ${t.faults.length} faults, ${(t.ms / 1000).toFixed(1)} s)`);
  if (process.env.CAMPAIGN_VERBOSE) console.log(`  ${t.runs.map((r) => `${r.what} → ${r.code} (${(r.ms / 1000).toFixed(1)} s)`).join("; ")}\n  faults: ${t.faults.join("; ")}`);
}

console.log(`\n${trials} trials, ${runs} Action runs (${failedRuns} exited non-zero), ${faults} injected faults, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log("invariant                        trials violated   violations   seeds");
let total = 0;
for (const inv of Object.keys(INVARIANTS) as Invariant[]) {
  const e = byInvariant.get(inv);
  total += e?.count ?? 0;
  console.log(`${inv.padEnd(32)} ${String(e?.trials ?? 0).padStart(15)} ${String(e?.count ?? 0).padStart(12)}   ${e ? e.seeds.slice(0, 10).join(" ") + (e.seeds.length > 10 ? " …" : "") : ""}`);
}
console.log(`violations: ${total}`);
process.exitCode = total > 0 ? 1 : 0;
