// The common alert shape every source normalizes into, and the typed errors a payload can produce.
// Normalizers never throw on bad input: they return errors as values and keep the raw payload.

export const ALERT_SOURCES = ["alertmanager", "grafana", "alert"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export type AlertStatus = "firing" | "resolved";

export interface Alert {
  source: AlertSource;
  /** The sender's fingerprint, or Alertmanager's label-set fingerprint computed the same way. */
  fingerprint: string;
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO 8601 UTC with milliseconds. With `fingerprint` it names one episode of the alert. */
  startsAt: string;
  /** Null when the sender sent none or Go's zero time ("0001-01-01T00:00:00Z"). */
  endsAt: string | null;
  generatorURL: string | null;
}

/** A payload problem. `field` is a path into the payload, e.g. `alerts[3].startsAt`. */
export class PayloadError extends Error {
  override readonly name = "PayloadError";
  /** Re-sending the same bytes gives the same error. */
  readonly retryable = false;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
  override toString(): string {
    return `${this.field}: ${this.message}`;
  }
  toJSON(): { field: string; message: string } {
    return { field: this.field, message: this.message };
  }
}

/** Something that was tolerated and changed (truncated, defaulted, dropped as duplicate). */
export interface PayloadWarning {
  field: string;
  message: string;
}

export interface PayloadMeta {
  /** Alertmanager's groupKey / Grafana's groupKey, informational only: never used for correlation. */
  groupKey: string | null;
  receiver: string | null;
  /** Alerts the sender dropped before sending (Alertmanager `max_alerts`). */
  truncatedAlerts: number;
  externalURL: string | null;
}

export interface NormalizeResult {
  source: AlertSource | null;
  /** The alerts that were understood. With errors present this may be a subset, or empty. */
  alerts: Alert[];
  errors: PayloadError[];
  warnings: PayloadWarning[];
  meta: PayloadMeta;
  /** The payload exactly as received, so the caller can store it whatever happened. */
  raw: unknown;
}

export interface NormalizeOptions {
  /** Used as `startsAt` for generic alerts that have none (ISO time). Never read from a clock here. */
  receivedAt?: string;
  /** Alerts beyond this many are not processed and reported as an error (raw payload kept). */
  maxAlerts?: number;
}

export type Normalizer = (payload: unknown, options?: NormalizeOptions) => NormalizeResult;
