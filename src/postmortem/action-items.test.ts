import { describe, expect, it } from "vitest";
import { actionItemsFor, parseActionItems } from "./action-items.js";
import { generatePostmortem } from "./generate.js";
import { EMPTY_HISTORY, NOW, policies, resolvedP1 } from "./testing.js";

const titles = (record = resolvedP1()) => actionItemsFor(record, policies, NOW).map((a) => a.title);

describe("actionItemsFor", () => {
  it.each([
    ["a deployment root cause, slow detection", "Bad deployment of the gateway", "2026-11-27T17:08:00Z", ["Improve deployment testing", "Add monitoring for this failure mode"]],
    ["a rollout, detected in 5 minutes exactly", "A config rollout went wrong", "2026-11-27T17:05:00Z", ["Improve deployment testing"]],
    ["a capacity root cause, slow detection", "Disk filled up", "2026-11-27T17:06:00Z", ["Add monitoring for this failure mode"]],
    ["a word that only contains a keyword", "A prerelease flag was left on", "2026-11-27T17:01:00Z", []],
  ])("%s", (_name, text, detected, expected) => {
    const base = resolvedP1();
    expect(titles(resolvedP1({ rootCause: { category: null, text }, timestamps: { ...base.timestamps, detected } }))).toEqual(expected);
  });

  it("keeps items added during the incident first and drops rule items with the same title", () => {
    const manual = { title: "improve DEPLOYMENT testing", owner: "@bob", due: "2026-12-01", priority: "Medium" as const, source: "manual", issue: 7 };
    expect(actionItemsFor(resolvedP1({ actionItems: [manual] }), policies, NOW)).toEqual([
      manual,
      { title: "Add monitoring for this failure mode", owner: "SRE Team", due: "2026-12-04", priority: "High", source: "slow-detection", issue: null },
    ]);
  });
});

describe("parseActionItems", () => {
  it("reads back what the generator wrote", () => {
    const pm = generatePostmortem(resolvedP1(), policies, { now: NOW, history: EMPTY_HISTORY });
    expect(parseActionItems(pm.content)).toEqual(pm.actionItems.map((a) => ({ ...a, source: "postmortem" })));
  });

  it("reads a table reviewers edited: columns moved, an extra column, escapes and mentions", () => {
    const markdown = [
      "## Action Items",
      "",
      "| Priority | Owner | Title | Due date | Issue |",
      "|:--|--|--|--|--|",
      "| high | @\u200Bbob | Retry \\*only\\* idempotent calls \\| GETs | 2026-12-01 | |",
      "| Low | SRE Team | Alert on retry storms | 2026-12-15 | |",
      "",
      "## Appendix",
      "",
      "| Title | Owner | Due | Priority |",
      "|---|---|---|---|",
      "| Not an action item | x | 2026-12-01 | High |",
    ].join("\n");
    expect(parseActionItems(markdown)).toEqual([
      { title: "Retry *only* idempotent calls | GETs", owner: "@bob", due: "2026-12-01", priority: "High", source: "postmortem", issue: null },
      { title: "Alert on retry storms", owner: "SRE Team", due: "2026-12-15", priority: "Low", source: "postmortem", issue: null },
    ]);
  });
});
