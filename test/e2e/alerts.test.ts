// Alerts become incident issues and records, end to end: dist/index.js, the emulator, a bare remote.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { dispatchEvent, example, type World } from "./harness.js";
import { worldPerTest } from "./per-test.js";

let w: World;
worldPerTest((fresh) => {
  w = fresh;
});

const writes = (gh: World["gh"]) => gh.requests.filter((r) => r.method !== "GET").length;

describe("an alert dispatch", () => {
  it("opens one issue and one record", async () => {
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("high-error-rate.json")));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("opened");
    const issues = w.gh.state.issues;
    expect(issues).toHaveLength(1);
    const issue = issues[0]!;
    expect(issue.title).toMatch(/^\[P1\] /);
    expect(issue.labels).toEqual(expect.arrayContaining(["incident", "severity:P1", "status:triggered", "service:api"]));
    expect(issue.assignees.length).toBeGreaterThan(0);
    expect(issue.body).toContain("<!-- incident-as-code:incident");
    expect(w.gh.count({ method: "POST", route: "/repos/{owner}/{repo}/issues" })).toBe(1);
    const files = w.remoteFiles();
    expect(Object.keys(files)).toHaveLength(1);
    const record = parse(Object.values(files)[0]!) as { id: string; severity: string; links: { issue: number }; alerts: unknown[] };
    expect(record).toMatchObject({ severity: "P1", links: { issue: issue.number } });
    expect(record.alerts).toHaveLength(2);
    expect(run.outputs["incident-ids"]).toBe(record.id);
  });

  it("changes nothing when the same dispatch arrives twice", async () => {
    const event = dispatchEvent("alertmanager", example("high-error-rate.json"));
    expect((await w.act("repository_dispatch", event)).code).toBe(0);
    const files = w.remoteFiles();
    const commits = w.commits();
    const before = writes(w.gh);
    const again = await w.act("repository_dispatch", event);
    expect(again.code).toBe(0);
    expect(again.outputs.decision).toBe("ignored");
    expect(writes(w.gh)).toBe(before);
    expect(w.commits()).toBe(commits);
    expect(w.remoteFiles()).toEqual(files);
  });
});

describe("resolution", () => {
  it("resolves the incident when its alerts resolve, and says so on the issue", async () => {
    expect((await w.act("repository_dispatch", dispatchEvent("alertmanager", example("high-error-rate.json")))).code).toBe(0);
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("resolved.json")));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("resolved");
    const record = parse(Object.values(w.remoteFiles())[0]!) as { status: string; timestamps: { resolved: string | null }; alerts: { status: string }[] };
    // A P1 needs a post-mortem: the resolve opens its PR, so the record has moved on to review.
    expect(record.status).toBe("postmortem-review");
    expect(record.timestamps.resolved).not.toBeNull();
    expect(record.alerts.map((a) => a.status)).toEqual(["resolved", "resolved"]);
    const issue = w.gh.state.issues[0]!;
    expect(issue.labels).toContain("status:resolved");
    // P1 needs a post-mortem: the issue stays open until it is published.
    expect(issue.state).toBe("open");
    expect(w.gh.state.comments.filter((c) => c.issueNumber === issue.number).map((c) => c.body)).toEqual([expect.stringContaining("INCIDENT RESOLVED"), expect.stringContaining("The post-mortem is in review")]);
  });
});

describe("storms and races", () => {
  it("turns a 1,000-alert storm of one group into one issue with at most 5 API requests", async () => {
    const base = example("high-error-rate.json") as { alerts: Record<string, unknown>[] } & Record<string, unknown>;
    const template = base.alerts[0]!;
    const alerts = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      labels: { ...(template.labels as object), instance: `api-${i}.internal:9090` },
      fingerprint: `storm${String(i).padStart(11, "0")}`,
    }));
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", { ...base, alerts }));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
    expect(w.gh.requests.length).toBeLessThanOrEqual(5);
    // Step outputs are capped at 1 MB by GitHub: the Plan output stays small and valid JSON.
    expect(run.outputs.plan?.length).toBeLessThan(300 * 1024);
    expect(JSON.parse(run.outputs.plan ?? "")).toMatchObject({ decision: "opened", effects: expect.arrayContaining([expect.objectContaining({ kind: "record.write", record: expect.objectContaining({ alerts: 1000 }) as unknown })]) as unknown });
    const record = parse(Object.values(w.remoteFiles())[0]!) as { alerts: unknown[] };
    expect(record.alerts).toHaveLength(1000);
  });

  it("opens exactly one incident holding every alert when 10 runs race on one group", async () => {
    const base = example("high-error-rate.json") as { alerts: Record<string, unknown>[] } & Record<string, unknown>;
    const template = base.alerts[0]!;
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.act("repository_dispatch", dispatchEvent("alertmanager", { ...base, alerts: [{ ...template, labels: { ...(template.labels as object), instance: `race-${i}` }, fingerprint: `race${String(i).padStart(12, "0")}` }] })),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual(Array(10).fill(0));
    expect(w.gh.state.issues).toHaveLength(1);
    const files = Object.values(w.remoteFiles());
    expect(files).toHaveLength(1);
    const record = parse(files[0]!) as { alerts: { fingerprint: string }[]; links: { issue: number } };
    expect(record.alerts.map((a) => a.fingerprint).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `race${String(i).padStart(12, "0")}`));
    expect(record.links.issue).toBe(w.gh.state.issues[0]!.number);
  });
});

describe("failures", () => {
  it("retries a 502 from GitHub", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 502, times: 1 });
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
  });

  it("fails loudly when GitHub stays down, and a re-run finishes the work", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 500, times: 4 });
    const event = dispatchEvent("alertmanager", example("service-down.json"));
    const first = await w.act("repository_dispatch", event, { runId: "777" });
    expect(first.code).not.toBe(0);
    expect(first.summary).toContain("failed");
    expect(w.gh.state.issues).toHaveLength(0);
    const again = await w.act("repository_dispatch", event, { runId: "777" });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
    const record = parse(Object.values(w.remoteFiles())[0]!) as { links: { issue: number } };
    expect(record.links.issue).toBe(w.gh.state.issues[0]!.number);
  });

  it("keeps a payload it cannot read, and fails the run", async () => {
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", { version: "4", alerts: "not a list" }));
    expect(run.code).not.toBe(0);
    const kept = w.remoteFiles("incidents/unprocessed/");
    expect(Object.keys(kept)).toHaveLength(1);
    expect(Object.values(kept)[0]).toContain("not a list");
    expect(run.summary).toContain("not a list");
    expect(w.gh.state.issues).toHaveLength(0);
  });
});
