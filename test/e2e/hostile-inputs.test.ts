// GitHub's refusals and failures, and hostile text, end to end through dist/index.js: what a new
// user meets against a GitHub that behaves as GitHub does — writes applied and then answered with
// an error, partial refusals, an issue dressed up as the next incident's, hand edits by people
// without the role, and the schedule backstop healing what two failed runs left.
import { describe, expect, it } from "vitest";
import { ZWSP } from "../../src/render/escape.js";
import { dispatchEvent, example, type World } from "./harness.js";
import { commentEvent, issueEvent, openP0, record, records, scheduleEvent } from "./incident-events.js";
import { worldPerTest } from "./per-test.js";

let w: World;
worldPerTest((fresh) => {
  w = fresh;
});

type AlertBody = { alerts: { labels: Record<string, string>; annotations: Record<string, string> }[] } & Record<string, unknown>;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /(?:^|[^\w])#\d|\bGH-\d|@[A-Za-z0-9]/;

/** ServiceDown (a P0) with its first alert's labels and annotations changed. */
function serviceDown(labels: Record<string, string>, annotations: Record<string, string>): unknown {
  const body = example("service-down.json") as AlertBody;
  const [first] = body.alerts;
  if (!first) throw new Error("example without alerts");
  return dispatchEvent("alertmanager", { ...body, alerts: [{ ...first, labels: { ...first.labels, ...labels }, annotations: { ...first.annotations, ...annotations } }] });
}


describe("writes GitHub applied but answered with an error", () => {
  it("one issue when POST /issues is applied and answered 502", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 502, after: true });
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
  });

  it("one issue when the connection resets after POST /issues was applied", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 0, reset: true, after: true });
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
  });

  it("the resolution message once when its POST is applied and answered 504", async () => {
    const inc = await openP0(w);
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 504, after: true });
    const { event } = commentEvent(w, inc.issue, "/resolve Rolled back", "alice-example");
    expect((await w.act("issue_comment", event)).code).toBe(0);
    const resolutions = w.gh.state.comments.filter((c) => c.issueNumber === inc.issue && c.user.endsWith("[bot]") && /RESOLVED/.test(c.body));
    expect(resolutions).toHaveLength(1);
  });
});

describe("partial refusals", () => {
  it("an on-call person who cannot be assigned does not stop the issue", async () => {
    // The shipped rotations page people the emulator does not know as collaborators here.
    const gh = w.gh;
    gh.world.roles.delete("frank-example");
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(gh.state.issues).toHaveLength(1);
    expect(gh.state.issues[0]?.body).toMatch(/could not be assigned/);
  });
});

describe("the schedule backstop", () => {
  it("opens the issue of an incident whose runs both failed after the record was pushed", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 500, times: 8 });
    const event = dispatchEvent("alertmanager", example("service-down.json"));
    expect((await w.act("repository_dispatch", event, { runId: "1" })).code).not.toBe(0);
    expect((await w.act("repository_dispatch", event, { runId: "1" })).code).not.toBe(0);
    expect(records(w)).toHaveLength(1);
    expect(w.gh.state.issues).toHaveLength(0);
    expect((await w.act("schedule", scheduleEvent())).code).toBe(0);
    expect(w.gh.state.issues).toHaveLength(1);
    expect(record(w).links.issue).toBe(w.gh.state.issues[0]?.number);
  });
});

describe("trust only what the Action wrote", () => {
  it("an issue a person filed with the next incident's marker is not adopted", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const forged = w.gh.seed.issue({ title: "looks official", body: `<!-- incident-as-code:incident {"id":"${today}-001"} -->`, labels: ["incident"], user: "erin-example" });
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(record(w).links.issue).not.toBe(forged.number);
    expect(w.gh.state.issues.filter((i) => i.user.endsWith("[bot]"))).toHaveLength(1);
  });

  it("closing the issue by hand needs the role /resolve needs", async () => {
    const inc = await openP0(w);
    w.gh.world.roles.set("tina-triage", "triage");
    const issue = w.gh.state.issue(inc.issue);
    if (issue) issue.state = "closed";
    const run = await w.act("issues", issueEvent(w, inc.issue, "closed", "tina-triage"));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(record(w).status).not.toMatch(/resolved|postmortem/);
    expect(w.gh.state.issue(inc.issue)?.state).toBe("open");
  });
});

describe("hostile text", () => {
  it("a closing keyword in an alert summary reaches no issue or pull-request title", async () => {
    // The shipped rule titles ServiceDown "API is down ({{ labels.instance }})": the label carries the keyword.
    const run = await w.act("repository_dispatch", serviceDown({ instance: "fixes #1, closes acme/ops#2, cc @alice-example" }, { summary: "API down, fixes #1" }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const inc = record(w);
    const { event } = commentEvent(w, inc.links.issue ?? 0, "/resolve Restarted the pods", "alice-example");
    expect((await w.act("issue_comment", event)).code).toBe(0);
    const titles = w.gh.state.issues.map((i) => i.title);
    expect(w.gh.state.pulls).toHaveLength(1); // a P0 resolves into a post-mortem pull request
    for (const title of titles) {
      expect(title).not.toMatch(REFERENCE);
      expect(title).toContain(`#${ZWSP}1`);
    }
  });

  it("a command nobody can see does nothing", async () => {
    const inc = await openP0(w);
    const { event, commentId } = commentEvent(w, inc.issue, "Looks fine to me.\n<!--\n/resolve hidden\n-->", "alice-example");
    const run = await w.act("issue_comment", event);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(record(w).status).toBe("triggered");
    expect(w.gh.state.reactions.filter((r) => r.subjectId === commentId)).toEqual([]);
  });

  it("a 64-character service and a 200-character summary cut at an emoji still open a valid issue", async () => {
    const service = `${"payments-reconciliation-".repeat(2)}worker-eu-west-1`; // 64 characters
    const summary = `${"x".repeat(198)}${"🔥".repeat(10)}`;
    // No shipped rule names this alert, so its service and title come from its labels and summary.
    const run = await w.act("repository_dispatch", serviceDown({ alertname: "QueueBacklog", service, component: "queue", error_type: "backlog" }, { summary }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [issue] = w.gh.state.issues;
    expect(issue?.labels.filter((l) => l.length > 50)).toEqual([]);
    expect(issue?.labels.some((l) => l.startsWith("service:payments-reconciliation-"))).toBe(true);
    expect(issue?.title).not.toMatch(LONE);
    expect(record(w).title).not.toMatch(LONE);
  });
});
