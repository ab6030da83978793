import { describe, expect, it } from "vitest";
import { record } from "./incident.test-helpers.js";
import { mergeLabels, recordLabels } from "./labels.js";

describe("recordLabels", () => {
  it("gives valid labels (at most 50 characters) for a 64-character service, team and type", () => {
    const long = `${"payments-reconciliation-".repeat(2)}worker-eu-west`; // 62 characters
    const r = record({ service: `${long}-1`, team: `${long}-2`, type: `${long}-3` });
    const labels = recordLabels(r);
    expect(labels.every((l) => l.length <= 50)).toBe(true);
    expect(labels.filter((l) => l.startsWith("service:"))).toHaveLength(1);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("keeps people's labels and replaces ours, also with fitted names", () => {
    const r = record({ service: "s".repeat(64) });
    const before = recordLabels(record({ service: "t".repeat(64) }));
    const merged = mergeLabels([...before, "customer-facing"], recordLabels(r));
    expect(merged).toEqual([...recordLabels(r), "customer-facing"]);
  });
});
