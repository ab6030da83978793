// Small builders for engine tests.
import type { Alert } from "../../src/alerts/types.js";
import type { OpenIncident } from "../../src/engine/incident-view.js";
import { labelFingerprint } from "../../src/alerts/fields.js";

export const NOW = new Date("2026-03-02T10:00:00.000Z");

export function alert(labels: Record<string, string>, over: Partial<Alert> = {}): Alert {
  return {
    source: "alertmanager",
    fingerprint: labelFingerprint(labels),
    status: "firing",
    labels,
    annotations: {},
    startsAt: "2026-03-02T09:58:00.000Z",
    endsAt: null,
    generatorURL: null,
    ...over,
  };
}

export function incident(over: Partial<OpenIncident> & Pick<OpenIncident, "id" | "groupKey">): OpenIncident {
  return { severity: "P1", status: "triggered", service: "api", alerts: [], openedAt: "2026-03-02T09:50:00.000Z", lastAlertAt: "2026-03-02T09:55:00.000Z", ...over };
}

/** Deep-freezes a value so a test fails if the engine mutates its inputs. */
export function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}
