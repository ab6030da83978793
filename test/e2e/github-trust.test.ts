// GitHub as it really answers, and people who should not be trusted, end to end through
// dist/index.js: an on-call person GitHub will not assign, an incident whose issue two runs failed
// to create, an issue someone dressed up as the next incident's, a hand edit by someone who may not
// make the change it stands for, and the later edits of a declared issue's author.
import { describe, expect, it } from "vitest";
import { readMarkers } from "../../src/render/markers.js";
import { dispatchEvent, example, world, type World } from "./harness.js";
import { commentsOn, issueEvent, openP0, record, scheduleEvent } from "./incident-events.js";
import { webhookExample } from "./webhook-examples.js";

const USERS: Record<string, string> = { "alice-example": "admin", "bob-example": "write", "charlie-example": "write", "dana-example": "write", "erin-example": "write", "frank-example": "write", "grace-example": "write", "heidi-example": "maintain", "rita-reader": "read", "tom-triage": "triage" };

async function session(test: (w: World) => Promise<void>, users: Record<string, string> = USERS): Promise<void> {
  const w = await world({ users: users as Record<string, "admin" | "maintain" | "write" | "triage" | "read"> });
  try {
    await test(w);
    expect(w.gh.violations).toEqual([]);
  } finally {
    await w.close();
  }
}

/** Runs the Action as if `ms` later (the backstop takes over claims older than 10 minutes). */
const later = (ms: number) => ({ env: { INCIDENT_AS_CODE_CLOCK_OFFSET_MS: String(ms) } });

describe("an on-call person GitHub will not assign (left the organisation)", () => {
  it("the incident still gets its issue, without them, and the issue and the job summary say so", () =>
    // frank-example, the P0 commander on call, is not a collaborator: GitHub refuses the create with 422.
    session(async (w) => {
      const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(w.gh.state.issues).toHaveLength(1);
      const issue = w.gh.state.issues[0]!;
      expect(issue.assignees).not.toContain("frank-example");
      expect(commentsOn(w, issue.number)).toContainEqual(expect.stringContaining("@\u200Bfrank-example could not be assigned: not assignable in this repository."));
      expect(run.summary).toContain("frank-example could not be assigned");
      expect(record(w).timeline.at(-1)).toMatchObject({ kind: "note", text: "frank-example could not be assigned: not assignable in this repository" });
      expect(record(w).links.issue).toBe(issue.number);
    }, Object.fromEntries(Object.entries(USERS).filter(([login]) => login !== "frank-example"))), 120_000);
});

describe("an incident whose issue two runs failed to create", () => {
  it("gets it from the schedule backstop once the claim is stale, once", () =>
    session(async (w) => {
      w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 500, times: 8 });
      const event = dispatchEvent("alertmanager", example("service-down.json"));
      expect((await w.act("repository_dispatch", event, { runId: "700" })).code).not.toBe(0);
      expect((await w.act("repository_dispatch", event, { runId: "700" })).code).not.toBe(0);
      expect(w.gh.state.issues).toHaveLength(0);
      expect(record(w).links.issue).toBeNull();
      const first = await w.act("schedule", scheduleEvent(), later(11 * 60_000));
      expect(first.code, first.stderr + first.stdout).toBe(0);
      expect(first.outputs.decision).toBe("backstop-acted");
      expect(w.gh.state.issues).toHaveLength(1);
      expect(record(w).links.issue).toBe(w.gh.state.issues[0]!.number);
      const second = await w.act("schedule", scheduleEvent(), later(12 * 60_000));
      expect(w.gh.state.issues).toHaveLength(1);
      expect(second.outputs.reason).not.toContain("issue created");
    }), 180_000);
});

