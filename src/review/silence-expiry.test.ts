import { describe, expect, it } from "vitest";
import { compilePolicies } from "../config/index.js";
import type { Policies } from "../config/types.js";
import { policyFiles, testOnCall } from "../../test/engine/fixtures.js";
import { replayRecords } from "../../test/replay/fixture.js";
import { CLEANUP_BRANCH, cleanupEffects, silenceCleanup, silenceExpiryNotices, silenceNoticeOutcome } from "./silence-expiry.js";

const silence = (id: string, ends: string, matchers = '{__service="database"}') => ({
  [`policies/silences/${id}.yaml`]: `matchers: '${matchers}'\nstarts: 2026-03-01T00:00:00Z\nends: ${ends}\nowner: dana-example\nreason: ${id} @everyone <!-- x -->\n`,
});
function policies(extra: Record<string, string>): Policies {
  const r = compilePolicies({ ...policyFiles(), ...extra });
  if (!r.policies) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.policies;
}
const p = policies({ ...silence("drill", "2026-03-02T12:00:00Z"), ...silence("upgrade", "2026-03-05T00:00:00Z", '{alertname="DiskSpaceCritical"}') });
const NOON = Date.parse("2026-03-02T12:00:00Z");

describe("silenceCleanup", () => {
  it("deletes exactly the expired silence files, from one branch", () => {
    expect(silenceCleanup(p, NOON - 1)).toBeNull();
    const c = silenceCleanup(p, NOON);
    expect(c).toMatchObject({ branch: CLEANUP_BRANCH, title: "Remove 1 expired silence(s)", deletions: ["policies/silences/drill.yaml"] });
    expect(silenceCleanup(p, Date.parse("2026-03-06T00:00:00Z"))?.deletions).toEqual(["policies/silences/drill.yaml", "policies/silences/upgrade.yaml"]);
    // Policy text is still escaped: no mention, no marker.
    expect(c?.body).not.toMatch(/(^|[^\u200B])@everyone/);
    expect(c?.body).not.toContain("<!--");
    // A regex alternation stays inside its table cell.
    const alt = silenceCleanup(policies(silence("alt", "2026-03-02T12:00:00Z", '{alertname=~"DiskFull|DiskSpaceCritical"}')), NOON);
    expect(alt?.body).toContain('| `{alertname=~"DiskFull\\|DiskSpaceCritical"}` |');
  });

  it("opens the pull request, updates the open one, and does not propose again what people declined", () => {
    const c = silenceCleanup(p, Date.parse("2026-03-06T00:00:00Z"));
    if (!c) throw new Error("expected a cleanup");
    const opened = cleanupEffects(c, { base: "main", openPr: null, declined: [] });
    expect(opened.effects).toEqual([
      { kind: "branch.commit", branch: CLEANUP_BRANCH, base: "main", deletions: ["policies/silences/drill.yaml", "policies/silences/upgrade.yaml"], message: "Remove expired silences: drill, upgrade", reason: "delete 2 expired silence(s) on incident-as-code/expired-silences" },
      { kind: "pr.upsert", branch: CLEANUP_BRANCH, base: "main", title: "Remove 2 expired silence(s)", body: c.body, reason: "open the pull request that removes 2 expired silence(s)" },
    ]);
    expect(cleanupEffects(c, { base: "main", openPr: 7, declined: [] }).effects.map((e) => e.reason)).toEqual(["delete 2 expired silence(s) on incident-as-code/expired-silences", "update #7, which removes 2 expired silence(s)"]);
    // A pull request that removed both was closed without merging: nothing new to propose.
    const declined = cleanupEffects(c, { base: "main", openPr: null, declined: c.deletions });
    expect(declined.effects).toEqual([]);
    expect(declined.reason).toMatch(/closed without merging; not proposed again$/);
    // One more silence expired since: a new pull request, with all of them.
    expect(cleanupEffects(c, { base: "main", openPr: null, declined: ["policies/silences/drill.yaml"] }).effects.map((e) => e.kind)).toEqual(["branch.commit", "pr.upsert"]);
  });
});

describe("silenceExpiryNotices", () => {
  const open = replayRecords().filter((r) => r.service === "database").map((r) => ({ ...r, status: "investigating" as const, timestamps: { ...r.timestamps, resolved: null } }));

  it("comments on each open incident an ended silence covered, once", () => {
    const notices = silenceExpiryNotices(p, open, NOON);
    expect(notices.map((n) => [n.incidentId, n.key])).toEqual(open.map((r) => [r.id, `silence-expired-silence-drill-${NOON}`]));
    expect(notices[0]?.body).toMatch(/^The silence \*\*drill\*\* \(owner dana-example: drill @\u200Beveryone &lt;\\!-- x --&gt;\), which covered alerts of this incident, ended at 2026-03-02T12:00:00\.000Z\./);
    // Once the record's timeline holds the notice, it is not sent again.
    const noticed = open.map((r) => ({ ...r, timeline: [...r.timeline, { at: "2026-03-02T12:01:00Z", actor: "incident-as-code", kind: "note" as const, text: notices[0]?.timeline ?? "" }] }));
    expect(silenceExpiryNotices(p, noticed, NOON)).toEqual([]);
  });

  it("leaves out resolved incidents, incidents opened after the end, and those it did not match", () => {
    expect(silenceExpiryNotices(p, replayRecords(), NOON)).toEqual([]); // all resolved
    const late = open.map((r) => ({ ...r, timestamps: { ...r.timestamps, detected: "2026-03-03T00:00:00.000Z" } }));
    expect(silenceExpiryNotices(p, late, NOON)).toEqual([]);
    const later = silenceExpiryNotices(p, open, Date.parse("2026-03-05T00:00:00Z"));
    expect(later.filter((n) => n.key.includes("upgrade")).map((n) => n.incidentId)).toEqual(["2026-02-26-001"]);
  });

  it("treats a maintenance window that silenced its service the same way", () => {
    const m = policies({ "policies/maintenance.yaml": "maintenance:\n  - id: db-move\n    title: Database move\n    services: [database]\n    starts: 2026-03-01T00:00:00Z\n    ends: 2026-03-02T06:00:00Z\n" });
    expect(silenceExpiryNotices(m, open, NOON).map((n) => n.body.slice(0, 61))).toEqual(open.map(() => "The maintenance window **db-move** (Database move), which cov"));
  });

  it("notes the notice in the timeline and comments once, re-rendering the issue from the record", () => {
    const record = open[0]!;
    const notices = silenceExpiryNotices(p, [record], NOON);
    const out = silenceNoticeOutcome(record, notices, { policies: p, onCall: testOnCall(p), now: "2026-03-02T12:05:00.000Z" });
    expect(out.record?.timeline.at(-1)).toEqual({ at: "2026-03-02T12:05:00.000Z", actor: "incident-as-code", kind: "note", text: "silence drill ended at 2026-03-02T12:00:00.000Z: its alerts page again" });
    expect(out.effects.map((e) => e.kind).slice(0, 3)).toEqual(["record.write", "issue.update", "issue.comment"]);
    const update = out.effects[1];
    expect(update?.kind === "issue.update" && update.issue === record.links.issue && update.body?.includes("silence drill ended at 2026-03-02T12:00:00.000Z")).toBe(true);
    expect(out.effects[2]).toMatchObject({ kind: "issue.comment", issue: record.links.issue, key: notices[0]?.key, body: notices[0]?.body });
    // The noted record needs no second notice.
    expect(silenceExpiryNotices(p, [out.record!], NOON)).toEqual([]);
  });
});
