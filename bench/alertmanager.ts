// Benchmark: agreement with Debian's real Alertmanager on 10,000 random label sets over the
// example configuration (examples/alertmanager/alertmanager.yml, imported with `incident import
// alertmanager`): the ordered receiver list and whether the alert is inhibited. Target ≥ 99.9 %.
// Also times this engine's routing of the same sets. Needs prometheus-alertmanager and amtool.
import { performance } from "node:perf_hooks";
import { alertmanagerVerdicts, available, compare, importedPolicies, ourVerdicts, startAlertmanager } from "../test/alertmanager/differential.js";
import { randomLabelSets } from "../test/alertmanager/vocabulary.js";

const SETS = 10_000;
const SEED = 2026;

if (!available()) {
  console.log("skipped: prometheus-alertmanager and amtool are not installed (apt-get install prometheus-alertmanager)");
  process.exit(0);
}
const sets = randomLabelSets(SETS, SEED);
const [am, { policies, channelToReceiver }] = await Promise.all([startAlertmanager(), importedPolicies()]);
try {
  const started = performance.now();
  const theirs = await alertmanagerVerdicts(am, sets);
  const amMs = performance.now() - started;
  const t0 = performance.now();
  const ours = ourVerdicts(policies, channelToReceiver, sets);
  const oursMs = performance.now() - t0;
  const r = compare(sets, ours, theirs);
  const pct = (n: number) => `${((100 * n) / r.sets).toFixed(2)} %`;
  console.log(`label sets:                      ${r.sets} (seed ${SEED}), ${new Set(theirs.flatMap((v) => v.receivers)).size} receivers reached, ${theirs.filter((v) => v.receivers.length > 1).length} fan-outs, ${theirs.filter((v) => v.inhibited).length} inhibited`);
  console.log(`ordered receivers agree:         ${r.routes}/${r.sets} = ${pct(r.routes)}`);
  console.log(`inhibition agrees:               ${r.inhibition}/${r.sets} = ${pct(r.inhibition)}`);
  console.log(`both agree (target ≥ 99.9 %):    ${r.both}/${r.sets} = ${pct(r.both)}`);
  console.log(`time: Alertmanager POST+GET ${Math.round(amMs)} ms; this engine ${Math.round(oursMs)} ms (${Math.round((SETS / oursMs) * 1000)} sets/s, inhibition included)`);
  for (const d of r.disagreements.slice(0, 5)) console.log(`disagreement: ${JSON.stringify(d)}`);
  if (r.both / r.sets < 0.999) process.exitCode = 1;
} finally {
  await am.stop();
}
