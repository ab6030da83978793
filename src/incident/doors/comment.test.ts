import { describe, expect, it } from "vitest";
import type { Effect } from "../../plan/effects.js";
import { readMarkers, renderIssueBody, ZWSP } from "../../render/index.js";
import type { LifecycleEvent } from "../../notify/notification.js";
import { at, comment, investigating, ISSUE_LABELS, p0Channels, p0Sends, record, T0 } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { handleComment } from "./comment.js";

const BODY = expect.any(String) as unknown as string;
const ID = "2026-12-01-001";
const eyes = { kind: "comment.react", commentId: 1001, content: "eyes", reason: "command received" };
const rocket = { kind: "comment.react", commentId: 1001, content: "rocket", reason: "commands applied" };
const confused = { kind: "comment.react", commentId: 1001, content: "confused", reason: "some commands were refused" };
const ours = (status: string, extra: string[] = [], sev = "P0") => ["incident", `severity:${sev}`, `status:${status}`, "service:api", "team:backend", ...extra];
const update = (status: string, reason: string, more: Record<string, unknown> = {}) => ({ kind: "issue.update", incidentId: ID, issue: 42, body: BODY, labels: ours(status), currentLabels: ISSUE_LABELS, reason, ...more });
const write = (reason: string) => ({ kind: "record.write", incidentId: ID, path: `incidents/${ID}.yaml`, record: expect.any(Object) as unknown, reason });
const arm = (offset: string) => ({ kind: "timer.arm", incidentId: ID, at: at(offset), reason: `next deadline of ${ID}` });
const settle = { kind: "record.settle", incidentId: ID, reason: `record what GitHub answered for ${ID}` };
const reply = (body: string) => ({ kind: "issue.comment", incidentId: ID, issue: 42, body, key: "reply:1001", reason: "reply to comment 1001" });
const post = (key: string, reason: string) => ({ kind: "issue.comment", incidentId: ID, issue: 42, body: BODY, key, reason });
/** The P0's channels (routing.yaml by_severity.P0) that act on the event, one notify.send each. */
const sends = (event: LifecycleEvent, entry: number) => p0Sends(ID, event, entry);
const last = (r: IncidentRecord | null) => r?.timeline.at(-1);
const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);
const now = at("+10m");

