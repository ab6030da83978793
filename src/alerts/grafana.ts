// Grafana unified-alerting webhook contact point (https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/).
// Same alert shape as Alertmanager plus Grafana's links, which are kept as annotations for responders.
import type { Alert, NormalizeOptions, NormalizeResult } from "./types.js";
import { readAlert } from "./alert-fields.js";
import { Collector, describe, emptyMeta, finishAlerts, isRecord, readAlertsArray } from "./fields.js";

const SUPPORTED_VERSIONS = new Set(["1"]);
/** Grafana alert fields copied into annotations (when not already there) so issues can link them. */
const LINKS: Record<string, string> = { dashboardURL: "dashboard_url", panelURL: "panel_url", silenceURL: "silence_url", valueString: "value_string" };

export function normalizeGrafana(payload: unknown, options?: NormalizeOptions): NormalizeResult {
  const c = new Collector();
  const meta = emptyMeta();
  if (!isRecord(payload)) {
    c.error("$", `expected a Grafana webhook object, got ${describe(payload)}`);
    return c.result("grafana", [], meta, payload);
  }
  const version = payload["version"];
  if (typeof version !== "string" || !SUPPORTED_VERSIONS.has(version)) {
    c.error("version", `Grafana webhook version ${describe(version)} is not supported; expected "1"`);
    return c.result("grafana", [], meta, payload);
  }
  meta.groupKey = typeof payload["groupKey"] === "string" ? payload["groupKey"] : null;
  meta.receiver = typeof payload["receiver"] === "string" ? payload["receiver"] : null;
  meta.externalURL = typeof payload["externalURL"] === "string" ? payload["externalURL"] : null;
  const truncated = payload["truncatedAlerts"];
  if (typeof truncated === "number" && truncated > 0) {
    meta.truncatedAlerts = truncated;
    c.warn("truncatedAlerts", `Grafana dropped ${truncated} alert(s) of this group before sending; they are not in this payload`);
  }
  const items = readAlertsArray(payload, c, options);
  if (!items) return c.result("grafana", [], meta, payload);
  const read: { alert: Alert; field: string }[] = [];
  items.forEach((item, i) => {
    const field = `alerts[${i}]`;
    const alert = readAlert(item, field, "grafana", c, { lenient: false }, options);
    if (!alert || !isRecord(item)) return;
    alert.annotations = { ...alert.annotations }; // may be the payload's own object: never mutate it
    for (const [from, to] of Object.entries(LINKS)) {
      const v = item[from];
      if (typeof v === "string" && v !== "" && alert.annotations[to] === undefined) alert.annotations[to] = v;
    }
    read.push({ alert, field });
  });
  return c.result("grafana", finishAlerts(read, c), meta, payload);
}
