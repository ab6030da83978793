// Hidden markers: HTML comments the Action writes into bodies it owns and reads back later to
// find its own issues and comments (idempotency, invariant 2). They are invisible on GitHub.
// Untrusted text can never produce one: `inline` turns `<` into `&lt;` and `codeBlock` breaks
// `<!--`, and `readMarkers` accepts only the exact shape `marker` writes. Callers must still read
// markers only from bodies the Action itself authored: a human can type a marker in a comment.

export const MARKER_PREFIX = "incident-as-code:";

export type MarkerData = Record<string, string | number>;
export interface Marker {
  kind: string;
  data: MarkerData;
}

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
/** JSON written by `marker` never contains `<`, `>` or a line break, so the pattern can exclude them. */
const PATTERN = /<!-- incident-as-code:([a-z][a-z0-9-]{0,39}) (\{[^<>\r\n]*\}) -->/g;

export function marker(kind: string, data: MarkerData): string {
  if (!KIND.test(kind)) throw new Error(`marker kind must match ${KIND.source}: ${JSON.stringify(kind)}`);
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "number" ? !Number.isFinite(v) : typeof v !== "string") throw new Error(`marker ${kind}: ${k} must be a string or a finite number`);
  }
  // `<` and `>` are escaped so that no value can end the comment (`-->`) or start another one.
  const json = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `<!-- ${MARKER_PREFIX}${kind} ${json} -->`;
}

/** Every well-formed marker in `body`, in order; anything malformed is ignored. */
export function readMarkers(body: string): Marker[] {
  const out: Marker[] = [];
  for (const m of body.matchAll(PATTERN)) {
    const data = parseData(m[2] ?? "");
    if (m[1] && data) out.push({ kind: m[1], data });
  }
  return out;
}

/** The first marker of `kind`, or null. */
export function findMarker(body: string, kind: string): MarkerData | null {
  return readMarkers(body).find((m) => m.kind === kind)?.data ?? null;
}

function parseData(json: string): MarkerData | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const data: MarkerData = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) data[k] = v;
    else return null;
  }
  return data;
}
