// The backstop finishes what a run left half done — once, and only once its claim is stale — in one
// pass over the live records, and moves records that are over to the archive.
import { describe, expect, it } from "vitest";
import { notifyExecutor } from "../../notify/executor.js";
import { envNotifyPort } from "../../notify/port.js";
import { answers, startReceiver, TEST_RETRY } from "../../notify/receivers.test-helpers.js";
import type { Effect, NotifySend } from "../../plan/effects.js";
import { newLog } from "../../plan/log.js";
import { at, investigating, onCall, policies, record } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { releaseClaim } from "../claim.js";
import { settleRecord } from "../settle.js";
import { backstopDoor, MAX_SEND_ATTEMPTS } from "./backstop.js";

const STALE = 10 * 60_000;
const ID = "2026-12-01-001";
const run = (records: IncidentRecord[], now: string) => backstopDoor({ records: new Map(records.map((r) => [r.id, r])), policies, onCall, now, staleAfterMs: STALE });
const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);

describe("an incident without its issue", () => {
  const orphan = record({ links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: "41", claim: "claim-key-0001" } });

  it("is left to the run that claimed it while the claim is fresh", () => {
    expect(run([orphan], at("+9m")).effects).toEqual([]);
  });

  it("gets its issue at once when the claiming run failed and released its claim", () => {
    const released = releaseClaim(orphan, "41", at("+1m"), "HTTP 500");
    expect(kinds(run([released ?? orphan], at("+2m")).effects)).toEqual(["issue.create", "record.settle"]);
  });

  it("gets its issue (looked up by its claim first), then is linked, once the claim is stale", () => {
    const plan = run([orphan], at("+11m"));
    expect(plan.decision).toBe("backstop-acted");
    expect(kinds(plan.effects)).toEqual(["issue.create", "record.settle"]);
    expect(plan.effects[0]).toMatchObject({ claim: "claim-key-0001", title: "[P0] API high error rate" });
    // Settling links it; the next pass finds nothing to create.
    const linked = settleRecord(orphan, { issue: { number: 77, written: null } }, { policies, onCall, now: at("+11m") }).record;
    expect(linked?.links.issue).toBe(77);
    expect(kinds(run([linked ?? orphan], at("+12m")).effects)).not.toContain("issue.create");
  });
});

describe("a timer that was never armed", () => {
  const acked = investigating({ timer: { at: at("+30m"), armed: false }, timeline: [...investigating().timeline, { at: at("+5m"), actor: "frank-example", kind: "note", text: "x" }] });

  it("is armed once the run that decided it is stale, and marked armed when settled", () => {
    expect(run([acked], at("+10m")).effects).toEqual([]);
    const plan = run([acked], at("+16m"));
    expect(plan.effects).toEqual([
      expect.objectContaining({ kind: "record.write", record: expect.objectContaining({ timer: { at: at("+30m"), armed: false } }) as unknown }),
      { kind: "timer.arm", incidentId: ID, at: at("+30m"), reason: `timer for ${ID} at ${at("+30m")} is due within the hour and not armed` },
      { kind: "record.settle", incidentId: ID, reason: `record what the backstop did for ${ID}` },
    ]);
    const settled = settleRecord(acked, { timer: at("+30m") }, { policies, onCall, now: at("+16m") }).record;
    expect(settled?.timer).toEqual({ at: at("+30m"), armed: true });
    expect(run([settled ?? acked], at("+17m")).effects).toEqual([]);
  });
});

