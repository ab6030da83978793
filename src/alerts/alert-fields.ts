// Reads one alert object in the Alertmanager shape, which Grafana and the generic format share.
import type { Alert, AlertSource, NormalizeOptions } from "./types.js";
import type { Collector } from "./fields.js";
import { MAX_ANNOTATION_VALUE, MAX_LABEL_VALUE, describe, isRecord, labelFingerprint, readOptionalString, readStatus, readStringMap, readTime } from "./fields.js";

export interface ReadAlertRules {
  /** Generic alerts may omit status (firing) and startsAt (options.receivedAt). */
  lenient: boolean;
}

/** One alert, or null when it cannot be used (errors recorded with its index). */
export function readAlert(value: unknown, field: string, source: AlertSource, c: Collector, rules: ReadAlertRules, options?: NormalizeOptions): Alert | null {
  if (!isRecord(value)) {
    c.error(field, `expected an alert object, got ${describe(value)}`);
    return null;
  }
  const before = c.errors.length;
  const labels = readStringMap(value["labels"], field, "labels", c, MAX_LABEL_VALUE, true);
  const annotations = readStringMap(value["annotations"], field, "annotations", c, MAX_ANNOTATION_VALUE, false);
  const status = readStatus(value["status"], field, c, rules.lenient ? "firing" : undefined);
  let startsAt = readTime(value["startsAt"], field, "startsAt", c);
  if (startsAt === null) {
    if (rules.lenient && options?.receivedAt !== undefined) {
      startsAt = options.receivedAt;
      c.warn(`${field}.startsAt`, `missing; the time the payload was received (${startsAt}) is used`);
    } else {
      c.error(`${field}.startsAt`, "is missing or the zero time; every alert needs the time it started firing");
    }
  }
  const endsAt = readTime(value["endsAt"], field, "endsAt", c);
  if (c.errors.length > before || !labels || !annotations || !status || !startsAt || endsAt === undefined) return null;

  let fingerprint = value["fingerprint"];
  if (typeof fingerprint !== "string" || fingerprint === "") {
    if (fingerprint !== undefined) c.warn(`${field}.fingerprint`, `${describe(fingerprint)} ignored; computed from the labels`);
    fingerprint = labelFingerprint(labels);
  }
  const generatorURL = readOptionalString(value["generatorURL"], field, "generatorURL", c);
  return { source, fingerprint: fingerprint as string, status, labels, annotations, startsAt, endsAt, generatorURL };
}
