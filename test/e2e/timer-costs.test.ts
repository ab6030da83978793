// Timers that cost what they should: nothing holds a hosted runner for a deadline hours away — no
// timer is dispatched for it, a timer run woken for it ends at once, and the hourly backstop arms a
// timer when the deadline comes within reach.
import { expect, it } from "vitest";
import type { World } from "./harness.js";
import { worldPerTest } from "./per-test.js";
import { commentEvent, openP0, record, scheduleEvent, timerEvent } from "./incident-events.js";

let w: World;
let inc: { issue: number; id: string };
worldPerTest(async (fresh) => {
  w = fresh;
  inc = await openP0(w);
});

const shiftedTo = (at: string, leadMs = 0) => ({ env: { INCIDENT_AS_CODE_CLOCK_OFFSET_MS: String(Date.parse(at) - leadMs - Date.now()) } });

it("a timer for a deadline hours away ends at once; the backstop arms it within the hour before", async () => {
  for (const body of ["/ack", "/sev P3 calmer than it looked"]) expect((await w.act("issue_comment", commentEvent(w, inc.issue, body, "alice-example").event)).code).toBe(0);
  const r = record(w);
  const sla = new Date(Date.parse(r.timestamps.detected) + 72 * 3600_000).toISOString().replace(".000Z", "Z");
  const armedBefore = w.gh.state.dispatches.length;
  // The commands armed no timer for the resolution target, three days out: the record keeps it.
  expect(w.gh.state.dispatches.map((d) => d.clientPayload)).not.toContainEqual({ incident: inc.id, at: sla });
  expect(r.timer).toEqual({ at: sla, armed: false });

  // The run ends without sleeping (the decision is taken before any wait).
  const deferred = await w.act("repository_dispatch", timerEvent(inc.id, sla));
  expect(deferred.outputs.decision).toBe("timer-deferred");

  // An hourly backstop 90 min before the deadline arms nothing; 30 min before, it arms the timer.
  expect((await w.act("schedule", scheduleEvent(), shiftedTo(sla, 90 * 60_000))).code).toBe(0);
  expect(w.gh.state.dispatches.length).toBe(armedBefore);
  const near = await w.act("schedule", scheduleEvent(), shiftedTo(sla, 30 * 60_000));
  expect(near.outputs.reason).toContain(`${inc.id}: timer armed`);
  expect(w.gh.state.dispatches.slice(armedBefore).map((d) => d.clientPayload)).toEqual([{ incident: inc.id, at: sla }]);
}, 300_000);
