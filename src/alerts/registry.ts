// Chooses a normalizer: by source name (the repository_dispatch `event_type`) or by sniffing the
// payload's shape. The dispatch convention is fixed: `event_type` names the source and the sender's
// unmodified body sits under `client_payload.payload`.
import type { AlertSource, NormalizeOptions, NormalizeResult, Normalizer } from "./types.js";
import { ALERT_SOURCES, PayloadError } from "./types.js";
import { normalizeAlertmanager } from "./alertmanager.js";
import { normalizeGrafana } from "./grafana.js";
import { normalizeGeneric } from "./generic.js";
import { Collector, describe, emptyMeta, isRecord } from "./fields.js";

export const normalizers: Readonly<Record<AlertSource, Normalizer>> = {
  alertmanager: normalizeAlertmanager,
  grafana: normalizeGrafana,
  alert: normalizeGeneric,
};

export function isAlertSource(name: unknown): name is AlertSource {
  return typeof name === "string" && (ALERT_SOURCES as readonly string[]).includes(name);
}

/** Which source a body looks like, or null. Grafana is checked first: its body is a superset of Alertmanager's. */
export function sniffSource(payload: unknown): AlertSource | null {
  if (!isRecord(payload)) return null;
  if ("orgId" in payload || ("state" in payload && "title" in payload && "alerts" in payload)) return "grafana";
  if (payload["version"] === "4" && ("groupKey" in payload || "receiver" in payload)) return "alertmanager";
  if (Array.isArray(payload["alerts"]) || isRecord(payload["labels"])) return "alert";
  return null;
}

/** True for a repository_dispatch event as GitHub delivers it (`action`) or as the API takes it (`event_type`). */
export function isDispatchEvent(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && isRecord(value["client_payload"]) && (typeof value["action"] === "string" || typeof value["event_type"] === "string");
}

export function normalize(source: string | null, payload: unknown, options?: NormalizeOptions): NormalizeResult {
  const chosen = source ?? sniffSource(payload);
  if (chosen === null) return failure("$", "payload is not a known alert format (Alertmanager v4, Grafana, or the generic format); pass the source explicitly", payload);
  if (!isAlertSource(chosen)) return failure("source", `unknown alert source "${chosen}"; expected one of ${ALERT_SOURCES.join(", ")}`, payload);
  return normalizers[chosen](payload, options);
}

/**
 * A repository_dispatch event → alerts. In the webhook payload (GITHUB_EVENT_PATH) GitHub puts the
 * `event_type` in `action`; the REST request body calls it `event_type`. Both are accepted.
 */
export function fromDispatch(event: unknown, options?: NormalizeOptions): NormalizeResult {
  if (!isDispatchEvent(event)) return failure("$", `expected a repository_dispatch event with client_payload, got ${describe(event)}`, event);
  const type = (typeof event["action"] === "string" ? event["action"] : event["event_type"]) as string;
  const client = event["client_payload"] as Record<string, unknown>;
  if (!isAlertSource(type)) return failure("event_type", `unknown alert source "${type.slice(0, 100)}"; expected one of ${ALERT_SOURCES.join(", ")}`, event);
  if (!("payload" in client)) return failure("client_payload.payload", "is missing; the sender's body must be nested under client_payload.payload", event);
  const result = normalizers[type](client["payload"], options);
  return { ...result, raw: event, errors: result.errors.map(prefix), warnings: result.warnings.map((w) => ({ ...w, field: join(w.field) })) };
}

/** Text as received (a file, an HTTP body) → alerts. Not-JSON is an error, not an exception. */
export function normalizeText(text: string, source: string | null, options?: NormalizeOptions): NormalizeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return failure("$", `not valid JSON: ${(e as Error).message}`, text);
  }
  if (source === null && isDispatchEvent(value)) return fromDispatch(value, options);
  return normalize(source, value, options);
}

function failure(field: string, message: string, raw: unknown): NormalizeResult {
  const c = new Collector();
  c.error(field, message);
  return c.result(null, [], emptyMeta(), raw);
}

function join(field: string): string {
  return field === "$" ? "client_payload.payload" : `client_payload.payload.${field}`;
}

function prefix(e: PayloadError): PayloadError {
  return new PayloadError(join(e.field), e.message);
}
