// Field readers shared by the normalizers: strict where a wrong value would mislead (timestamps,
// status), tolerant with a warning where a value can be repaired (non-string labels, huge values).
import type { Alert, AlertSource, NormalizeOptions, NormalizeResult, PayloadMeta, PayloadWarning } from "./types.js";
import { PayloadError } from "./types.js";

export const DEFAULT_MAX_ALERTS = 10_000;
/** Longer label values are cut: they end up in group keys, issue labels and titles. */
export const MAX_LABEL_VALUE = 1_024;
export const MAX_ANNOTATION_VALUE = 16_384;
const ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?Z$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Accumulates errors and warnings for one payload. */
export class Collector {
  readonly errors: PayloadError[] = [];
  readonly warnings: PayloadWarning[] = [];
  /** Valid times already read from this payload: its alerts share a few start and end times. */
  readonly times = new Map<string, string | null>();
  error(field: string, message: string): void {
    this.errors.push(new PayloadError(field, message));
  }
  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }
  result(source: AlertSource | null, alerts: Alert[], meta: PayloadMeta, raw: unknown): NormalizeResult {
    return { source, alerts, errors: this.errors, warnings: this.warnings, meta, raw };
  }
}

export function emptyMeta(): PayloadMeta {
  return { groupKey: null, receiver: null, truncatedAlerts: 0, externalURL: null };
}

function truncate(value: string, max: number, field: string, c: Collector): string {
  if (value.length <= max) return value;
  c.warn(field, `value of ${value.length} characters truncated to ${max}`);
  return `${value.slice(0, max)}…[truncated]`;
}

/**
 * A label or annotation map. Non-string values are converted with a warning; not-an-object is an
 * error. A clean map (all strings, none too long) is returned as is: the engine never mutates it.
 */