describe("an issue dressed up as the next incident's", () => {
  it("is never linked: the next P0 opens its own issue and pages", () =>
    session(async (w) => {
      const day = new Date().toISOString().slice(0, 10);
      const forged = w.gh.seed.issue({ title: "[P0] looks legit", labels: ["incident"], user: "tom-triage", body: `<!-- incident-as-code:incident {"id":"${day}-001"} -->` });
      const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
      expect(run.code, run.stderr).toBe(0);
      const r = record(w);
      expect(r.links.issue).not.toBe(forged.number);
      const mine = w.gh.state.issue(r.links.issue ?? 0)!;
      expect(mine.body).toContain("Paging @");
      expect(readMarkers(mine.body ?? "").find((m) => m.kind === "incident")?.data).toEqual({ id: r.id, claim: r.links.claim });
      expect(w.gh.state.issue(forged.number)?.body).toBe(`<!-- incident-as-code:incident {"id":"${day}-001"} -->`);
      // A comment on the forged issue does not reach the incident either: the record does not name that issue.
      const closed = await w.act("issues", issueEvent(w, forged.number, "closed", "alice-example"));
      expect(closed.outputs.decision).toBe("ignored");
      expect(record(w).status).toBe("triggered");
    }), 120_000);
});

describe("a hand edit by someone who may not make the change it stands for", () => {
  it("closing the issue (that is /resolve) by a triage user is undone and answered; the incident stays open", () =>
    session(async (w) => {
      const inc = await openP0(w);
      w.gh.state.issue(inc.issue)!.state = "closed";
      const run = await w.act("issues", issueEvent(w, inc.issue, "closed", "tom-triage"));
      expect(run.code, run.stderr).toBe(0);
      expect(record(w).status).toBe("triggered");
      expect(w.gh.state.issue(inc.issue)?.state).toBe("open");
      expect(commentsOn(w, inc.issue).at(-1)).toMatch(/^@\u200Btom-triage closed the issue, so I put it back: Sorry, only people with the write role/);
    }), 120_000);

  it("reopening a resolved incident's issue by a reader is undone too", () =>
    session(async (w) => {
      const inc = await openP0(w);
      w.gh.state.issue(inc.issue)!.state = "closed";
      expect((await w.act("issues", issueEvent(w, inc.issue, "closed", "bob-example"))).code).toBe(0);
      const resolved = record(w);
      expect(resolved.status).toMatch(/resolved|postmortem/);
      w.gh.state.issue(inc.issue)!.state = "open";
      await w.act("issues", issueEvent(w, inc.issue, "reopened", "rita-reader"));
      expect(record(w).status).toBe(resolved.status);
      expect(w.gh.state.issue(inc.issue)?.state).toBe("closed");
    }), 120_000);
});

describe("a declared issue, once adopted", () => {
  it("is the incident's issue, and its author's later edits of the declaration change nothing", () =>
    session(async (w) => {
      const seeded = w.gh.seed.issue({ title: "[Incident] Login broken", body: "### Severity\n\nP2\n\n### Service\n\nauth\n\n### Summary\n\nNobody can log in.", labels: ["incident:declared"], user: "rita-reader" });
      const opened = { ...webhookExample("issues", "opened"), issue: { ...(webhookExample("issues", "opened").issue as object), number: seeded.number, title: seeded.title, body: seeded.body, labels: [{ name: "incident:declared" }], user: { login: "rita-reader" }, created_at: new Date().toISOString() } };
      expect((await w.act("issues", opened)).code).toBe(0);
      const adopted = record(w);
      expect(adopted).toMatchObject({ severity: "P2", links: { issue: seeded.number } });
      const issue = w.gh.state.issue(seeded.number)!;
      expect(readMarkers(issue.body ?? "").find((m) => m.kind === "incident")?.data).toEqual({ id: adopted.id, claim: adopted.links.claim });
      // The author rewrites the declaration: it was copied, not trusted again.
      const before = issue.body ?? "";
      issue.body = before.replace("P2", "P0");
      const edit = await w.act("issues", issueEvent(w, seeded.number, "edited", "rita-reader", { changes: { body: { from: before } } }));
      expect(edit.code).toBe(0);
      expect(record(w)).toEqual(adopted);
      // The same opened event delivered again adopts nothing twice: one issue, one incident.
      expect((await w.act("issues", opened)).outputs.decision).toBe("ignored");
      expect(Object.keys(w.remoteFiles()).filter((p) => !p.includes("unprocessed"))).toHaveLength(1);
    }), 120_000);
});
