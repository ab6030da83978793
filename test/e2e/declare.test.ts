// Declaring an incident by hand: the workflow_dispatch form, and an issue opened from the form.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { World } from "./harness.js";
import { worldPerTest } from "./per-test.js";
import { webhookExample } from "./webhook-examples.js";

let w: World;
worldPerTest((fresh) => {
  w = fresh;
});

describe("manual declaration", () => {
  it("opens an incident from workflow_dispatch inputs", async () => {
    const event = { ...webhookExample("workflow_dispatch"), inputs: { title: "Checkout is failing for EU users", severity: "P1", service: "web", summary: "Since 09:40, 30% of EU checkouts fail." } };
    const run = await w.act("workflow_dispatch", event);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("opened");
    const issue = w.gh.state.issues[0]!;
    expect(issue.title).toBe("[P1] Checkout is failing for EU users");
    expect(issue.labels).toEqual(expect.arrayContaining(["severity:P1", "service:web"]));
    const record = parse(Object.values(w.remoteFiles())[0]!) as { severity: string; service: string };
    expect(record).toMatchObject({ severity: "P1", service: "web" });
  });

  it("adopts an issue opened from the incident form instead of opening another", async () => {
    const seeded = w.gh.seed.issue({ title: "[Incident] Login broken", body: "### Severity\n\nP0\n\n### Service\n\nauth\n\n### Summary\n\nNobody can log in.", labels: ["incident:declared"], user: "bob-example" });
    const example = webhookExample("issues", "opened");
    const event = { ...example, issue: { ...(example.issue as object), number: seeded.number, title: seeded.title, body: seeded.body, labels: [{ name: "incident:declared" }], user: { login: "bob-example" } } };
    const run = await w.act("issues", event);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
    const issue = w.gh.state.issues[0]!;
    expect(issue.labels).toEqual(expect.arrayContaining(["incident:declared", "severity:P0", "service:auth", "status:triggered"]));
    expect(issue.body).toContain("<!-- incident-as-code:incident");
    expect(issue.assignees.length).toBeGreaterThan(0);
    const record = parse(Object.values(w.remoteFiles())[0]!) as { severity: string; links: { issue: number } };
    expect(record).toMatchObject({ severity: "P0", links: { issue: seeded.number } });
  });

  it("refuses a declaration with a severity that does not exist, and keeps it", async () => {
    const run = await w.act("workflow_dispatch", { ...webhookExample("workflow_dispatch"), inputs: { title: "x", severity: "P9", service: "web" } });
    expect(run.code).not.toBe(0);
    expect(run.summary).toContain("severity must be one of P0, P1, P2, P3");
  });
});
