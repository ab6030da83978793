// The demo's incidents with every shipped channel's secret pointing at a loopback receiver: what
// each receiver got, checked against what the channel promises (PagerDuty's trigger/acknowledge/
// resolve on one dedup_key, one Slack message and one Teams card per lifecycle event, a signed
// webhook that verifies with the Standard Webhooks library, one e-mail per P2 audience); re-running
// every run sends nothing more; receivers down for a whole run lose nothing.
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import type { IncidentRecord } from "../../src/incident/record.js";
import { whoIsOnCall } from "../../src/oncall/rotation.js";
import { shippedPolicies } from "../engine/fixtures.js";
import { SIGNING_KEY, startChannelReceivers, type ChannelReceivers, type HttpChannel } from "./channel-receivers.js";
import { DEMO_STEPS } from "./demo-events.js";
import { dispatchEvent, example, world, type World } from "./harness.js";
import { records, scheduleEvent } from "./incident-events.js";

let rx: ChannelReceivers | undefined;
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  await rx?.close();
  w = rx = undefined;
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;
type Signed = { type: string; data: { incident_id: string } };
/** Payloads whose signature verified, by webhook-id: checked as they arrive, since the library refuses a timestamp over 5 minutes old (replay protection) and a slow machine's whole demo takes longer. */
const signed = new Map<string, Signed>();
function verifyArrived(): void {
  for (const r of [...(rx?.http("incident-webhook") ?? []), ...(rx?.http("phone-call") ?? [])]) {
    const id = String(r.headers["webhook-id"]);
    if (!signed.has(id)) signed.set(id, new Webhook(SIGNING_KEY).verify(r.body, { "webhook-id": id, "webhook-timestamp": String(r.headers["webhook-timestamp"]), "webhook-signature": String(r.headers["webhook-signature"]) }) as Signed);
  }
}
const verified = (r: { headers: Record<string, unknown> }): Signed => {
  const payload = signed.get(String(r.headers["webhook-id"]));
  if (!payload) throw new Error(`webhook ${String(r.headers["webhook-id"])} was never verified`);
  return payload;
};
/** What the record says was sent through `channel`, as "incident:event", in the order decided. */
const sentBy = (all: IncidentRecord[], channel: string) => all.flatMap((r) => (r.notifications ?? []).filter((n) => n.channel === channel && n.status === "sent").map((n) => `${r.id}:${n.event}`));
const headline = (r: { body: string }) => String(json(r.body)["text"] ?? json(r.body)["summary"]);

