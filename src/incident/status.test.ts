import { describe, expect, it } from "vitest";
import { at, investigating, record } from "./incident.test-helpers.js";
import type { IncidentStatus } from "./record.js";
import { allowedTransitions, reopenTarget, transition } from "./status.js";

const now = at("+20m");

describe("transition", () => {
  it.each<[IncidentStatus, IncidentStatus]>([
    ["triggered", "acknowledged"],
    ["triggered", "resolved"],
    ["acknowledged", "investigating"],
    ["investigating", "identified"],
    ["identified", "monitoring"],
    ["identified", "investigating"],
    ["monitoring", "investigating"],
    ["monitoring", "resolved"],
    ["resolved", "postmortem-draft"],
    ["resolved", "closed"],
    ["postmortem-draft", "postmortem-review"],
    ["postmortem-review", "postmortem-draft"],
    ["postmortem-review", "postmortem-published"],
    ["postmortem-published", "closed"],
  ])("%s → %s is allowed and recorded", (from, to) => {
    const r = transition(record({ status: from }), to, "maria", now);
    expect(r).toMatchObject({ ok: { status: to } });
    if ("ok" in r) expect(r.ok.timeline.at(-1)).toEqual({ at: now, actor: "maria", kind: "status", text: `${from} → ${to}` });
  });

  it.each<[IncidentStatus, IncidentStatus, string]>([
    ["triggered", "investigating", "Cannot change status from triggered to investigating; from triggered it can go to: acknowledged, resolved."],
    ["investigating", "acknowledged", "Cannot change status from investigating to acknowledged; from investigating it can go to: identified, resolved."],
    ["closed", "investigating", "Cannot change status from closed to investigating; closed is final."],
    ["investigating", "investigating", "The incident is already investigating."],
  ])("%s → %s is refused with what is allowed", (from, to, error) => {
    expect(transition(record({ status: from }), to, "maria", now)).toEqual({ error });
  });

  it("lands after the record's last entry when it was decided earlier (a run that lost a race decides again on the winner's record)", () => {
    const acked = transition(record({ status: "triggered" }), "acknowledged", "bob", at("+30m"));
    if (!("ok" in acked)) throw new Error(acked.error);
    const resolved = transition(acked.ok, "resolved", "alice", at("+25m"));
    if (!("ok" in resolved)) throw new Error(resolved.error);
    expect(resolved.ok.timeline.map((e) => e.at)).toEqual([...resolved.ok.timeline.map((e) => e.at)].sort());
    expect(resolved.ok.timestamps.resolved).toBe(at("+30m"));
    expect(resolved.ok.timeline.at(-1)).toMatchObject({ at: at("+30m"), actor: "alice" });
    // Decided later than the last entry, a change keeps its own time.
    const later = transition(acked.ok, "resolved", "alice", at("+40m"));
    expect("ok" in later && later.ok.timestamps.resolved).toBe(at("+40m"));
  });

  it("sets acknowledged, mitigated and resolved once", () => {
    const steps: IncidentStatus[] = ["acknowledged", "investigating", "identified", "monitoring", "resolved"];
    let r = record();
    steps.forEach((s, i) => {
      const t = transition(r, s, "maria", at(`+${i + 1}m`));
      if ("error" in t) throw new Error(t.error);
      r = t.ok;
    });
    expect(r.timestamps).toMatchObject({ acknowledged: at("+1m"), mitigated: at("+4m"), resolved: at("+5m") });
  });

  it("reopens to investigating when work had got past acknowledgement, clearing resolved", () => {
    const resolved = transition(investigating(), "resolved", "maria", at("+30m"));
    if ("error" in resolved) throw new Error(resolved.error);
    expect(reopenTarget(resolved.ok)).toBe("investigating");
    expect(allowedTransitions(resolved.ok)).toEqual(["investigating", "postmortem-draft", "closed"]);
    const reopened = transition(resolved.ok, "investigating", "maria", at("+40m"));
    expect(reopened).toMatchObject({ ok: { status: "investigating", timestamps: { resolved: null, mitigated: null, acknowledged: at("+2m") } } });
    if ("ok" in reopened) expect(reopened.ok.timeline.at(-1)?.text).toBe("resolved → investigating (reopened)");
  });

  it("reopens an incident resolved before anyone acknowledged it as acknowledged, by the reopener", () => {
    const resolved = transition(record(), "resolved", "maria", at("+3m"));
    if ("error" in resolved) throw new Error(resolved.error);
    expect(reopenTarget(resolved.ok)).toBe("acknowledged");
    expect(transition(resolved.ok, "acknowledged", "maria", at("+50m"))).toMatchObject({ ok: { status: "acknowledged", timestamps: { acknowledged: at("+50m") } } });
    expect(transition(resolved.ok, "investigating", "maria", at("+50m"))).toEqual({ error: "Cannot change status from resolved to investigating; from resolved it can go to: acknowledged, postmortem-draft, closed." });
  });
});
