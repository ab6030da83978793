import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { IncidentRecord } from "../incident/record.js";
import { findPatterns, patternsFile } from "./patterns.js";
import { NOW, policies, resolvedP1 } from "./testing.js";

const rules = policies.postmortem.patterns; // 3 in 90d

function incident(id: string, started: string, category: string | null = "deployment", service = "api"): IncidentRecord {
  const base = resolvedP1();
  return resolvedP1({ id, service, rootCause: { category, text: null }, timestamps: { ...base.timestamps, started, resolved: started.replace(/T\d\d/, "T23") } });
}

describe("findPatterns", () => {
  it("makes a category seen 3 times in 90 days recurring", () => {
    const records = [incident("2026-09-05-001", "2026-09-05T10:00:00Z"), incident("2026-10-20-001", "2026-10-20T10:00:00Z", "Deployment", "web"), incident("2026-11-27-001", "2026-11-27T17:00:00Z")];
    expect(findPatterns({ records, postmortems: [] }, NOW, rules)).toEqual([
      { category: "deployment", occurrences: 3, lastSeen: "2026-11-27T17:00:00Z", services: ["api", "web"], incidents: ["2026-09-05-001", "2026-10-20-001", "2026-11-27-001"], avgDurationMinutes: 640 },
    ]);
  });

  it.each([
    ["3 spread over 120 days", ["2026-07-31T10:00:00Z", "2026-10-01T10:00:00Z", "2026-11-27T10:00:00Z"], "deployment"],
    ["only 2 in the window", ["2026-10-01T10:00:00Z", "2026-11-27T10:00:00Z"], "deployment"],
    ["3 without a category", ["2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z", "2026-11-27T10:00:00Z"], null],
  ])("finds nothing for %s", (_name, starts, category) => {
    const records = starts.map((s, i) => incident(`${s.slice(0, 10)}-00${i + 1}`, s, category));
    expect(findPatterns({ records, postmortems: [] }, NOW, rules)).toEqual([]);
  });

  it("counts an incident once, with the category its published post-mortem agreed on", () => {
    const records = [incident("2026-10-01-001", "2026-10-01T10:00:00Z", "capacity"), incident("2026-10-02-001", "2026-10-02T10:00:00Z"), incident("2026-11-27-001", "2026-11-27T10:00:00Z")];
    const postmortems = [{ incident_id: "2026-10-01-001", title: "t", severity: "P1" as const, status: "published" as const, date: "2026-10-01", started: "2026-10-01T10:00:00Z", duration_minutes: 30, services: ["database"], root_cause_category: "deployment", tags: [], detection_method: "alertmanager", customer_impact_score: 3 }];
    expect(findPatterns({ records, postmortems: [] }, NOW, rules)).toEqual([]);
    expect(findPatterns({ records, postmortems }, NOW, rules).map((p) => [p.category, p.occurrences, p.services])).toEqual([["deployment", 3, ["api", "database"]]]);
  });
});

describe("patternsFile", () => {
  it("writes the lessons-learned pattern table", () => {
    const records = ["2026-10-01", "2026-10-15", "2026-11-27"].map((d) => incident(`${d}-001`, `${d}T10:00:00Z`));
    const file = patternsFile({ records, postmortems: [] }, NOW, rules);
    expect(file.path).toBe("postmortems/patterns.yaml");
    expect(file.content.startsWith("# Recurring root causes")).toBe(true);
    expect(parse(file.content)).toEqual({
      updated: NOW,
      window: "90d",
      min_occurrences: 3,
      patterns: [{ category: "deployment", description: "Recurring issue: deployment affecting 1 service", occurrences: 3, last_seen: "2026-11-27T10:00:00Z", avg_duration_minutes: 780, services: ["api"], incidents: ["2026-10-01-001", "2026-10-15-001", "2026-11-27-001"] }],
    });
  });
});
