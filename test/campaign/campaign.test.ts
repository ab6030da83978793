// The fault campaign's short form (bench/campaign.ts runs the long one): a few seeded trials of
// the bundled Action against random faults, racing, duplicate and late deliveries, then one check
// per invariant. A failure prints the seed, the invariant, what broke and what the emulator
// injected; `CAMPAIGN_SEED=<seed> CAMPAIGN_TRIALS=1 npm run bench -- campaign` replays it.
import { beforeAll, describe, expect, it } from "vitest";
import { INVARIANTS, type Invariant } from "./invariants.js";
import { describeTrial, runTrial, type TrialResult } from "./trial.js";

/** Seeds of the short form: fixed, so `npm test` is reproducible; the bench explores more. */
const SEEDS = [101, 202];

let trials: TrialResult[] = [];

describe("fault campaign (short form)", () => {
  beforeAll(async () => {
    trials = [];
    for (const seed of SEEDS) trials.push(await runTrial(seed));
  }, 1_200_000);

  it("ran its trials and injected faults", () => {
    expect(trials.map((t) => t.seed)).toEqual(SEEDS);
    expect(trials.reduce((n, t) => n + t.faults.length, 0)).toBeGreaterThan(0);
  });

  for (const invariant of Object.keys(INVARIANTS) as Invariant[]) {
    it(`${invariant}: ${INVARIANTS[invariant]}`, () => {
      const broken = trials.filter((t) => t.violations.some((v) => v.invariant === invariant));
      const report = broken.map((t) => describeTrial({ ...t, violations: t.violations.filter((v) => v.invariant === invariant) })).join("\n");
      expect(broken.length, report).toBe(0);
    });
  }
});
