// The generic alert format (schemas/alert.schema.json) for monitors that are neither Alertmanager
// nor Grafana: `{"version": "1", "alerts": [...]}` or a single alert object. Alerts use the
// Alertmanager field names; `status` defaults to firing and `startsAt` to the time received.
import type { Alert, NormalizeOptions, NormalizeResult } from "./types.js";
import { readAlert } from "./alert-fields.js";
import { Collector, describe, emptyMeta, finishAlerts, isRecord, readAlertsArray } from "./fields.js";

export function normalizeGeneric(payload: unknown, options?: NormalizeOptions): NormalizeResult {
  const c = new Collector();
  const meta = emptyMeta();
  if (!isRecord(payload)) {
    c.error("$", `expected a generic alert object, got ${describe(payload)}`);
    return c.result("alert", [], meta, payload);
  }
  const version = payload["version"];
  if (version !== undefined && version !== "1") {
    c.error("version", `generic alert format version ${describe(version)} is not supported; expected "1" or no version`);
    return c.result("alert", [], meta, payload);
  }
  const single = payload["alerts"] === undefined && payload["labels"] !== undefined;
  const items = single ? [payload] : readAlertsArray(payload, c, options);
  if (!items) return c.result("alert", [], meta, payload);
  const read: { alert: Alert; field: string }[] = [];
  items.forEach((item, i) => {
    const field = single ? "$" : `alerts[${i}]`;
    const alert = readAlert(item, field, "alert", c, { lenient: true }, options);
    if (!alert) return;
    if (alert.labels["alertname"] === undefined) c.warn(`${field}.labels.alertname`, "missing; classification rules and titles usually need it");
    read.push({ alert, field });
  });
  return c.result("alert", finishAlerts(read, c), meta, payload);
}