describe("every shipped channel, through the demo's incidents", () => {
  it("each receiver gets what its channel promises, once; re-running a run sends nothing", { timeout: 1_200_000 }, async () => {
    rx = await startChannelReceivers();
    w = await world({}, (seed) => rx?.seed(seed));
    // Each run is re-run at once (GitHub's "Re-run jobs": the same event and run id), as a responder
    // does when a run reported a failure: the re-run finds its work done and sends nothing.
    for (const [i, step] of DEMO_STEPS.entries()) {
      const event = step.event(w);
      const runId = String(7000 + i);
      const run = await w.act(step.eventName, event, { runId, env: rx.env });
      expect(run.code, `${step.title}: ${run.stdout}${run.stderr}`).toBe(0);
      verifyArrived();
      const sent = rx.count();
      expect((await w.act(step.eventName, event, { runId, env: rx.env })).code).toBe(0);
      expect(rx.count(), `re-run of ${step.title}`).toBe(sent);
    }
    const all = records(w);
    const p0 = all.find((r) => r.severity === "P0");
    const p2 = all.filter((r) => r.severity === "P2");
    expect(p0?.status).not.toBe("triggered"); // the demo resolved it
    expect(p2).toHaveLength(1);

    // PagerDuty: one alert per incident (dedup_key = incident id): trigger, acknowledge, resolve.
    const pd = rx.http("pagerduty").map((r) => json(r.body) as { event_action: string; dedup_key: string; routing_key: string });
    expect(pd.every((e) => e.routing_key === rx?.env["PAGERDUTY_ROUTING_KEY"])).toBe(true);
    const actions = (id: string) => pd.filter((e) => e.dedup_key === id).map((e) => e.event_action);
    expect(actions(p0?.id ?? "")).toEqual(["trigger", "acknowledge", "resolve"]);
    for (const r of all.filter((r) => r.severity === "P1")) expect(actions(r.id)).toEqual(["trigger", "resolve"]);
    expect(new Set(pd.map((e) => e.dedup_key))).toEqual(new Set(all.filter((r) => r.severity === "P0" || r.severity === "P1").map((r) => r.id)));

    // Slack and Teams: one message per lifecycle event the record logged as sent, in that order.
    const slack = rx.http("slack-incidents");
    expect(slack).toHaveLength(sentBy(all, "slack-incidents").length);
    expect(slack.filter((m) => headline(m).startsWith("[P0]")).map(headline)).toEqual([
      expect.stringMatching(/^\[P0\] Incident declared: /),
      expect.stringMatching(/^\[P0\] Acknowledged by @bob-example: /),
      expect.stringMatching(/^\[P0\] Update: /),
      expect.stringMatching(/^\[P0\] Resolved: /),
    ]);
    const teams = rx.http("teams-leadership").map((r) => json(r.body) as { attachments: { contentType: string; content: { type: string; version: string } }[] });
    expect(teams).toHaveLength(sentBy(all, "teams-leadership").length);
    expect(sentBy(all, "teams-leadership")).toEqual(["open", "acknowledge", "update", "resolve"].map((e) => `${p0?.id}:${e}`));
    for (const card of teams) {
      expect(card.attachments).toHaveLength(1);
      expect(card.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.attachments[0]?.content).toMatchObject({ type: "AdaptiveCard", version: expect.stringMatching(/^1\.\d$/) as unknown });
    }

    // The signed webhook and the phone bridge: every request verifies, one per event logged.
    const hooks = rx.http("incident-webhook").map(verified);
    expect(hooks.map((h) => `${h.data.incident_id}:${h.type.replace("incident.", "")}`).sort()).toEqual(sentBy(all, "incident-webhook").sort());
    expect(rx.http("phone-call").map(verified).map((h) => h.data.incident_id)).toEqual([p0?.id]);
    expect(rx.http("slack-team")).toEqual([]); // P3's channel: the demo has no P3

    // E-mail: P2 only, one message to its audience (routing.yaml: the routed rotation's primary
    // when the P2 opened), at the address teams.yaml gives.
    const policies = shippedPolicies();
    const opened = p2[0]?.notifications?.find((n) => n.channel === "email");
    const rotation = policies.rotations[p2[0]?.rotation ?? ""];
    const primary = rotation && opened ? whoIsOnCall(rotation, opened.at).primary : null;
    expect(primary).not.toBeNull();
    expect(rx.mail()).toHaveLength(1);
    expect(rx.mail()[0]?.to).toEqual([policies.people[primary ?? ""]?.email]);
    expect(rx.mail()[0]?.raw).toMatch(/^Subject: \[P2\] Incident declared: /m);
  });

  it("receivers down for the whole run lose nothing: the backstop delivers each message once", { timeout: 600_000 }, async () => {
    let down = true;
    rx = await startChannelReceivers((req) => (down ? { status: 503, body: "down" } : { status: req.path.startsWith("/pagerduty") ? 202 : 200, body: "ok" }));
    w = await world({}, (seed) => rx?.seed(seed));
    const opened = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")), { env: rx.env });
    expect(opened.code, opened.stdout + opened.stderr).toBe(0);
    const p0 = records(w)[0];
    expect((p0?.notifications ?? []).map((n) => `${n.channel}:${n.status}`).sort()).toEqual(["incident-webhook:failed", "pagerduty:failed", "phone-call:failed", "slack-incidents:failed", "teams-leadership:failed"]);
    expect(opened.summary).toContain("notification(s) failed");

    down = false;
    const delivered = (c: HttpChannel) => rx?.http(c).filter((r) => r.status < 300).length;
    expect((await w.act("schedule", scheduleEvent(), { env: rx.env })).code).toBe(0);
    for (const c of ["pagerduty", "slack-incidents", "phone-call", "teams-leadership", "incident-webhook"] as const) expect(delivered(c), c).toBe(1);
    expect((records(w)[0]?.notifications ?? []).every((n) => n.status === "sent")).toBe(true);
    expect((await w.act("schedule", scheduleEvent(), { env: rx.env })).code).toBe(0);
    for (const c of ["pagerduty", "slack-incidents", "phone-call", "teams-leadership", "incident-webhook"] as const) expect(delivered(c), c).toBe(1);
  });
});
