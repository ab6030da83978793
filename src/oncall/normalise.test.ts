// Bad input the on-call files must survive: each gives a clear error at the right line.
import { describe, expect, it } from "vitest";
import { normaliseRotations } from "./normalise-rotations.js";
import { normaliseCommanders, normaliseEscalation } from "./normalise-escalation.js";
import { collector, docOf } from "./testing.js";
import { parseWindows } from "./windows.js";

const FILE = "policies/oncall/rotations.yaml";

function rotationsYaml(body: string): string {
  return `rotations:
  api-oncall:
    time_zone: America/Los_Angeles
    effective_from: "2026-01-05T09:00:00-08:00"
${body}`;
}
const layer = (extra = "", members = "[alice-example, bob-example]", shift = "1w"): string =>
  `    layers:\n      - name: weekly\n        members: ${members}\n        shift: ${shift}\n        handoff: { day: monday, time: "09:00" }\n${extra}`;

function errors(text: string): { line: number; message: string }[] {
  const { report, issues } = collector();
  normaliseRotations(docOf(FILE, text), report);
  return issues.map((i) => ({ line: i.line, message: i.message }));
}

describe("rotations.yaml bad input", () => {
  it.each([
    ["override that ends before it starts", rotationsYaml(layer(`    overrides:\n      - start: "2026-02-02T09:00:00-08:00"\n        end: "2026-02-01T09:00:00-08:00"\n        member: bob-example\n`)),
      [{ line: 12, message: "override for bob-example ends (2026-02-01T09:00:00-08:00) before it starts (2026-02-02T09:00:00-08:00): swap start and end" }]],
    ["layer with no members", rotationsYaml(layer("", "[]")),
      [{ line: 7, message: 'rotation `api-oncall` layer "weekly" has no members: list at least one GitHub login' }]],
    ["zero shift length", rotationsYaml(layer("", undefined, "0h")),
      [{ line: 8, message: 'rotation `api-oncall` layer "weekly": shift length must be more than zero (e.g. 1d, 1w, 12h)' }]],
    ["time zone that does not exist", rotationsYaml(layer()).replace("America/Los_Angeles", "Mars/Olympus_Mons"),
      [{ line: 3, message: 'rotation `api-oncall`: "Mars/Olympus_Mons" is not an IANA time zone; use a name like America/Los_Angeles, Europe/Berlin or UTC' }]],
    ["override member not in the rotation", rotationsYaml(layer(`    overrides:\n      - start: "2026-02-01T09:00:00-08:00"\n        end: "2026-02-02T09:00:00-08:00"\n        member: mallory-example\n`)),
      [{ line: 13, message: "override member `mallory-example` is not a member of rotation `api-oncall` (members: alice-example, bob-example); add them under members first" }]],
    ["availability in another zone", rotationsYaml(`    members:\n      alice-example: { availability: "Mon-Wed 09:00-17:00 EST" }\n${layer()}`),
      [{ line: 6, message: '"Mon-Wed 09:00-17:00 EST" is written in EST but the rotation\'s time zone is America/Los_Angeles: write times in America/Los_Angeles' }]],
    ["unreadable availability", rotationsYaml(`    members:\n      alice-example: { availability: "sometimes" }\n${layer()}`),
      [{ line: 6, message: 'cannot read "sometimes": write e.g. "Mon-Wed 09:00-17:00", "Weekends", "Weekdays", "After-hours", "Business hours" or "Daily 22:00-06:00", comma-separated' }]],
  ])("%s", (_what, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });

  it("reads a handoff at 02:30 (skipped on the March DST day) without complaint", () => {
    expect(errors(rotationsYaml(layer().replace('day: monday, time: "09:00"', 'time: "02:30"').replace("shift: 1w", "shift: 1d")))).toEqual([]);
  });
});

describe("availability strings", () => {
  const LA = "America/Los_Angeles";
  it.each([
    ["Mon-Wed 09:00-17:00 PST", [{ days: [1, 2, 3], start: "09:00", end: "17:00" }]],
    ["Thu-Fri 09:00-17:00 PST", [{ days: [4, 5], start: "09:00", end: "17:00" }]],
    ["Weekends, After-hours", [
      { days: [6, 7], start: "00:00", end: "24:00" },
      { days: [1, 2, 3, 4, 5], start: "00:00", end: "09:00" },
      { days: [1, 2, 3, 4, 5], start: "17:00", end: "24:00" },
    ]],
    ["Daily 22:00-06:00", [
      { days: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "24:00" },
      { days: [2, 3, 4, 5, 6, 7, 1], start: "00:00", end: "06:00" },
    ]],
    ["Sat-Mon", [{ days: [6, 7, 1], start: "00:00", end: "24:00" }]],
  ])("%s", (text, windows) => {
    expect(parseWindows(text, LA)).toEqual({ ok: true, windows });
  });
});

describe("escalation.yaml and commanders.yaml bad input", () => {
  it("reports an unknown policy for a severity, a bad zone and a repeat without repeat_after", () => {
    const text = `calendar:
  time_zone: Pacific/Nowhere
  business_days: [monday]
  hours: { start: "09:00", end: "17:00" }
by_severity: { P0: a, P1: a, P2: a, P3: b }
policies:
  a:
    steps:
      - after: immediate
        targets: [commander]
    repeat: 2
`;
    const { report, issues } = collector();
    normaliseEscalation(docOf("policies/escalation.yaml", text), report);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [11, "escalation policy `a` repeats, so it needs repeat_after: how long after the last step to start again (e.g. 30m)"],
      [5, "P3: no escalation policy `b` (defined: a)"],
      [2, '"Pacific/Nowhere" is not an IANA time zone; use a name like America/Los_Angeles'],
    ]);
  });

  it("reports rules after a catch-all as unreachable", () => {
    const text = "rotation: incident-commanders\nsecurity_lead_team: security\nrules:\n  - assign: primary-on-call\n  - if: { severity: P0 }\n    assign: senior-engineer-on-call\n";
    const { report, issues } = collector();
    normaliseCommanders(docOf("policies/oncall/commanders.yaml", text), report);
    expect(issues.map((i) => [i.line, i.message])).toEqual([[5, "rule 2 is unreachable: rule 1 has no `if` and matches every incident"]]);
  });
});
