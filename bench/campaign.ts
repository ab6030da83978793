// The fault campaign: N seeded trials of the bundled Action against the emulator with random
// faults and racing deliveries (test/campaign/trial.ts), then the invariants. Prints each trial
// with a violation in full (invariant, seed, what the emulator injected) and a table of
// violations per invariant. Reproduce one trial with CAMPAIGN_SEED=<seed> CAMPAIGN_TRIALS=1.
//   npm run bench -- campaign                              20 trials from seed 1
//   CAMPAIGN_TRIALS=300 CAMPAIGN_SEED=1000 npm run bench -- campaign
//   CAMPAIGN_PARALLEL=3 …                                  three trials at a time (each its own emulator and remote)
// Needs an up-to-date dist/ (npm run build).
import { INVARIANTS, type Invariant } from "../test/campaign/invariants.js";
import { describeTrial, runTrial, type TrialResult } from "../test/campaign/trial.js";

const trials = Number(process.env.CAMPAIGN_TRIALS ?? 20);
const first = Number(process.env.CAMPAIGN_SEED ?? 1);
const rate = process.env.CAMPAIGN_FAULT_RATE === undefined ? undefined : Number(process.env.CAMPAIGN_FAULT_RATE);
const parallel = Number(process.env.CAMPAIGN_PARALLEL ?? 1);
if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(first) || !Number.isInteger(parallel) || parallel < 1) {
  console.error("CAMPAIGN_TRIALS and CAMPAIGN_PARALLEL must be positive whole numbers and CAMPAIGN_SEED a whole number");
  process.exit(2);
}

const byInvariant = new Map<Invariant, { trials: number; count: number; seeds: number[] }>();
let failedRuns = 0;
let runs = 0;
let faults = 0;
const started = Date.now();
console.log(`fault campaign: ${trials} trial(s) from seed ${first}${rate === undefined ? "" : `, fault rate ${rate}`}${parallel > 1 ? `, ${parallel} at a time` : ""}`);

function account(t: TrialResult): void {
  runs += t.runs.length;
  failedRuns += t.runs.filter((r) => r.code !== 0).length;
  faults += t.faults.length;
  for (const inv of new Set(t.violations.map((v) => v.invariant))) {
    const e = byInvariant.get(inv) ?? { trials: 0, count: 0, seeds: [] };
    e.trials += 1;
    e.count += t.violations.filter((v) => v.invariant === inv).length;
    e.seeds.push(t.seed);
    byInvariant.set(inv, e);
  }
  if (t.violations.length > 0) console.log(describeTrial(t));
  else console.log(`seed ${t.seed}: ok (${t.runs.length} runs, ${t.faults.length} faults, ${(t.ms / 1000).toFixed(1)} s)`);
  if (process.env.CAMPAIGN_VERBOSE) console.log(`  ${t.runs.map((r) => `${r.what} → ${r.code} (${(r.ms / 1000).toFixed(1)} s)`).join("; ")}\n  faults: ${t.faults.join("; ")}`);
}

// Trials run `parallel` at a time and are reported as they finish.
let next = first;
await Promise.all(
  Array.from({ length: Math.min(parallel, trials) }, async () => {
    while (next < first + trials) {
      const seed = next++;
      account(await runTrial(seed, rate === undefined ? {} : { faultRate: rate }));
    }
  }),
);
console.log(`\n${trials} trials, ${runs} Action runs (${failedRuns} exited non-zero), ${faults} injected faults, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log("invariant                        trials violated   violations   seeds");
let total = 0;
for (const inv of Object.keys(INVARIANTS) as Invariant[]) {
  const e = byInvariant.get(inv);
  total += e?.count ?? 0;
  console.log(`${inv.padEnd(32)} ${String(e?.trials ?? 0).padStart(15)} ${String(e?.count ?? 0).padStart(12)}   ${e ? [...e.seeds].sort((a, b) => a - b).slice(0, 10).join(" ") + (e.seeds.length > 10 ? " …" : "") : ""}`);
}
console.log(`violations: ${total}`);
process.exitCode = total > 0 ? 1 : 0;
