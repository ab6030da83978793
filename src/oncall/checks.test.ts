// Cross-checks over the shipped policies with one thing broken at a time.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPolicyFiles } from "../config/read.js";
import { compileOncall } from "./testing.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const { files } = await readPolicyFiles(repoRoot);
const ROT = "policies/oncall/rotations.yaml";
const ESC = "policies/escalation.yaml";

function issuesAfter(file: string, from: string, to: string): { level: string; line: number; message: string }[] {
  const text = files[file] ?? "";
  if (!text.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return compileOncall({ ...files, [file]: text.replace(from, to) })
    .issues.filter((i) => i.file === file)
    .map((i) => ({ level: i.level, line: i.line, message: i.message }));
}

describe("on-call cross-checks", () => {
  it("reports a coverage gap as a weekly pattern", () => {
    const restricted = `        handoff: { day: monday, time: "09:00" }
    overrides:`;
    expect(issuesAfter(ROT, restricted, `        handoff: { day: monday, time: "09:00" }
        restrictions: "Mon-Sat, Sun 09:00-24:00"
    overrides:`)).toEqual([
      { level: "error", line: 9, message: "rotation api-oncall has nobody on call Sundays 00:00–09:00 America/Los_Angeles; cover it with another layer or set allow_gaps: true if that is intended" },
    ]);
  });

  it("warns about overlapping overrides and says which wins", () => {
    const extra = `        reason: Bob is away for the Independence Day weekend
      - start: "2026-07-04T00:00:00-07:00"
        end: "2026-07-05T00:00:00-07:00"
        member: alice-example`;
    expect(issuesAfter(ROT, "        reason: Bob is away for the Independence Day weekend", extra)).toEqual([
      { level: "warning", line: 28, message: "rotation api-oncall: overrides #1 (frank-example) and #2 (alice-example) overlap as primary; the later one, #2, wins from 2026-07-04T00:00:00-07:00 to 2026-07-05T00:00:00-07:00" },
    ]);
  });

  it.each([
    ["a step paging an unknown rotation", "targets: [{ rotation: routed, role: secondary }, commander]", "targets: [{ rotation: api-primary, role: secondary }, commander]",
      [{ level: "error", line: 67, message: "escalation policy p2-medium step 2 can never page this target: unknown rotation `api-primary` — did you mean `api-oncall`? (defined: api-oncall, web-oncall, database-oncall, auth-oncall, incident-commanders)" }]],
    ["a policy no severity uses", "  P3: p3-low", "  P3: p2-medium",
      [
        { level: "warning", line: 37, message: "severities.yaml says P3 escalates on the next business day, but escalation policy p2-medium does not (its second step is when it escalates)" },
        { level: "warning", line: 72, message: "escalation policy p3-low is unreachable: no severity in by_severity and no route uses it" },
      ]],
    ["timing that disagrees with severities.yaml", "      - after: 30m", "      - after: 45m",
      [{ level: "warning", line: 35, message: "severities.yaml says P1 escalates after 30m, but escalation policy p1-high does not (its second step is when it escalates)" }]],
  ])("reports %s", (_what, from, to, expected) => {
    expect(issuesAfter(ESC, from, to)).toEqual(expected);
  });
});
