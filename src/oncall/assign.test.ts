// Commander assignment and escalation timing over the shipped policies.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPolicyFiles } from "../config/read.js";
import type { Policies, Severity } from "../config/types.js";
import { assignCommander } from "./commander.js";
import { escalationDue } from "./escalation.js";
import { compileOncall } from "./testing.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const compiled = compileOncall((await readPolicyFiles(repoRoot)).files);
if (!compiled.policies) throw new Error(compiled.issues.map((i) => i.message).join("\n"));
const p: Policies = compiled.policies;

describe("assignCommander", () => {
  it.each([
    ["P2 Monday 10:00", { severity: "P2", type: null, service: "api" }, "2026-03-02T10:00:00-08:00", "alice-example",
      "rule 3 (otherwise): primary on call in incident-commanders"],
    ["security incident", { severity: "P2", type: "security", service: "auth" }, "2026-03-05T10:00:00-08:00", "erin-example",
      "rule 1 (type is security): security lead (lead of team security)"],
    ["P0 on api, Thursday: the senior on call whose expertise fits", { severity: "P0", type: null, service: "api" }, "2026-03-05T10:00:00-08:00", "frank-example",
      "rule 2 (severity is P0): senior engineer on call (primary in api-oncall); expertise broke a 2-way tie (backend, api)"],
    ["P0 on database, equal expertise: scheduled order", { severity: "P0", type: null, service: "database" }, "2026-03-05T10:00:00-08:00", "dana-example",
      "rule 2 (severity is P0): senior engineer on call (primary in database-oncall); expertise broke a 2-way tie (database, infrastructure)"],
    ["P0 with no service, Saturday", { severity: "P0", type: null, service: null }, "2026-03-07T10:00:00-08:00", "charlie-example",
      "rule 2 (severity is P0): senior engineer on call (primary in incident-commanders)"],
  ] as const)("%s", (_what, incident, at, login, reason) => {
    expect(assignCommander({ ...incident }, p, at)).toEqual({ login, reason });
  });

  it("falls through when the security team has no lead", () => {
    const noLead = { ...p, teams: { ...p.teams, security: { ...p.teams.security!, lead: null } } };
    expect(assignCommander({ severity: "P2", type: "security", service: null }, noLead, "2026-03-02T10:00:00-08:00")).toEqual({
      login: "alice-example",
      reason: "rule 1 (type is security) matched but team security has no lead; rule 3 (otherwise): primary on call in incident-commanders",
    });
  });
});

describe("escalationDue", () => {
  const due = (severity: Severity, triggeredAt: string, fired: number, now: string, acknowledgedAt: string | null = null) => {
    const r = escalationDue(
      { severity, triggeredAt, acknowledgedAt, escalationsFired: fired, rotation: "api-oncall", commander: "alice-example" },
      p.escalation.policies[p.escalation.bySeverity[severity]]!,
      p.escalation.calendar,
      now,
      p,
    );
    return { due: r.due.map((d) => [d.index, d.step, d.deadline]), nextDeadline: r.nextDeadline };
  };
  const T = "2026-03-02T18:00:00Z"; // Monday 10:00 PST

  it.each([
    ["P0 pages at once", "P0", T, 0, T, [[0, 0, T]], "2026-03-02T18:15:00Z"],
    ["P1 waits 30 minutes", "P1", T, 1, "2026-03-02T18:10:00Z", [], "2026-03-02T18:30:00Z"],
    ["P1 escalates at 30 minutes, then repeats", "P1", T, 1, "2026-03-02T18:31:00Z", [[1, 1, "2026-03-02T18:30:00Z"]], "2026-03-02T19:00:00Z"],
    ["P1 overdue steps all come due in order", "P1", T, 0, "2026-03-02T19:00:00Z", [[0, 0, T], [1, 1, "2026-03-02T18:30:00Z"], [2, 0, "2026-03-02T19:00:00Z"]], "2026-03-02T19:30:00Z"],
    ["P2 escalates at 2 hours, fallback 4 hours later", "P2", T, 1, "2026-03-02T20:00:00Z", [[1, 1, "2026-03-02T20:00:00Z"]], "2026-03-03T00:00:00Z"],
    ["P3 on Friday afternoon: Monday 09:00, after the DST change", "P3", "2026-03-06T23:00:00Z", 1, "2026-03-07T12:00:00Z", [], "2026-03-09T16:00:00Z"],
    ["P3 before a holiday Friday: the Monday after", "P3", "2026-07-02T22:00:00Z", 1, "2026-07-03T12:00:00Z", [], "2026-07-06T16:00:00Z"],
    ["P3 on Christmas Eve", "P3", "2026-12-24T23:00:00Z", 1, "2026-12-25T12:00:00Z", [], "2026-12-28T17:00:00Z"],
    ["acknowledged: nothing more", "P1", T, 1, "2026-03-02T19:00:00Z", [], null],
  ] as const)("%s", (_what, severity, triggered, fired, now, expected, next) => {
    const acked = _what.startsWith("acknowledged") ? "2026-03-02T18:05:00Z" : null;
    expect(due(severity, triggered, fired, now, acked)).toEqual({ due: expected, nextDeadline: next });
  });

  it("resolves each due step's targets at now", () => {
    const r = escalationDue(
      { severity: "P0", triggeredAt: T, acknowledgedAt: null, escalationsFired: 0, rotation: "api-oncall", commander: "alice-example" },
      p.escalation.policies["p0-critical"]!, p.escalation.calendar, T, p,
    );
    expect(r.due[0]?.targets.map((t) => [t.logins, t.reason])).toEqual([
      [["frank-example", "alice-example"], "all on call in api-oncall"],
      [["alice-example"], "the incident commander"],
      [["heidi-example"], "lead of team engineering"],
    ]);
  });
});
