// Prometheus Alertmanager webhook, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
// Unknown top-level and per-alert fields (e.g. newer `notification_reason`) are tolerated.
import type { Alert, NormalizeOptions, NormalizeResult } from "./types.js";
import { readAlert } from "./alert-fields.js";
import { Collector, describe, emptyMeta, finishAlerts, isRecord, readAlertsArray } from "./fields.js";

export function normalizeAlertmanager(payload: unknown, options?: NormalizeOptions): NormalizeResult {
  const c = new Collector();
  const meta = emptyMeta();
  if (!isRecord(payload)) {
    c.error("$", `expected an Alertmanager webhook object, got ${describe(payload)}`);
    return c.result("alertmanager", [], meta, payload);
  }
  if (payload["version"] !== "4") {
    c.error("version", `Alertmanager webhook version ${describe(payload["version"])} is not supported; expected "4"`);
    return c.result("alertmanager", [], meta, payload);
  }
  meta.groupKey = typeof payload["groupKey"] === "string" ? payload["groupKey"] : null;
  meta.receiver = typeof payload["receiver"] === "string" ? payload["receiver"] : null;
  meta.externalURL = typeof payload["externalURL"] === "string" ? payload["externalURL"] : null;
  const truncated = payload["truncatedAlerts"];
  if (typeof truncated === "number" && Number.isInteger(truncated) && truncated > 0) {
    meta.truncatedAlerts = truncated;
    c.warn("truncatedAlerts", `Alertmanager dropped ${truncated} alert(s) of this group before sending (max_alerts); they are not in this payload`);
  } else if (truncated !== undefined && truncated !== 0) {
    c.warn("truncatedAlerts", `${describe(truncated)} ignored; expected a non-negative integer`);
  }
  const items = readAlertsArray(payload, c, options);
  if (!items) return c.result("alertmanager", [], meta, payload);
  const read: { alert: Alert; field: string }[] = [];
  items.forEach((item, i) => {
    const field = `alerts[${i}]`;
    const alert = readAlert(item, field, "alertmanager", c, { lenient: false }, options);
    if (alert) read.push({ alert, field });
  });
  return c.result("alertmanager", finishAlerts(read, c), meta, payload);
}
