// Responders drive incidents from issue comments, end to end through dist/index.js.
import { describe, expect, it } from "vitest";
import { readMarkers } from "../../src/render/markers.js";
import type { World } from "./harness.js";
import { worldPerTest } from "./per-test.js";
import { commentEvent, commentsOn, openP0, reactions, record } from "./incident-events.js";

let w: World;
let inc: { issue: number; id: string };
worldPerTest(async (fresh) => {
  w = fresh;
  inc = await openP0(w);
});

async function say(body: string, login = "bob-example", type = "User") {
  const { event, commentId } = commentEvent(w, inc.issue, body, login, type);
  const run = await w.act("issue_comment", event);
  return { run, commentId };
}

describe("slash commands", () => {
  it("acknowledges, records who did it, and answers with 👀 then 🚀", async () => {
    const { run, commentId } = await say("/ack");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const r = record(w);
    expect(r.status).toBe("acknowledged");
    expect(r.timestamps.acknowledged).not.toBeNull();
    expect(r.timeline.at(-1)).toMatchObject({ actor: "bob-example", kind: "status" });
    expect(reactions(w, commentId)).toEqual(["eyes", "rocket"]);
    expect(w.gh.state.issue(inc.issue)?.labels).toContain("status:acknowledged");
  });

  it("drives an incident through every command to resolution", async () => {
    // Several commands per comment, one per line, as responders write them.
    const comments: [string, (r: ReturnType<typeof record>) => void][] = [
      [
        "/ack\n/status investigating\n/sev P1 blast radius is smaller than feared\n/commander @alice-example\n/assign @dana-example",
        (r) => {
          expect(r).toMatchObject({ status: "investigating", severity: "P1", commander: "alice-example" });
          expect(r.responders).toContain("dana-example");
        },
      ],
      [
        '/impact users=1200 revenue="$4k" sla=breached\n/timeline Rolled back api to v41\n/rootcause deployment: bad config in the v42 rollout\n/update Rollback complete, error rate falling\n/status identified\n/status monitoring',
        (r) => {
          expect(r.impact).toMatchObject({ users: "1200" });
          expect(r.rootCause).toEqual({ category: "deployment", text: "bad config in the v42 rollout" });
          expect(r.timeline.some((e) => e.kind === "note" && e.text.includes("Rolled back api to v41"))).toBe(true);
          expect(r.timeline.some((e) => e.kind === "update")).toBe(true);
          expect(r.status).toBe("monitoring");
        },
      ],
      ["/resolve Error rate back to baseline", (r) => expect(r.status).toMatch(/resolved|postmortem/)],
    ];
    for (const [body, check] of comments) {
      const { run } = await say(body, "alice-example");
      expect(run.code, `${body}: ${run.stdout}${run.stderr}`).toBe(0);
      check(record(w));
    }
    const posted = commentsOn(w, inc.issue).join("\n");
    expect(posted).toContain("INCIDENT UPDATE");
    expect(posted).toContain("INCIDENT RESOLVED");
  });

  it.each([
    ["/help", "alice-example", /\/ack/],
    ["/runbook api_high_error_rate", "alice-example", /Enable circuit breaker/],
    ["/sev P9", "alice-example", /P0.*P3|usage/i],
    ["/assign @nobody-here", "alice-example", /nobody-here/],
    ["/frobnicate", "alice-example", /unknown command|usage/i],
  ])("%s gets a reply", async (body, login, reply) => {
    const before = record(w);
    const { run } = await say(body, login);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(commentsOn(w, inc.issue).at(-1)).toMatch(reply);
    if (body !== "/help" && !body.startsWith("/runbook")) expect(record(w).status).toBe(before.status);
  });

  it("refuses a reader politely and changes nothing", async () => {
    const { run, commentId } = await say("/resolve fixed it", "rita-reader");
    expect(run.code).toBe(0);
    expect(record(w).status).toBe("triggered");
    expect(reactions(w, commentId)).toEqual(["confused"]);
    expect(commentsOn(w, inc.issue).at(-1)).toMatch(/^Sorry, only people with the write role/);
  });

  it("ignores bots", async () => {
    const { run, commentId } = await say("/resolve", "deploy-bot[bot]", "Bot");
    expect(run.outputs.decision).toBe("ignored");
    expect(reactions(w, commentId)).toEqual([]);
  });

  it("ignores edited comments", async () => {
    const { event } = commentEvent(w, inc.issue, "/resolve", "alice-example");
    const run = await w.act("issue_comment", { ...event, action: "edited" });
    expect(run.outputs.decision).toBe("not-handled");
    expect(record(w).status).toBe("triggered");
  });

  it("answers /resolve on a resolved incident without changing it", async () => {
    await say("/resolve done", "alice-example");
    const resolved = record(w);
    await say("/resolve again", "alice-example");
    expect(record(w).timeline.length).toBe(resolved.timeline.length);
    expect(commentsOn(w, inc.issue).at(-1)).toMatch(/already resolved/i);
  });

  it("caps the number of commands in one comment", async () => {
    const { run } = await say(Array.from({ length: 20 }, (_, i) => `/timeline note ${i}`).join("\n"), "alice-example");
    expect(run.code).toBe(0);
    expect(record(w).timeline.filter((e) => e.kind === "note")).toHaveLength(10);
    expect(commentsOn(w, inc.issue).at(-1)).toMatch(/too many/i);
  });

  it("keeps mentions and forged markers in command text inert", async () => {
    await say('/timeline paging @acme/everyone <!-- incident-as-code:incident {"id":"2020-01-01-001"} -->', "alice-example");
    const body = w.gh.state.issue(inc.issue)?.body ?? "";
    expect(body).not.toMatch(/(^|[^\u200b])@acme\/everyone/);
    expect(readMarkers(body).map((m) => m.data.id)).toEqual([inc.id]);
    for (const c of commentsOn(w, inc.issue)) expect(c).not.toMatch(/(^|[^\u200b`])@acme\/everyone/);
  });

  it("handles a comment once, even when the job is re-run by someone else", async () => {
    const { event } = commentEvent(w, inc.issue, "/timeline checked the dashboards", "bob-example");
    expect((await w.act("issue_comment", event)).code).toBe(0);
    const after = record(w);
    const again = await w.act("issue_comment", event, { env: { GITHUB_ACTOR: "rita-reader" } });
    expect(again.outputs.decision).toBe("ignored");
    expect(record(w)).toEqual(after);
  });

  it("keeps a consistent order when /ack and /resolve race", async () => {
    const a = commentEvent(w, inc.issue, "/ack", "bob-example");
    const b = commentEvent(w, inc.issue, "/resolve failed over to the standby", "alice-example");
    const runs = await Promise.all([w.act("issue_comment", a.event), w.act("issue_comment", b.event)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const r = record(w);
    expect(r.status).toMatch(/resolved|postmortem/);
    const times = r.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const resolvedAt = r.timeline.findIndex((e) => e.actor === "alice-example" && e.text.includes("→ resolved"));
    expect(resolvedAt).toBeGreaterThan(-1);
    // Whichever landed first, an acknowledgement can only come before the resolution; if /resolve
    // won the race, the /ack was answered (an incident that is resolved cannot be acknowledged).
    const ackAt = r.timeline.findIndex((e) => e.actor === "bob-example" && e.text.includes("→ acknowledged"));
    if (ackAt === -1) expect(reactions(w, a.commentId)).toContain("confused");
    else expect(ackAt).toBeLessThan(resolvedAt);
  });

  it("escalates on /escalate, reopens on /reopen, and starts the post-mortem on /postmortem", async () => {
    const esc = await say("/escalate", "alice-example");
    expect(esc.run.code, esc.run.stdout + esc.run.stderr).toBe(0);
    expect(record(w).escalation.stepsFired).toBe(1);
    expect(w.gh.state.issue(inc.issue)?.labels).toContain("escalated");
    // A P2 needs no post-mortem, so resolving it leaves it open to /reopen.
    await say("/sev P2 only the admin pages are affected\n/resolve contained", "alice-example");
    expect(record(w).status).toBe("resolved");
    const reopened = await say("/reopen", "alice-example");
    expect(reopened.run.code).toBe(0);
    // Nobody had moved past acknowledgement, so the reopened incident is acknowledged by whoever reopened it.
    expect(record(w)).toMatchObject({ status: "acknowledged", timestamps: { resolved: null } });
    // A P2 needs no post-mortem unless someone asks for one.
    const pm = await say("/resolve fixed for good\n/postmortem", "alice-example");
    expect(pm.run.code, pm.run.stdout + pm.run.stderr).toBe(0);
    expect(w.gh.state.pulls.map((p) => p.pull?.head.ref)).toEqual([`postmortem/${inc.id}`]);
  });
});
