import { describe, expect, it } from "vitest";
import { fixtureAlert } from "../render/fixtures.js";
import { openFence } from "../render/limit.js";
import { readMarkers } from "../render/markers.js";
import { expectInert, HOSTILE } from "../render/templates.test-helpers.js";
import { customerImpactScore, slaVerdict, slugify } from "./facts.js";
import { readFrontMatter } from "./front-matter.js";
import { generatePostmortem } from "./generate.js";
import { lintPostmortem } from "./lint.js";
import { EMPTY_HISTORY, fillIn, NOW, policies, resolvedP1 } from "./testing.js";

const generate = (record = resolvedP1()) => generatePostmortem(record, policies, { now: NOW, history: EMPTY_HISTORY });

describe("generatePostmortem", () => {
  it("renders a P1 post-mortem (snapshot, time pinned)", async () => {
    await expect(generate().content).toMatchFileSnapshot("__snapshots__/postmortem.p1.md");
  });

  it("writes postmortems/<id>-<slug>.md with schema-valid front matter", () => {
    const pm = generate();
    expect(pm.path).toBe("postmortems/2026-11-27-001-api-high-error-rate.md");
    expect(readFrontMatter(pm.content, pm.path)).toEqual({ frontMatter: pm.frontMatter, issues: [] });
    expect(pm.frontMatter).toEqual({
      incident_id: "2026-11-27-001",
      title: "API high error rate",
      severity: "P1",
      status: "draft",
      date: "2026-11-27",
      started: "2026-11-27T17:00:00Z",
      resolved: "2026-11-27T18:15:00Z",
      duration_minutes: 75,
      services: ["api"],
      root_cause_category: "deployment",
      tags: ["p1", "api", "gateway", "5xx", "deployment"],
      detection_method: "alertmanager",
      customer_impact_score: 3,
      sla_breached: false,
      commander: "frank-example",
    });
  });

  it("adds both rule action items for a deployment root cause detected after 8 minutes, due from now", () => {
    expect(generate().actionItems).toEqual([
      { title: "Improve deployment testing", owner: "Engineering Lead", due: "2026-12-11", priority: "High", source: "deployment-root-cause", issue: null },
      { title: "Add monitoring for this failure mode", owner: "SRE Team", due: "2026-12-04", priority: "High", source: "slow-detection", issue: null },
    ]);
    expect(generate().content).toContain("| Improve deployment testing | Engineering Lead | 2026-12-11 | High |");
  });

  it("leaves placeholders for what only humans know, which the lint rejects until filled in", () => {
    const pm = generate();
    const todo = lintPostmortem(pm.content, policies).problems.filter((p) => p.message.startsWith("placeholder left"));
    expect(todo.map((p) => pm.content.split("\n")[p.line - 1])).toEqual([
      expect.stringContaining("_TODO: in two or three sentences"),
      expect.stringContaining("_TODO: estimated revenue impact"),
      expect.stringContaining("_TODO: what made it worse"),
      expect.stringContaining("_TODO: what the team should keep doing"),
      expect.stringContaining("_TODO: what the team should change"),
    ]);
    expect(lintPostmortem(fillIn(pm.content), policies).problems).toEqual([]);
  });

  it("orders the timeline by time, alert episodes included, in the policy's zone", () => {
    const rows = generate().content.split("\n").filter((l) => /^\| 2026-11-27 \d\d:\d\d PST/.test(l));
    expect(rows.map((r) => r.split(" | ").slice(0, 3).join(" | "))).toEqual([
      "| 2026-11-27 09:00 PST | alertmanager | alert",
      "| 2026-11-27 09:08 PST | incident-as-code | opened",
      "| 2026-11-27 09:11 PST | incident-as-code | escalation",
      "| 2026-11-27 09:12 PST | @\u200Bfrank-example | status",
      "| 2026-11-27 09:40 PST | @\u200Bfrank-example | note",
      "| 2026-11-27 10:10 PST | alertmanager | alert",
      "| 2026-11-27 10:15 PST | @\u200Bfrank-example | status",
    ]);
  });

  it("keeps alert text with markdown, mentions, markers and fences inert in the timeline", () => {
    const record = resolvedP1({
      title: HOSTILE,
      alerts: [fixtureAlert({ name: HOSTILE, annotations: { summary: `${HOSTILE}\n\`\`\`\n@everyone\n\`\`\`` } })],
      timeline: [{ at: "2026-11-27T17:30:00Z", actor: "frank-example", kind: "note", text: `_TODO: ${HOSTILE} {% raw %}` }],
      impact: { users: HOSTILE, revenue: HOSTILE, sla: HOSTILE, summary: HOSTILE },
      rootCause: { category: HOSTILE, text: HOSTILE },
    });
    const pm = generate(record);
    // The front matter is YAML data (GitHub shows it as an escaped table): it keeps the title as
    // written, minus control and bidi characters. The markdown body is what must be inert.
    const body = pm.content.slice(pm.content.indexOf("\n---\n") + 5);
    expect(pm.frontMatter.title).toBe(HOSTILE.replace(/[\u202E\0]/g, "").replace("<!--", "<\u200B!--"));
    expectInert(body);
    expect(body).not.toMatch(/@everyone/);
    expect(openFence(pm.content)).toBeNull();
    expect(readMarkers(pm.content)).toEqual([]);
    expect(readFrontMatter(pm.content, pm.path).issues).toEqual([]);
    // Hostile text is neither a placeholder nor left-over template syntax to the lint.
    expect(lintPostmortem(fillIn(pm.content), policies).problems).toEqual([]);
  });

  it("says so when the root cause is a recurring pattern", () => {
    const earlier = (id: string, started: string) => resolvedP1({ id, timestamps: { ...resolvedP1().timestamps, started } });
    const history = { records: [earlier("2026-10-01-001", "2026-10-01T10:00:00Z"), earlier("2026-11-02-001", "2026-11-02T10:00:00Z")], postmortems: [] };
    const pm = generatePostmortem(resolvedP1(), policies, { now: NOW, history });
    expect(pm.pattern?.incidents).toEqual(["2026-10-01-001", "2026-11-02-001", "2026-11-27-001"]);
    expect(pm.content).toContain("> **Recurring pattern:** Recurring issue: deployment affecting 1 service — 3 incidents in 90d");
    expect(generate().pattern).toBeNull();
  });
});

describe("slugify", () => {
  it.each([
    ["API high error rate", "api-high-error-rate"],
    ["Zürich façade: naïve café ☕ outage", "zurich-facade-naive-cafe-outage"],
    ["Payment processing completely failed for every region at once", "payment-processing-completely-failed-for"],
    ["@admin **bold** ../../etc/passwd", "admin-bold-etc-passwd"],
    ["数据库宕机", "incident"],
    ["x".repeat(60), "x".repeat(40)],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(slugify(title).length).toBeLessThanOrEqual(40);
  });
});

describe("customer-impact score", () => {
  it.each([
    ["P0", "2026-11-27T18:00:00Z", 4],
    ["P0", "2026-11-27T20:00:00Z", 5], // over the 2h resolution target
    ["P1", "2026-11-27T18:15:00Z", 3],
    ["P1", "2026-11-27T21:30:00Z", 4], // over 4h
    ["P2", "2026-11-27T18:15:00Z", 2],
    ["P3", "2026-11-27T18:15:00Z", 1],
  ] as const)("%s resolved at %s → %i", (severity, resolved, score) => {
    const record = resolvedP1({ severity, timestamps: { ...resolvedP1().timestamps, resolved } });
    expect(customerImpactScore(record, slaVerdict(record, policies, NOW))).toBe(score);
  });
});
