// Benchmark: whoIsOnCall for 20 rotations × one year × 15-minute steps (700,800 answers).
// Target ≤ 200 ms. Run: npx esbuild bench/oncall.ts --bundle --platform=node --format=esm
//   --outfile=node_modules/.cache/bench-oncall.mjs && npx node node_modules/.cache/bench-oncall.mjs
import type { Rotation } from "../src/config/types.js";
import { whoIsOnCall } from "../src/oncall/rotation.js";
import { parseWindows } from "../src/oncall/windows.js";

const DAY = 86_400_000;
const ZONES = ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"];
const source = { file: "bench", line: 1, column: 1 };

function rotationNo(i: number): Rotation {
  const zone = ZONES[i % ZONES.length] ?? "UTC";
  const members = Array.from({ length: 3 + (i % 4) }, (_, k) => `person-${i}-${k}`);
  const business = parseWindows("Mon-Fri 09:00-17:00", zone);
  return {
    id: `rotation-${i}`,
    name: `Rotation ${i}`,
    timeZone: zone,
    effectiveFrom: "2026-01-05T09:00:00Z",
    layers: [
      ...(i % 2 === 0 && business.ok ? [{ name: "business", members: members.slice(0, 2), shift: DAY, handoff: { weekday: null, time: "09:00" }, restrictions: business.windows, anchor: null }] : []),
      { name: "weekly", members, shift: 7 * DAY, handoff: { weekday: 1, time: "09:00" }, restrictions: [], anchor: null },
    ],
    members: Object.fromEntries(members.map((m) => [m, { expertise: [], senior: false, availability: [] }])),
    history: [],
    overrides: Array.from({ length: 10 }, (_, k) => ({
      start: new Date(Date.UTC(2026, k, 10)).toISOString(),
      end: new Date(Date.UTC(2026, k, 12)).toISOString(),
      member: members[k % members.length] ?? "",
      replaces: null,
      role: "primary" as const,
      source,
    })),
    allowGaps: false,
    source,
  };
}

const rotations = Array.from({ length: 20 }, (_, i) => rotationNo(i));
const from = Date.UTC(2026, 0, 5, 9);
const steps = (365 * DAY) / (15 * 60_000);
// The scan of one rotation is a function rather than a loop at module level: V8 compiles
// top-level code for on-stack replacement and drops that code each time an inner loop exits, so
// the harness itself would run unoptimised at the start of every rotation.
function scan(r: Rotation): number {
  let covered = 0;
  for (let s = 0; s < steps; s++) if (whoIsOnCall(r, from + s * 15 * 60_000).primary !== null) covered++;
  return covered;
}
const cpu = process.cpuUsage();
const started = performance.now();
let covered = 0;
for (const r of rotations) covered += scan(r);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
console.log(
  `oncall: ${rotations.length} rotations × ${steps} steps = ${rotations.length * steps} whoIsOnCall in ${ms.toFixed(1)} ms ` +
    `(${cpuMs.toFixed(1)} ms CPU; target ≤ 200 ms; ${covered} answered)`,
);
if (ms > 200) process.exitCode = 1;
