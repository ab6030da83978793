// Incident titles from alert text: one line, at most 200 characters, cut between graphemes.
import { describe, expect, it } from "vitest";
import type { Alert } from "../alerts/types.js";
import { INCIDENT_TITLE_MAX, titleOf } from "./classify.js";

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const alert = (summary: string): Alert => ({
  source: "alertmanager",
  fingerprint: "f1",
  status: "firing",
  labels: { alertname: "X" },
  annotations: { summary },
  startsAt: "2026-12-01T17:00:00.000Z",
  endsAt: null,
  generatorURL: null,
});

describe("titleOf", () => {
  it.each([
    ["an emoji", "🔥"],
    ["a ZWJ sequence", "👩‍🚒"],
    ["a flag", "🇯🇵"],
    ["a combining mark", "e\u0301"],
  ])("never cuts a 200-character title inside %s", (_name, grapheme) => {
    for (let pad = 190; pad <= 200; pad++) {
      const title = titleOf(alert(`${"a".repeat(pad)}${grapheme.repeat(20)}`), { titleTemplate: null, service: "api" });
      expect(title.length).toBeLessThanOrEqual(INCIDENT_TITLE_MAX);
      expect(title).not.toMatch(LONE);
      expect(title.endsWith("…")).toBe(true);
      const kept = title.slice(pad, -1);
      expect(kept.split(grapheme).every((part) => part === "")).toBe(true); // whole graphemes only
    }
  });
});
