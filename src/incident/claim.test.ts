// Who may open an incident's issue, and a failed run giving its claim up.
import { describe, expect, it } from "vitest";
import { mayOpenIssue, releaseClaim } from "./claim.js";
import { at, record } from "./incident.test-helpers.js";

const STALE = 10 * 60_000;
const claimed = record({ links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: "41", claim: "k" } });

describe("mayOpenIssue", () => {
  it.each([
    ["the claiming run (a re-run)", claimed, "41", "+1m", true],
    ["another run while the claim is fresh", claimed, "42", "+1m", false],
    ["the backstop while the claim is fresh", claimed, null, "+9m", false],
    ["anyone once the claim is stale", claimed, null, "+10m", true],
    ["anyone once the claim was released", releaseClaim(claimed, "41", at("+1m"), "HTTP 500") ?? claimed, null, "+1m", true],
    ["nobody when the issue exists", record(), "41", "+1h", false],
  ] as const)("%s: %s", (_what, r, runId, offset, expected) => {
    expect(mayOpenIssue(r, runId, Date.parse(at(offset)), STALE)).toBe(expected);
  });
});

describe("releaseClaim", () => {
  it("gives up this run's claim and says why in the timeline", () => {
    const released = releaseClaim(claimed, "41", at("+1m"), "POST /issues answered 500");
    expect(released?.links).toMatchObject({ issue: null, openedBy: null, claim: "k" });
    expect(released?.timeline.at(-1)).toEqual({ at: at("+1m"), actor: "incident-as-code", kind: "note", text: "Run 41 could not open the issue (POST /issues answered 500); the next run opens it" });
  });

  it("leaves another run's claim, and an incident that has its issue, alone", () => {
    expect(releaseClaim(claimed, "42", at("+1m"), "x")).toBeNull();
    expect(releaseClaim(record(), "41", at("+1m"), "x")).toBeNull();
  });
});
