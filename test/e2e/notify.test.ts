// Notifications end to end: dist/index.js sends the `notify.send` effects of its Plan through the
// channel's sender to a real receiver on loopback, with the secret from the environment (as the
// workflow passes it), once; a channel whose secret is not set is reported and its fallback stands;
// a receiver that is down loses nothing: the schedule backstop delivers it later, once.
import { afterEach, describe, expect, it } from "vitest";
import { answers, startReceiver, type Receiver } from "../../src/notify/receivers.test-helpers.js";
import { dispatchEvent, example, type World } from "./harness.js";
import { record, scheduleEvent } from "./incident-events.js";
import { worldPerTest } from "./per-test.js";

let w: World;
worldPerTest((fresh) => {
  w = fresh;
});
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const SECRET_PATH = "T000/B000/NotForTheLogs0123456789";
const slack = (r: Receiver) => ({ env: { SLACK_INCIDENTS_WEBHOOK_URL: `${r.url}/services/${SECRET_PATH}` } });
const statusOf = (channel: string) => record(w).notifications?.filter((n) => n.channel === channel).map((n) => `${n.event}:${n.status}`);

describe("a P0 opened with the #incidents Slack webhook set", () => {
  it("sends the open to Slack once, links the issue, and keeps the secret out of the summary; a re-run sends nothing", async () => {
    receiver = await startReceiver(answers.ok());
    const event = dispatchEvent("alertmanager", example("service-down.json"));
    const run = await w.act("repository_dispatch", event, slack(receiver));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const message = JSON.stringify(receiver.json(0));
    expect(message).toContain("Incident declared");
    expect(message).toContain(`/acme/ops/issues/${record(w).links.issue ?? "?"}`);
    expect(statusOf("slack-incidents")).toEqual(["open:sent"]);
    // No secret for PagerDuty here: not sent, reported, its fallback (the mentions) stands.
    expect(statusOf("pagerduty")).toEqual(["open:no-sender"]);
    expect(run.summary).toContain("secret PAGERDUTY_ROUTING_KEY is not set");
    expect(run.summary).not.toContain(SECRET_PATH);

    expect((await w.act("repository_dispatch", event, slack(receiver))).code).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it("a receiver down for the whole run loses nothing: the backstop delivers it later, once", async () => {
    receiver = await startReceiver(answers.sequence({ status: 503, body: "down" }));
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")), slack(receiver));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const tries = receiver.received.length;
    expect(tries).toBeGreaterThan(1);
    expect(statusOf("slack-incidents")).toEqual(["open:failed"]);
    expect(run.summary).toContain("notification(s) failed");
    await receiver.close();

    receiver = await startReceiver(answers.ok());
    expect((await w.act("schedule", scheduleEvent(), slack(receiver))).code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(statusOf("slack-incidents")).toEqual(["open:sent"]);
    expect((await w.act("schedule", scheduleEvent(), slack(receiver))).code).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });
});
