// An alert we could not process is kept, not dropped: its raw payload goes to
// incidents/unprocessed/<utc-timestamp>-<sha256 prefix>.json. The hash is over the event type and
// the payload (not the time or the reason), so a re-run of the same event finds the file it wrote
// the first time and adds nothing.
import { createHash } from "node:crypto";
import { commitMessage } from "./commit-message.js";
import type { RecordStore } from "./git.js";
import { transact, type TransactOptions } from "./transaction.js";

export const UNPROCESSED_DIR = "incidents/unprocessed";
export const MAX_PAYLOAD_BYTES = 512 * 1024;
const HASH_CHARS = 16;

export interface UnprocessedInput {
  receivedAt: string; // ISO timestamp
  reason: string;
  eventType: string;
  payload: unknown; // the raw body as received (a string), or the already-parsed object
}

export interface UnprocessedEntry {
  path: string;
  content: string;
  hash: string;
}

/** Pure: the file to write for one unprocessed alert. */
export function unprocessedEntry(input: UnprocessedInput): UnprocessedEntry {
  const raw = typeof input.payload === "string" ? input.payload : (stableJson(input.payload) ?? String(input.payload));
  const bytes = Buffer.byteLength(raw, "utf8");
  const hash = createHash("sha256").update(input.eventType).update("\0").update(raw).digest("hex").slice(0, HASH_CHARS);
  const truncated = bytes > MAX_PAYLOAD_BYTES;
  const payload: unknown = truncated ? utf8Prefix(raw, MAX_PAYLOAD_BYTES) : typeof input.payload === "string" ? raw : input.payload;
  const body = {
    receivedAt: input.receivedAt,
    reason: input.reason,
    event_type: input.eventType,
    ...(truncated ? { truncated: { originalBytes: bytes, keptBytes: MAX_PAYLOAD_BYTES, note: `payload was ${bytes} bytes; only the first ${MAX_PAYLOAD_BYTES} bytes are kept` } } : {}),
    payload,
  };
  return { path: `${UNPROCESSED_DIR}/${stamp(input.receivedAt)}-${hash}.json`, content: `${JSON.stringify(body, null, 2)}\n`, hash };
}

export type KeepOutcome = { kept: "written" | "already-kept"; path: string };

/** Commit the entry unless a file with the same content hash is already there (decided on fresh data). */
export async function keepUnprocessed(store: RecordStore, input: UnprocessedInput, options: TransactOptions = {}): Promise<KeepOutcome> {
  const entry = unprocessedEntry(input);
  const message = commitMessage({ id: "unprocessed", action: "unprocessed" });
  const done = await transact<KeepOutcome>(
    store,
    async () => {
      const existing = (await store.readAll(`${UNPROCESSED_DIR}/`)).find((f) => f.path.endsWith(`-${entry.hash}.json`));
      if (existing) return { changes: [], message, result: { kept: "already-kept", path: existing.path } };
      return { changes: [{ path: entry.path, content: entry.content }], message, result: { kept: "written", path: entry.path } };
    },
    options,
  );
  return done.result;
}

function stamp(iso: string): string {
  const t = new Date(iso);
  const s = Number.isNaN(t.getTime()) ? "00000000T000000Z" : t.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return s;
}

function stableJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The longest prefix of `s` that fits in `max` UTF-8 bytes without splitting a character. */
function utf8Prefix(s: string, max: number): string {
  const buf = Buffer.from(s, "utf8");
  let end = max;
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--; // back off continuation bytes
  return buf.subarray(0, end).toString("utf8");
}
