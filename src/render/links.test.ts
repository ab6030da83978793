import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import { alertmanagerSilenceUrl, incidentLinks, linksLine } from "./links.js";
import { fixtureAlert, fixtureRecord } from "./fixtures.js";
import { renderIssueBody } from "./issue-body.js";
import { HOSTILE, expectInert } from "./templates.test-helpers.js";

const base = shippedPolicies();
const policies = {
  ...base,
  services: { ...base.services, api: { ...base.services["api"]!, dashboardUrl: "https://grafana.example.com/d/api", runbookUrl: null } },
  communication: { ...base.communication, alertmanagerUrl: "https://alertmanager.example.com/" },
};

describe("the links row", () => {
  it("links runbooks, dashboards, a silence and the status page, from annotations and policy", () => {
    const record = fixtureRecord({ alerts: [fixtureAlert({ annotations: { summary: "x", runbook_url: "https://wiki.example.com/rb/5xx", dashboard_url: "https://grafana.example.com/d/gw" } })] });
    const links = incidentLinks(record, policies);
    expect(links.map((l) => [l.kind, l.label])).toEqual([
      ["runbook", "Runbook"],
      ["runbook", "Traffic Management"],
      ["dashboard", "Dashboard"],
      ["dashboard", "Dashboard: API"],
      ["silence", "Silence"],
      ["status-page", "Status page"],
    ]);
    const body = renderIssueBody(record, policies, { now: "2026-11-27T18:30:00Z" });
    expect(body.split("\n")[2]).toBe("");
    expect(body.split("\n")[3]).toMatch(/^\*\*Links:\*\* \[Runbook\]\(<https:\/\/wiki\.example\.com\/rb\/5xx>\) · /);
  });

  it("builds Alertmanager's silence form for the alert's labels", () => {
    const url = alertmanagerSilenceUrl("https://am.example.com/", fixtureAlert({ labels: { service: "api", note: 'say "hi"' } }));
    expect(url).toBe(`https://am.example.com/#/silences/new?filter=${encodeURIComponent('{alertname="HighErrorRate",note="say \\"hi\\"",service="api"}')}`);
  });

  it("keeps hostile annotations inert: no javascript:, no markdown breakout, no cross-reference", () => {
    const record = fixtureRecord({
      alerts: [
        fixtureAlert({ name: HOSTILE, annotations: { runbook_url: "javascript:alert(1)", dashboard_url: "https://x.example.com/a)](<evil>) @admin", silence_url: "https://github.com/o/r/issues/12" } }),
      ],
    });
    const line = linksLine(incidentLinks(record, policies)).val;
    expect(line).not.toContain("javascript:");
    expect(line).not.toMatch(/\]\(<evil>\)|issues\/12>/);
    expectInert(renderIssueBody(record, policies, { now: "2026-11-27T18:30:00Z" }));
  });
});
