// Alertmanager receivers → routing.yaml channels. A receiver becomes one channel whose id is a
// slug of its name; the integration decides the channel type. Credentials are never copied: the
// channel names a secret the matching adapter reads, and what had no equivalent is reported.
import type { Channel } from "../../config/types.js";
import type { ImportNote } from "./types.js";

export interface ImportedChannel {
  id: string;
  receiver: string; // Alertmanager's name
  channel: { type: Channel["type"]; description: string; secret: string | null; fallback: Channel["fallback"]; from?: string; to?: string[] };
}

const INTEGRATIONS: readonly { key: string; type: Channel["type"]; fallback: Channel["fallback"] }[] = [
  { key: "pagerduty_configs", type: "pagerduty", fallback: "mention" },
  { key: "slack_configs", type: "slack", fallback: "issue-comment" },
  { key: "email_configs", type: "email", fallback: "mention" },
  { key: "webhook_configs", type: "webhook", fallback: "issue-comment" },
  { key: "opsgenie_configs", type: "webhook", fallback: "mention" },
  { key: "victorops_configs", type: "webhook", fallback: "mention" },
  { key: "pushover_configs", type: "webhook", fallback: "mention" },
  { key: "msteams_configs", type: "webhook", fallback: "issue-comment" },
  { key: "discord_configs", type: "webhook", fallback: "issue-comment" },
  { key: "telegram_configs", type: "webhook", fallback: "issue-comment" },
  { key: "webex_configs", type: "webhook", fallback: "issue-comment" },
  { key: "wechat_configs", type: "webhook", fallback: "issue-comment" },
  { key: "sns_configs", type: "webhook", fallback: "issue-comment" },
];
const NATIVE = new Set(["pagerduty_configs", "slack_configs", "email_configs", "webhook_configs"]);

/** A channel id for a receiver name: lower case, runs of other characters as "-", unique among `taken`. */
export function channelId(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[-_]+|-+$/g, "") || "receiver";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * One channel per receiver. `at(i, key)` gives the file position of receiver i's key, for notes.
 * A receiver without integrations (a "blackhole", used to drop alerts) notifies nobody here too,
 * but the incident is still opened: that difference is reported.
 */
export function importReceivers(receivers: readonly Record<string, unknown>[], taken: Set<string>, note: (i: number, key: string | null, level: ImportNote["level"], message: string) => void, globalSmtpFrom: string | null = null): ImportedChannel[] {
  return receivers.map((r, i) => {
    const name = typeof r["name"] === "string" || typeof r["name"] === "number" ? String(r["name"]) : "";
    const id = channelId(name, taken);
    taken.add(id);
    const used = INTEGRATIONS.filter((x) => Array.isArray(r[x.key]) && (r[x.key] as unknown[]).length > 0);
    const secret = `AM_${id.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`.replace(/_+$/, "");
    for (const key of Object.keys(r)) {
      if (key !== "name" && !INTEGRATIONS.some((x) => x.key === key)) note(i, key, "warning", `receiver "${name}": unknown key \`${key}\` is not carried over`);
    }
    const first = used[0];
    if (!first) {
      note(i, "name", "warning", `receiver "${name}" has no integrations (it drops notifications): channel \`${id}\` notifies nobody, but alerts routed to it still open incidents`);
      return { id, receiver: name, channel: { type: "webhook", description: `Alertmanager receiver "${name}" (no integrations: notifies nobody)`, secret: null, fallback: "none" } };
    }
    for (const x of used) {
      const n = (r[x.key] as unknown[]).length;
      const what = NATIVE.has(x.key) ? `${x.key} settings (URLs, keys, templates, send_resolved) are not carried over; the ${first.type} adapter reads its credentials from secret ${secret}` : `${x.key} has no adapter here; notifications fall back to ${x.fallback}`;
      if (x !== first) note(i, x.key, "warning", `receiver "${name}": only its first integration (${first.key}) becomes channel \`${id}\`; ${x.key} (${n}) is dropped`);
      else note(i, x.key, "warning", `receiver "${name}" → channel \`${id}\` (${first.type}): ${what}`);
    }
    const channel: ImportedChannel["channel"] = { type: first.type, description: `Alertmanager receiver "${name}"`, secret, fallback: first.fallback };
    if (first.type === "email") Object.assign(channel, emailAddresses((r[first.key] as unknown[])[0], globalSmtpFrom, (message) => note(i, first.key, "error", `receiver "${name}": ${message}`)));
    return { id, receiver: name, channel };
  });
}

/**
 * The addresses of an Alertmanager email_config (addresses are not credentials, so they are
 * carried over): `from` is the config's own or `global.smtp_from`, as Alertmanager falls back;
 * `to` is split on commas as Alertmanager's mail header is. A missing sender is an error note,
 * since routing.yaml refuses an email channel without `from`.
 */
function emailAddresses(config: unknown, globalFrom: string | null, error: (message: string) => void): { from?: string; to?: string[] } {
  const c = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  const from = typeof c["from"] === "string" && c["from"] !== "" ? c["from"] : globalFrom;
  const to = typeof c["to"] === "string" ? c["to"].split(",").map((a) => a.trim()).filter((a) => a !== "") : [];
  if (!from) error("its email_config has no `from` and `global.smtp_from` is not set: add `from` to the channel before it can send mail");
  return { ...(from ? { from } : {}), ...(to.length > 0 ? { to } : {}) };
}