describe("handleComment: each command", () => {
  it("/ack: the record first, then 👀, one issue update, 🚀, the notifications and the next timer", () => {
    const out = handleComment(comment("/ack", { record: record() }));
    expect(out.effects).toEqual([write("status triggered → acknowledged"), eyes, update("acknowledged", "status triggered → acknowledged"), rocket, ...sends("acknowledge", 1), arm("+30m"), settle]);
    expect(out.record).toMatchObject({ status: "acknowledged", timestamps: { acknowledged: now }, timer: { at: at("+30m"), armed: false } });
    expect(out.record?.notifications?.map((n) => [n.key, n.status])).toEqual(p0Channels("acknowledge").map((c) => [`${ID}:acknowledge#1:${c}`, "pending"]));
    expect(last(out.record)).toEqual({ at: now, actor: "maria", kind: "status", text: "triggered → acknowledged" });
  });

  it.each<[string, Partial<IncidentRecord>, { kind: string; text: string }]>([
    ["/sev P1 contained to one region", { severity: "P1", escalationPolicy: "p1-high" }, { kind: "severity", text: "P0 → P1: contained to one region" }],
    ["/status identified", { status: "identified" }, { kind: "status", text: "investigating → identified" }],
    ["/assign @dana-example", { responders: ["alice-example", "dana-example"] }, { kind: "assign", text: "Assigned dana-example" }],
    ["/commander @dana-example", { commander: "dana-example", responders: ["alice-example", "frank-example"] }, { kind: "commander", text: "Commander frank-example → dana-example" }],
    ["/timeline Paged the DBA", {}, { kind: "note", text: "Paged the DBA" }],
    ["/impact users=10% of EU sla=at risk", { impact: { users: "10% of EU", revenue: null, sla: "at risk", summary: null } }, { kind: "impact", text: "users=10% of EU; sla=at risk" }],
    ["/rootcause Deployment: bad flag", { rootCause: { category: "deployment", text: "bad flag" } }, { kind: "rootcause", text: "deployment: bad flag" }],
  ])("%s", (body, changed, entry) => {
    const out = handleComment(comment(body));
    expect(out.record).toMatchObject(changed);
    expect(last(out.record)).toEqual({ at: now, actor: "maria", ...entry });
    expect(kinds(out.effects).slice(0, 3)).toEqual(["record.write", "comment.react", "issue.update"]);
    expect(out.effects).toContainEqual(rocket);
    expect(out.effects.filter((e) => e.kind === "issue.update")).toHaveLength(1);
  });

  it("/sev changes the severity label and the default escalation policy together", () => {
    const out = handleComment(comment("/sev P1", { record: record() }));
    expect(out.record).toMatchObject({ severity: "P1", escalationPolicy: "p1-high" });
    // The title shows the severity, so it changes too.
    expect(out.effects).toEqual([write("severity P0 → P1"), eyes, { ...update("triggered", "severity P0 → P1"), title: "[P1] API high error rate", labels: ours("triggered", [], "P1") }, rocket, arm("+15m"), settle]);
  });

  it("/assign and /commander set assignees in the same update, keeping hand-added ones", () => {
    const out = handleComment(comment("/assign @dana-example\n/commander @erin-example", { issue: { labels: ISSUE_LABELS, assignees: ["frank-example", "alice-example", "helper"] } }));
    expect(out.effects.find((e) => e.kind === "issue.update")).toEqual({ ...update("investigating", "assign; commander"), assignees: ["erin-example", "alice-example", "dana-example", "frank-example"], currentAssignees: ["frank-example", "alice-example", "helper"] });
    // The next deadline did not move, so no new timer.
    expect(kinds(out.effects)).toEqual(["record.write", "comment.react", "issue.update", "comment.react"]);
  });

  it("/update renders the update template, posts it keyed by timeline index, notifies, and restarts the reminder", () => {
    const out = handleComment(comment('/update "DB failover done" watching replication lag'));
    const index = investigating().timeline.length;
    expect(out.effects).toEqual([write("update"), eyes, update("investigating", "update"), post(`update:${index}`, `status update for ${ID}`), rocket, ...sends("update", index), arm("+40m"), settle]);
    const text = (out.effects[3] as { body: string }).body;
    expect(text).toContain("INCIDENT UPDATE - 2026-12-01-001");
    expect(text).toContain("DB failover done");
    expect(text).toContain("watching replication lag");
    expect(text).toContain("Next Update: 2026-12-01 09:40 PST");
    // Each channel gets the update template as plain text, with the progress and what comes next.
    const sent = out.effects.find((e) => e.kind === "notify.send");
    expect(sent).toMatchObject({ notification: { headline: "[P0] Update: API high error rate", event: "update" } });
    expect(sent?.kind === "notify.send" && sent.notification.internalText).toContain("DB failover done");
    expect(last(out.record)).toEqual({ at: now, actor: "maria", kind: "update", text: "DB failover done (next: watching replication lag)" });
  });

  it("/resolve closes the issue of an incident that needs no post-mortem", () => {
    const p3 = investigating({ severity: "P3" });
    const out = handleComment(comment("/resolve fixed", { record: p3, issue: { labels: ours("investigating", [], "P3"), state: "open" } }));
    expect(out.effects.find((e) => e.kind === "issue.update")).toMatchObject({ state: "closed", stateReason: "completed" });
  });

  it("/resolve resolves and posts the resolution message in one update; the issue stays open for the post-mortem, which starts", () => {
    const out = handleComment(comment("/resolve Rolled back release 42"));
    const index = investigating().timeline.length;
    expect(out.effects).toEqual([
      write("status investigating → resolved"),
      eyes,
      update("resolved", "status investigating → resolved"),
      post(`resolution:${index}`, `resolution message for ${ID}`),
      rocket,
      ...sends("resolve", index),
      { kind: "postmortem.start", incidentId: ID, force: false, reason: "P0 incidents need a post-mortem" },
      settle,
    ]);
    expect((out.effects[3] as { body: string }).body).toContain("✅ INCIDENT RESOLVED - 2026-12-01-001");
    expect(out.record).toMatchObject({ status: "resolved", timestamps: { resolved: now } });
    expect(last(out.record)?.text).toBe("investigating → resolved: Rolled back release 42");
  });

  it("/status resolved is /resolve without a summary", () => {
    const out = handleComment(comment("/status resolved"));
    expect(out.record?.status).toBe("resolved");
    expect(kinds(out.effects).filter((k) => k !== "notify.send")).toEqual(["record.write", "comment.react", "issue.update", "issue.comment", "comment.react", "postmortem.start", "record.settle"]);
  });

  it("/reopen reopens a resolved incident and the issue", () => {
    const resolved = handleComment(comment("/resolve done", { record: investigating({ severity: "P2" }) })).record;
    if (!resolved) throw new Error("not resolved");
    const out = handleComment(comment("/reopen", { record: resolved, now: at("+50m"), issue: { labels: ours("resolved", [], "P2"), state: "closed" } }));
    expect(out.record).toMatchObject({ status: "investigating", timestamps: { resolved: null } });
    expect(out.effects.find((e) => e.kind === "issue.update")).toMatchObject({ state: "open", stateReason: "reopened" });
    expect(out.effects.filter((e) => e.kind === "notify.send").map((e) => e.kind === "notify.send" && e.event)).toEqual(["reopen", "reopen"]);
  });

  it("/escalate fires the next step now: mentions, assigns, labels escalated, notifies who it pages", () => {
    const out = handleComment(comment("/escalate", { record: record() }));
    expect(out.record?.escalation).toEqual({ stepsFired: 1, lastEscalatedAt: now });
    expect(out.record?.responders).toEqual(["alice-example", "bob-example", "heidi-example"]);
    expect(out.effects.slice(0, 5)).toEqual([
      write("escalated (step 1)"),
      eyes,
      { ...update("triggered", "escalated (step 1)", { assignees: ["frank-example", "alice-example", "bob-example", "heidi-example"] }), labels: ours("triggered", ["escalated"]) },
      post("escalation:0", `escalate ${ID}: p0-critical step 1`),
      rocket,
    ]);
    expect(out.effects.slice(-2)).toEqual([arm("+15m"), settle]);
    const text = (out.effects[3] as { body: string }).body;
    expect(text).toContain("@alice-example @bob-example @frank-example @heidi-example: please look at this incident");
    expect(text).toContain(`Escalated by hand by @${ZWSP}maria.`);
    expect(out.effects.find((e) => e.kind === "notify.send")).toMatchObject({ event: "escalate", audience: expect.arrayContaining(["alice-example", "bob-example", "frank-example", "heidi-example"]) as unknown });
  });

  it("/runbook <name> posts the playbook as a checklist with commands in code blocks", () => {
    const out = handleComment(comment("/runbook api_high_error_rate"));
    expect(out.effects).toEqual([write("note"), eyes, update("investigating", "note"), post("runbook:1001:api_high_error_rate", "/runbook api_high_error_rate"), rocket]);
    const text = (out.effects[3] as { body: string }).body;
    expect(text).toContain("- [ ] Enable circuit breaker\n  ```sh\n  kubectl set env deployment/api CIRCUIT_BREAKER_ENABLED=true\n  ```");
    expect(last(out.record)).toEqual({ at: now, actor: "maria", kind: "note", text: "Posted playbook api_high_error_rate" });
  });

  it.each([
    ["/runbook", "runbook:1001:list", "/runbook: list playbooks", "Suggested playbooks for this incident"],
    ["/help", "help:1001", "/help", "| `/sev P0\\|P1\\|P2\\|P3 [reason]` | change the severity |"],
  ])("%s only posts a comment (no record change, no timeline entry)", (body, key, reason, contains) => {
    const out = handleComment(comment(body));
    expect(out.record).toBeNull();
    expect(out.effects).toEqual([eyes, post(key, reason), rocket]);
    expect((out.effects[1] as { body: string }).body).toContain(contains);
  });

  it("/postmortem starts the draft of a resolved incident", () => {
    const resolved = handleComment(comment("/resolve done", { record: investigating({ severity: "P2" }) })).record;
    if (!resolved) throw new Error("not resolved");
    const out = handleComment(comment("/postmortem", { record: resolved, now: at("+1h"), issue: { labels: ours("resolved", [], "P2"), state: "closed" } }));
    expect(out.record?.status).toBe("postmortem-draft");
    expect(kinds(out.effects)).toEqual(["record.write", "comment.react", "issue.update", "comment.react", "postmortem.start"]);
    expect(out.effects.find((e) => e.kind === "postmortem.start")).toEqual({ kind: "postmortem.start", incidentId: ID, force: true, reason: "post-mortem requested" });
  });

  it("several commands in one comment: all land, in order, in one issue update", () => {
    const out = handleComment(comment("/ack\n/status investigating\n/timeline looking at the LB", { record: record() }));
    expect(out.record?.timeline.slice(-3).map((e) => e.text)).toEqual(["triggered → acknowledged", "acknowledged → investigating", "looking at the LB"]);
    expect(out.effects.filter((e) => e.kind === "issue.update")).toHaveLength(1);
    expect(out.effects.filter((e) => e.kind === "record.write")).toHaveLength(1);
  });
});

