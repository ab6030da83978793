// GitHub's length and size limits on what we write, in one table. Every title, label, body,
// comment, status description and dispatch the product produces is fitted to these (see
// src/render/limit.ts `fitText`) before it leaves the core, so GitHub never refuses our text.
//
// Units: GitHub counts most limits in characters (Ruby code points), a few in UTF-8 bytes. We fit
// character limits in UTF-16 code units, which is never fewer than code points, so text that fits
// here fits there; byte limits are fitted in UTF-8 bytes. Where GitHub's measured behaviour is more
// lenient than its documented limit (issue bodies and comments are accepted up to 262,144 bytes),
// we keep to the documented, stricter number.

export type LimitUnit = "utf16" | "utf8";

export interface Limit {
  max: number;
  unit: LimitUnit;
  /** Where the number comes from. */
  source: string;
}

export const GITHUB_LIMITS = {
  /** Issue and pull-request titles. 422 `title is too long (maximum is 256 characters)`. */
  title: { max: 256, unit: "utf16", source: "GitHub's 422 on POST /issues (reported e.g. DavyJonesLocker/party_foul#122, highlight/highlight#6461; dead-claudia/github-limits)" },
  /** Label names. 422 `{"resource":"Label","field":"name","code":"invalid"}` past 50. */
  labelName: { max: 50, unit: "utf16", source: "GitHub's 422 on adding a 51+ character label (semantic-release/github#518)" },
  /** Label descriptions. 422 `description is too long (maximum is 100 characters)`. */
  labelDescription: { max: 100, unit: "utf16", source: "GitHub's 422 on POST /labels; the label form's limit" },
  /** Issue, pull-request and comment bodies: the documented limit (`maximum is 65536 characters`). */
  body: { max: 65_536, unit: "utf16", source: "GitHub's 422 `body is too long (maximum is 65536 characters)` (danger/danger#424); PR bodies are refused past 65,536 code points (dead-claudia/github-limits#13)" },
  /** Commit-status descriptions: refused (not truncated) past 140. */
  statusDescription: { max: 140, unit: "utf16", source: "GitHub's 422 `description is too long (maximum is 140 characters)` (zalando/zappr#378, sclorg/testing-farm-as-github-action#187)" },
  /** Check-run `output.summary` (and `output.text`): 65,535 bytes, despite the docs' "characters". */
  checkRunSummary: { max: 65_535, unit: "utf8", source: "GitHub's 422 `summary exceeds a maximum bytesize of 65535` (github/docs#35252)" },
  /** `repository_dispatch` `event_type`. */
  dispatchEventType: { max: 100, unit: "utf16", source: "OpenAPI description of POST /repos/{owner}/{repo}/dispatches (maxLength 100); github/docs#16469" },
  /** `repository_dispatch` `client_payload`: serialised JSON must be less than 64 KB (so at most 65,535 bytes). */
  dispatchPayloadBytes: { max: 65_535, unit: "utf8", source: "OpenAPI description of POST /repos/{owner}/{repo}/dispatches: 'must be less than 64KB'" },
} as const satisfies Record<string, Limit>;

/** `repository_dispatch` `client_payload`: at most 10 top-level keys (OpenAPI `maxProperties: 10`). */
export const DISPATCH_PAYLOAD_MAX_KEYS = 10;

/** `workflow_dispatch` `inputs`: at most 25 keys (OpenAPI `maxProperties: 25`; 10 before 2025). */
export const WORKFLOW_DISPATCH_MAX_INPUTS = 25;

/** `workflow_dispatch` inputs: the whole serialised `inputs` object at most 65,535 characters (GitHub docs: "Manually running a workflow"). */
export const WORKFLOW_DISPATCH_INPUTS_MAX = 65_535;

export type LimitName = keyof typeof GITHUB_LIMITS;

/** The length of `text` in the limit's unit. */
export function measure(text: string, unit: LimitUnit): number {
  return unit === "utf8" ? Buffer.byteLength(text, "utf8") : text.length;
}

/** Why a `repository_dispatch` would be refused, or null when GitHub accepts it. */
export function dispatchProblem(eventType: string, clientPayload: Record<string, unknown>): string | null {
  if (eventType.length === 0 || eventType.length > GITHUB_LIMITS.dispatchEventType.max) {
    return `event_type must be 1 to ${GITHUB_LIMITS.dispatchEventType.max} characters (got ${eventType.length})`;
  }
  const keys = Object.keys(clientPayload).length;
  if (keys > DISPATCH_PAYLOAD_MAX_KEYS) return `client_payload has ${keys} top-level keys; GitHub allows ${DISPATCH_PAYLOAD_MAX_KEYS}`;
  const bytes = measure(JSON.stringify(clientPayload), "utf8");
  if (bytes > GITHUB_LIMITS.dispatchPayloadBytes.max) return `client_payload is ${bytes} bytes; GitHub allows less than 64 KB`;
  return null;
}
