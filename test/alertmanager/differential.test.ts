// Invariant 11 for Alertmanager: the shipped example configuration, imported, routes and inhibits
// 2,000 random label sets exactly as Debian's real Alertmanager does (bench/alertmanager.ts prints
// the figure for 10,000).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Policies } from "../../src/config/types.js";
import { alertmanagerVerdicts, amtoolReceivers, available, compare, importedPolicies, ourVerdicts, startAlertmanager, type RunningAlertmanager, type Verdict } from "./differential.js";
import { randomLabelSets } from "./vocabulary.js";

const SETS = 2_000;
const SEED = 13;
const present = available();

describe.skipIf(present)("differential against the real Alertmanager", () => {
  it("is skipped: prometheus-alertmanager and amtool are not installed (apt-get install prometheus-alertmanager; .ci/run installs it)", () => {});
});

describe.runIf(present)("differential against the real Alertmanager (examples/alertmanager/alertmanager.yml)", () => {
  let am: RunningAlertmanager;
  let policies: Policies;
  let channelToReceiver: Map<string, string>;
  const sets = randomLabelSets(SETS, SEED);
  let theirs: Verdict[] = [];

  beforeAll(async () => {
    [am, { policies, channelToReceiver }] = await Promise.all([startAlertmanager(), importedPolicies()]);
    theirs = await alertmanagerVerdicts(am, sets);
  }, 300_000);

  afterAll(async () => {
    await am?.stop();
  });

  it(`agrees on the ordered receivers and the inhibition of all ${SETS} label sets`, () => {
    const result = compare(sets, ourVerdicts(policies, channelToReceiver, sets), theirs);
    expect(result.disagreements.slice(0, 5)).toEqual([]);
    expect(result.both).toBe(SETS);
    // The sets exercise what they are meant to: fan-out with continue, the catch-all, inhibition.
    expect(theirs.filter((v) => v.receivers.length > 1).length).toBeGreaterThan(100);
    expect(theirs.filter((v) => v.receivers[0] === "default").length).toBeGreaterThanOrEqual(5);
    expect(theirs.filter((v) => v.inhibited).length).toBeGreaterThanOrEqual(5);
    expect(new Set(theirs.flatMap((v) => v.receivers)).size).toBeGreaterThanOrEqual(30);
  }, 120_000);

  it("amtool config routes test answers as the server does (spot check)", async () => {
    const picked = sets.filter((_, i) => i % 167 === 0);
    const answers: string[][] = [];
    for (let i = 0; i < picked.length; i += 4) answers.push(...(await Promise.all(picked.slice(i, i + 4).map((s) => amtoolReceivers(s)))));
    expect(answers).toEqual(picked.map((s) => theirs[sets.indexOf(s)]?.receivers));
  }, 120_000);
});