describe("a notification that never went out", () => {
  const pending = investigating({ notifications: [{ key: `${ID}:acknowledge#1:slack-incidents`, event: "acknowledge", channel: "slack-incidents", status: "pending", at: at("+2m"), attempts: 0 }] });

  const port = (env: Record<string, string>) => envNotifyPort(policies, env, { repositoryUrl: "https://github.com/acme/ops", mask: () => undefined, log: () => undefined, retry: TEST_RETRY });

  it("is sent again under its own key once stale; a receiver that fails leaves it failed, retried until MAX_SEND_ATTEMPTS", async () => {
    expect(run([pending], at("+5m")).effects).toEqual([]);
    const plan = run([pending], at("+13m"));
    const send = plan.effects.find((e): e is NotifySend => e.kind === "notify.send");
    expect(send).toMatchObject({ key: `${ID}:acknowledge#1:slack-incidents`, event: "acknowledge", channel: "slack-incidents", channelType: "slack" });
    expect(send?.notification).toMatchObject({ idempotencyKey: `${ID}:acknowledge#1:slack-incidents`, event: "acknowledge", incidentId: ID });
    expect(kinds(plan.effects)).toEqual(["notify.send", "record.settle"]);

    // The receiver fails every try: the record says so, and the next pass tries again.
    const receiver = await startReceiver(answers.sequence({ status: 500, body: "down" }));
    try {
      const log = newLog();
      await notifyExecutor(port({ SLACK_INCIDENTS_WEBHOOK_URL: `${receiver.url}/services/T/B/x` }), log).execute(send as NotifySend);
      expect(receiver.received).toHaveLength(TEST_RETRY.attempts);
      expect(log.applied).toEqual([expect.objectContaining({ kind: "notify.send", outcome: "failed" })]);
      let r = settleRecord(pending, log.answers.get(ID) ?? {}, { policies, onCall, now: at("+13m") }).record ?? pending;
      expect(r.notifications?.[0]).toMatchObject({ status: "failed", attempts: 1 });
      expect(kinds(run([r], at("+14m")).effects)).toContain("notify.send");
      r = { ...r, notifications: r.notifications?.map((n) => ({ ...n, attempts: MAX_SEND_ATTEMPTS })) };
      expect(run([r], at("+15m")).effects).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("delivered, it is sent and not sent again; the link to the issue is filled in", async () => {
    const receiver = await startReceiver(answers.ok());
    try {
      const log = newLog();
      const send = run([pending], at("+13m")).effects.find((e): e is NotifySend => e.kind === "notify.send");
      await notifyExecutor(port({ SLACK_INCIDENTS_WEBHOOK_URL: `${receiver.url}/services/T/B/x` }), log).execute(send as NotifySend);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.body).toContain("https://github.com/acme/ops/issues/42");
      const r = settleRecord(pending, log.answers.get(ID) ?? {}, { policies, onCall, now: at("+13m") }).record ?? pending;
      expect(r.notifications?.[0]?.status).toBe("sent");
      expect(run([r], at("+30m")).effects.filter((e) => e.kind === "notify.send")).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("without its channel's secret it is reported as not sent, its fallback standing, and not sent again", async () => {
    const log = newLog();
    const send = run([pending], at("+13m")).effects.find((e): e is NotifySend => e.kind === "notify.send");
    await notifyExecutor(port({}), log).execute(send as NotifySend);
    expect(log.applied).toEqual([expect.objectContaining({ outcome: "no-sender", detail: `${ID}:acknowledge#1:slack-incidents: not sent: secret SLACK_INCIDENTS_WEBHOOK_URL is not set; fallback: issue-comment` })]);
    const r = settleRecord(pending, log.answers.get(ID) ?? {}, { policies, onCall, now: at("+13m") }).record ?? pending;
    expect(r.notifications?.[0]?.status).toBe("no-sender");
    expect(run([r], at("+30m")).effects.filter((e) => e.kind === "notify.send")).toEqual([]);
  });
});

describe("records that are over", () => {
  it("move to the archive: a closed one at once, a resolved one after a week with nothing pending", () => {
    const closed = investigating({ status: "closed", timestamps: { ...investigating().timestamps, resolved: at("+1h"), closed: at("+2h") } });
    expect(run([closed], at("+3h")).effects).toEqual([expect.objectContaining({ kind: "record.write", path: `incidents/archive/2026-12/${ID}.yaml` })]);
    const resolved = investigating({ severity: "P3", status: "resolved", timestamps: { ...investigating().timestamps, resolved: at("+1h") } });
    expect(run([resolved], at("+2h")).effects).toEqual([]);
    expect(run([resolved], "2026-12-09T18:00:00Z").effects).toEqual([expect.objectContaining({ kind: "record.write", path: `incidents/archive/2026-12/${ID}.yaml` })]);
  });
});