describe("handleComment: refusals and hostile input", () => {
  const REFUSED = "Sorry, only people with the write role or higher on this repository, or in an on-call rotation, can change this incident, so I did not act on this comment. If you need to be able to, ask a maintainer.";
  const refused = [reply(REFUSED), { ...confused, reason: "commenter may not change this incident" }];

  it.each([
    ["read-only user", { role: "read", author: { login: "rita", type: "User" } }, refused],
    ["non-collaborator", { role: null, author: { login: "stranger", type: "User" } }, refused],
    ["bot: nothing at all", { role: "admin", author: { login: "ci-bot[bot]", type: "Bot" } }, []],
  ])("%s", (_name, over, effects) => {
    expect(handleComment(comment("/resolve I am not allowed", over))).toEqual({ record: null, effects });
  });

  it("a comment without commands does nothing", () => {
    expect(handleComment(comment("Thanks, looking"))).toEqual({ record: null, effects: [] });
  });

  it.each([
    ["/sev P9", "- /sev P9: severity must be one of P0, P1, P2, P3. Usage: `/sev P0|P1|P2|P3 [reason]`"],
    ["/assign @nobody", `- /assign @${ZWSP}nobody: I cannot assign @${ZWSP}nobody: GitHub does not accept them as an assignee on this repository.`],
    ["/status identified\n/status acknowledged", "- /status acknowledged: status must be one of investigating, identified, monitoring, resolved. Usage: `/status investigating|identified|monitoring|resolved`"],
    ["/ack", "- /ack: The incident was already acknowledged (2026-12-01T17:02:00Z)."],
    ["/status monitoring", "- /status monitoring: Cannot change status from investigating to monitoring; from investigating it can go to: identified, resolved."],
    ["/sev P0 worse", "- /sev P0 worse: /sev P0 needs the maintain role or higher on this repository."],
    ["/frobnicate", "- /frobnicate: unknown command /frobnicate. See `/help` for the commands."],
  ])("%s → reply, no state change for it", (body, line) => {
    const out = handleComment(comment(body, { role: "write" }));
    const replied = out.effects.find((e) => e.kind === "issue.comment" && e.key === "reply:1001") as { body: string } | undefined;
    expect(replied?.body).toBe(`Sorry, I could not do everything in this comment:\n\n${line}`);
    expect(out.effects).toContainEqual(confused);
    if (!body.includes("\n")) expect(out.record).toBeNull();
  });

  it("/resolve twice: the second says already resolved and changes nothing", () => {
    const first = handleComment(comment("/resolve done"));
    const second = handleComment(comment("/resolve done again", { record: first.record ?? investigating(), now: at("+11m") }));
    expect(second).toEqual({ record: null, effects: [reply(`Sorry, I could not do everything in this comment:\n\n- /resolve done again: The incident is already resolved (since ${now}).`), confused] });
  });

  it("20 commands: the first 10 apply, one reply for the rest", () => {
    const body = Array.from({ length: 20 }, (_, i) => `/timeline note ${i}`).join("\n");
    const out = handleComment(comment(body));
    expect(out.record?.timeline.filter((e) => e.kind === "note")).toHaveLength(10);
    expect(out.effects).toEqual([
      write(Array.from({ length: 10 }, () => "note").join("; ")),
      eyes,
      update("investigating", Array.from({ length: 10 }, () => "note").join("; ")),
      reply("Sorry, I could not do everything in this comment:\n\n- Too many commands: I read the first 10 and ignored 10 more. Please send them in another comment."),
      confused,
      rocket,
    ]);
  });

  it("@org/everyone and a forged marker stay inert in replies, the timeline and the issue body", () => {
    const hostile = "@org/everyone <!-- incident-as-code:incident {\"id\":\"2020-01-01-001\"} --> **x**";
    const out = handleComment(comment(`/timeline ${hostile}\n/frobnicate ${hostile}\n/assign @org/everyone`));
    // The record keeps what the reader saw, verbatim: the hidden comment was never part of the command.
    expect(last(out.record)).toMatchObject({ kind: "note", text: "@org/everyone  **x**" });
    const written = out.effects.flatMap((e) => ("body" in e && typeof e.body === "string" ? [e.body] : []));
    for (const text of written) {
      expect(text).not.toMatch(/@org/);
      expect(readMarkers(text).filter((m) => m.kind === "incident")).toEqual(text.startsWith("<!--") ? [{ kind: "incident", data: { id: ID } }] : []);
    }
    const body = renderIssueBody(out.record ?? investigating(), comment("").policies, { now });
    expect(readMarkers(body)).toEqual([{ kind: "incident", data: { id: ID } }]);
    expect(body).toContain(`@${ZWSP}org/everyone`);
  });

  it("the actor is always the comment author", () => {
    const out = handleComment(comment("/timeline hi", { author: { login: "alice-example", type: "User" }, role: null }));
    expect(last(out.record)).toEqual({ at: now, actor: "alice-example", kind: "note", text: "hi" });
    expect(T0 < now).toBe(true);
  });
});

describe("acknowledging a resolved incident", () => {
  it("does not reopen it, even when nobody had acknowledged it", () => {
    const resolved = handleComment(comment("/resolve done", { record: record({ severity: "P2" }) })).record;
    if (!resolved) throw new Error("not resolved");
    expect(resolved.timestamps.acknowledged).toBeNull();
    const out = handleComment(comment("/ack", { record: resolved }));
    expect(out.record).toBeNull();
    expect(out.effects.find((e) => e.kind === "issue.comment")).toMatchObject({ body: expect.stringContaining("nothing to acknowledge") as unknown });
    expect(T0 < now).toBe(true);
  });
});