export function readStringMap(value: unknown, base: string, key: string, c: Collector, max: number, required: boolean): Record<string, string> | null {
  if (value === undefined || value === null) {
    if (required) c.error(`${base}.${key}`, "is missing; expected an object of string values");
    return {};
  }
  if (!isRecord(value)) {
    c.error(`${base}.${key}`, `expected an object of string values, got ${describe(value)}`);
    return null;
  }
  let clean = true;
  for (const k in value) {
    const v = value[k];
    if (typeof v !== "string" || v.length > max) {
      clean = false;
      break;
    }
  }
  if (clean) return value as Record<string, string>;
  const field = `${base}.${key}`;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    let s: string;
    if (typeof v === "string") s = v;
    else if (typeof v === "number" || typeof v === "boolean") {
      s = String(v);
      c.warn(`${field}.${name}`, `${typeof v} converted to the string "${s}"`);
    } else {
      c.warn(`${field}.${name}`, `${describe(v)} ignored; values must be strings`);
      continue;
    }
    // Defined, not assigned: a label named __proto__ is a label, not the map's prototype.
    Object.defineProperty(out, name, { value: truncate(s, max, `${field}.${name}`, c), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/**
 * An RFC 3339 time as ISO UTC with milliseconds. Go's zero time means "not set" (null).
 * Returns undefined (and records an error) when the value is present but not a valid time.
 */
export function readTime(value: unknown, base: string, key: string, c: Collector): string | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") {
    c.error(`${base}.${key}`, `expected an RFC 3339 time string, got ${describe(value)}`);
    return undefined;
  }
  // Date.parse dominates the cost of reading an alert, and a valid time always reads the same.
  const known = c.times.get(value);
  if (known !== undefined) return known;
  const time = parseTime(value);
  if (time === undefined) {
    c.error(`${base}.${key}`, `"${value.slice(0, 64)}" is not an RFC 3339 time (e.g. 2026-03-01T12:00:00Z)`);
    return undefined;
  }
  c.times.set(value, time);
  return time;
}

/** An RFC 3339 string as ISO UTC with milliseconds, null for Go's zero time, undefined if invalid. */
function parseTime(value: string): string | null | undefined {
  // Fast path for the common UTC forms: validate, and avoid a Date round trip.
  if (CANONICAL.test(value) && !Number.isNaN(Date.parse(value)) && value.slice(0, 4) !== "0001") {
    return value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  }
  if (ZERO_TIME.test(value)) return null;
  const ms = RFC3339.test(value) ? Date.parse(value.replace(" ", "T")) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function readStatus(value: unknown, base: string, c: Collector, fallback?: Alert["status"]): Alert["status"] | undefined {
  if (value === "firing" || value === "resolved") return value;
  if (value === undefined && fallback) return fallback;
  c.error(`${base}.status`, `expected "firing" or "resolved", got ${describe(value)}`);
  return undefined;
}

export function readOptionalString(value: unknown, base: string, key: string, c: Collector): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") return truncate(value, MAX_ANNOTATION_VALUE, `${base}.${key}`, c);
  c.warn(`${base}.${key}`, `${describe(value)} ignored; expected a string`);
  return null;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string "${value.slice(0, 40)}${value.length > 40 ? "…" : ""}"`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value === "object" ? "an object" : typeof value;
}

/** The `alerts` array, cut to the limit with an error that says how many were not processed. */
export function readAlertsArray(payload: Record<string, unknown>, c: Collector, options: NormalizeOptions | undefined): unknown[] | null {
  const alerts: unknown = payload["alerts"];
  if (!Array.isArray(alerts)) {
    c.error("alerts", alerts === undefined ? "is missing; expected an array of alerts" : `expected an array of alerts, got ${describe(alerts)}`);
    return null;
  }
  const list: unknown[] = alerts;
  if (list.length === 0) {
    c.error("alerts", "is empty; a notification must carry at least one alert");
    return null;
  }
  const max = options?.maxAlerts ?? DEFAULT_MAX_ALERTS;
  if (list.length > max) {
    c.error("alerts", `${list.length} alerts exceed the limit of ${max}; alerts[${max}..${list.length - 1}] were not processed (the raw payload is kept)`);
    return list.slice(0, max);
  }
  return list;
}

const SEPARATOR = 0xff;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/** Alertmanager's label-set fingerprint (FNV-1a 64 over sorted name, 0xff, value, 0xff), as 16 hex digits. */
export function labelFingerprint(labels: Record<string, string>): string {
  let hash = FNV_OFFSET;
  const add = (byte: number): void => {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of encoder.encode(name)) add(b);
    add(SEPARATOR);
    for (const b of encoder.encode(labels[name] ?? "")) add(b);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, "0");
}

/**
 * Checks that need the whole list: a resolved alert that ends before it starts gets endsAt = startsAt
 * (warning); the same fingerprint + startsAt twice keeps one copy, the resolved one if statuses differ.
 */
export function finishAlerts(alerts: { alert: Alert; field: string }[], c: Collector): Alert[] {
  // Fingerprints are nearly always unique within a payload, so episodes (fingerprint + startsAt)
  // are only tracked for a fingerprint once it comes a second time.
  const firstAt = new Map<string, number>(); // fingerprint → index in out
  const episodes = new Map<string, number>(); // episode key → index in out, repeated fingerprints only
  const out: Alert[] = [];
  // Indexed: for…of allocates an iterator result per alert until V8's top tier compiles the loop.
  for (let i = 0; i < alerts.length; i++) {
    const { alert, field } = alerts[i] as { alert: Alert; field: string };
    if (alert.status === "resolved" && alert.endsAt !== null && alert.endsAt < alert.startsAt) {
      c.warn(`${field}.endsAt`, `resolved alert ends (${alert.endsAt}) before it starts (${alert.startsAt}); endsAt set to startsAt`);
      alert.endsAt = alert.startsAt;
    }
    const first = firstAt.get(alert.fingerprint);
    if (first === undefined) {
      firstAt.set(alert.fingerprint, out.length);
      out.push(alert);
      continue;
    }
    const firstKey = episodeKey(alert.fingerprint, (out[first] as Alert).startsAt);
    if (!episodes.has(firstKey)) episodes.set(firstKey, first);
    const key = episodeKey(alert.fingerprint, alert.startsAt);
    const seen = episodes.get(key);
    if (seen === undefined) {
      episodes.set(key, out.length);
      out.push(alert);
      continue;
    }
    c.warn(field, `duplicate of an earlier alert with fingerprint ${alert.fingerprint} and startsAt ${alert.startsAt}; one copy kept`);
    if (alert.status === "resolved") out[seen] = alert;
  }
  return out;
}

function episodeKey(fingerprint: string, startsAt: string): string {
  return `${fingerprint}\u0000${startsAt}`;
}
