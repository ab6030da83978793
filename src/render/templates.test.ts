// Every shipped template, rendered from the least an incident can have (no commander, no impact,
// no root cause, an alert with nothing but its name), must never print a label with nothing after
// it: at 3 a.m. "Current Actions:" followed by a blank reads as "the tool is broken".
import { describe, expect, it } from "vitest";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { generatePostmortem } from "../postmortem/generate.js";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import { renderIssueBody } from "./issue-body.js";
import { messageContext, renderMessage } from "./message.js";
import { shippedTemplates } from "./templates.test-helpers.js";

const NOW = "2026-11-27T19:00:00Z";

function minimalRecord(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    schema: 1,
    id: "2026-11-27-001",
    title: "Something is wrong",
    severity: "P2",
    status: "triggered",
    groupKey: "api::",
    service: "api",
    component: "",
    errorType: "",
    type: null,
    commander: null,
    responders: [],
    team: null,
    rotation: null,
    escalationPolicy: null,
    alerts: [{ fingerprint: "f", source: "alert", name: "Something", status: "firing", startsAt: "2026-11-27T17:00:00Z", endsAt: null, receivedAt: "2026-11-27T17:00:00Z", labels: {}, annotations: {}, generatorURL: null }],
    timestamps: { started: "2026-11-27T17:00:00Z", detected: "2026-11-27T17:00:00Z", acknowledged: null, mitigated: null, resolved: null, closed: null },
    impact: { users: null, revenue: null, sla: null, summary: null },
    rootCause: { category: null, text: null },
    actionItems: [],
    links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: null },
    escalation: { stepsFired: 0, lastEscalatedAt: null },
    timeline: [],
    ...over,
  };
}

const resolved = (r: IncidentRecord): IncidentRecord => ({ ...r, status: "resolved", timestamps: { ...r.timestamps, resolved: "2026-11-27T18:00:00Z" } });

/**
 * Places where a value should be and is not: a line ending in a label's colon with nothing on the
 * next line, a table cell with nothing in it (header rows of key/value tables aside), empty
 * brackets, and a label followed by a dash or comma and then nothing.
 */
export function emptyFields(markdown: string): string[] {
  const lines = markdown.split("\n");
  const found: string[] = [];
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const next = lines.slice(i + 1).find(() => true) ?? "";
    if (/\S:\**\s*$/.test(line) && !/^\s*\|/.test(line) && next.trim() === "") found.push(`line ${i + 1}: "${line}" has nothing after it`);
    const isHeader = /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? "");
    if (/^\s*\|/.test(line) && !/^\s*\|[\s:|-]+\|\s*$/.test(line) && !isHeader) {
      const cells = line.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/);
      if (cells.some((c) => c.trim() === "")) found.push(`line ${i + 1}: empty table cell in "${line}"`);
    }
    if (/\(\s*\)|\[\s*\]\(/.test(line)) found.push(`line ${i + 1}: empty brackets in "${line}"`);
    if (/[:,—-]\s*$/.test(line) && /\w\s*[—,]\s*$/.test(line)) found.push(`line ${i + 1}: "${line}" ends in a dangling separator`);
  });
  return found;
}

/** What each shipped template renders: the kind of text it is configured for in the policies. */
function templateKinds(policies: Policies): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  const add = (id: string, kind: string) => kinds.set(id, (kinds.get(id) ?? new Set()).add(kind));
  for (const [event, bySeverity] of Object.entries(policies.communication.templates)) {
    for (const byAudience of Object.values(bySeverity)) for (const id of Object.values(byAudience)) add(id, event === "issue_body" ? "issue_body" : "message");
  }
  add(policies.postmortem.template, "postmortem");
  return kinds;
}

function render(id: string, kind: string, policies: Policies, record: IncidentRecord): string {
  const p = { ...policies, communication: { ...policies.communication, templates: { ...policies.communication.templates, issue_body: { "*": { issue: id } } } } };
  if (kind === "issue_body") return renderIssueBody(record, p, { now: NOW });
  if (kind === "postmortem") return generatePostmortem(resolved(record), { ...policies, postmortem: { ...policies.postmortem, template: id } }, { now: NOW, history: { records: [], postmortems: [] } }).content;
  return renderMessage(id, messageContext(record, policies, { now: NOW }), policies);
}

const policies = shippedPolicies();
const withoutStatusPage: Policies = { ...policies, communication: { ...policies.communication, statusPage: { ...policies.communication.statusPage, url: null } } };
const templates = Object.keys(shippedTemplates());
const kinds = templateKinds(policies);

describe("every shipped template with minimal data", () => {
  it("is used by the policies (so the cases below cover it)", () => {
    expect(templates.filter((id) => !kinds.has(id))).toEqual([]);
  });

  it.each(templates.flatMap((id) => [...(kinds.get(id) ?? [])].map((kind) => [id, kind] as const)))("%s (%s) leaves no field empty", (id, kind) => {
    for (const p of [policies, withoutStatusPage]) {
      for (const record of [minimalRecord(), resolved(minimalRecord()), minimalRecord({ severity: "P0" })]) {
        const text = render(id, kind, p, record);
        expect(emptyFields(text), text).toEqual([]);
      }
    }
  });

  it("catches the empty fields it is meant to catch", () => {
    expect(emptyFields("Current Actions:\n\nNext Update: ")).toHaveLength(2);
    expect(emptyFields("| Commander |  |\n| Started | x |")).toHaveLength(1);
    expect(emptyFields("| | |\n|---|---|\n| a | b |")).toEqual([]);
    expect(emptyFields("since ()")).toHaveLength(1);
    expect(emptyFields("Progress:\nall good")).toEqual([]);
    expect(emptyFields("SLA breach: no —")).toHaveLength(1);
  });
});
