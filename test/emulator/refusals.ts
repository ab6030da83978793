// GitHub's own validations of what is written, as GitHub applies them. Where the world and the
// docs disagree, the emulator answers as the world does and, where the world is more lenient than
// the docs, also records a contract violation: text past a documented limit is a bug in the caller
// even while GitHub happens to accept it. Each rule names its source.
//
// Lengths: GitHub is a Rails application, so "characters" are Ruby code points; some limits are
// checked with `bytesize` (UTF-8 bytes). Both are modelled as reported.
import { unprocessable, type HandlerCtx } from "./handler.js";
import type { FieldError } from "./builders-misc.js";

/** Issue and pull-request titles: 422 `title is too long (maximum is 256 characters)`.
 *  Sources: DavyJonesLocker/party_foul#122 (POST /issues 422, `field: title, code: custom`),
 *  highlight/highlight#6461, dead-claudia/github-limits (verified by error message). */
export const TITLE_MAX = 256;
/** Label names: 422 `{"resource":"Label","field":"name","code":"invalid","value":…}` past 50
 *  (semantic-release/github#518, adding a 63-character label to an issue). */
export const LABEL_NAME_MAX = 50;
/** Label descriptions: 422 `description is too long (maximum is 100 characters)` (GitHub's label form and API). */
export const LABEL_DESCRIPTION_MAX = 100;
/** The documented body limit: `body is too long (maximum is 65536 characters)` (danger/danger#424).
 *  Pull-request bodies are refused exactly past 65,536 code points (dead-claudia/github-limits#13). */
export const DOCUMENTED_BODY_MAX = 65_536;
/** What GitHub measurably enforces on issue bodies and comments: 262,144 UTF-8 bytes, despite the
 *  message's "65536 characters" (objectstack-ai/objectstack#18793 for issue bodies, #18826 for
 *  comments; dead-claudia/github-limits#13). Creates and comment edits past it get a 422; an issue
 *  body *update* past it is refused silently: 200, the old body kept (objectstack#18793). */
export const BODY_BYTES_MAX = 262_144;
/** Commit-status descriptions: refused, not truncated, past 140 (`description is too long (maximum
 *  is 140 characters)`: zalando/zappr#378, sclorg/testing-farm-as-github-action#187). */
export const STATUS_DESCRIPTION_MAX = 140;
/** Statuses per sha and context: "Attempts to create more than 1000 statuses will result in a
 *  validation error" (OpenAPI description of POST /repos/{owner}/{repo}/statuses/{sha}). */
export const STATUSES_PER_CONTEXT_MAX = 1000;
/** Check-run `output.summary` and `output.text`: `summary exceeds a maximum bytesize of 65535`
 *  although the docs say characters (github/docs#35252). */
export const CHECK_OUTPUT_BYTES_MAX = 65_535;
/** `repository_dispatch` `client_payload`: "must be less than 64KB" (OpenAPI description). */
export const DISPATCH_PAYLOAD_BYTES = 64 * 1024;
/** `workflow_dispatch` `inputs`: 65,535 characters in all (GitHub docs, "Manually running a workflow";
 *  at most 25 keys is in the OpenAPI schema). */
export const WORKFLOW_INPUTS_MAX = 65_535;

export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/** `title`: required and non-empty where `required`, at most 256 code points. */
export function checkTitle(resource: "Issue" | "PullRequest", title: unknown, required: boolean): void {
  if (title === undefined || title === null) {
    if (required) throw unprocessable([{ resource, code: "missing_field", field: "title" }]);
    return;
  }
  const text = typeof title === "string" ? title : JSON.stringify(title);
  // GitHub strips the title; an empty one is refused like a missing one (dead-claudia/github-limits: min 1).
  if (text.trim() === "") throw unprocessable([{ resource, code: "missing_field", field: "title" }]);
  if (codePoints(text) > TITLE_MAX) throw unprocessable([{ resource, code: "custom", field: "title", message: `title is too long (maximum is ${TITLE_MAX} characters)` }]);
}

const tooLong = (resource: string): FieldError => ({ resource, code: "custom", field: "body", message: `body is too long (maximum is ${DOCUMENTED_BODY_MAX} characters)` });

/**
 * An issue or comment body on create (or a comment edit): 422 past 262,144 bytes; past the
 * documented 65,536 characters it is stored, and flagged as a contract violation.
 */
export function checkBody(ctx: Pick<HandlerCtx, "flag">, resource: "Issue" | "IssueComment", body: unknown): void {
  if (typeof body !== "string") return;
  if (bytes(body) > BODY_BYTES_MAX) throw unprocessable([tooLong(resource)]);
  flagPastDocumented(ctx, resource, body);
}

/** An issue body on update: past 262,144 bytes GitHub answers 200 and keeps the old body. Returns whether to store it. */
export function acceptsIssueBodyUpdate(ctx: Pick<HandlerCtx, "flag">, body: unknown): boolean {
  if (typeof body !== "string") return true;
  if (bytes(body) > BODY_BYTES_MAX) {
    ctx.flag(`issue body of ${bytes(body)} bytes: GitHub keeps the old body and answers 200 (silent refusal past ${BODY_BYTES_MAX} bytes)`);
    return false;
  }
  flagPastDocumented(ctx, "Issue", body);
  return true;
}

/** Pull-request bodies: 422 past 65,536 code points (measured: dead-claudia/github-limits#13). */
export function checkPullBody(body: unknown): void {
  if (typeof body === "string" && codePoints(body) > DOCUMENTED_BODY_MAX) throw unprocessable([tooLong("PullRequest")]);
}

function flagPastDocumented(ctx: Pick<HandlerCtx, "flag">, resource: string, body: string): void {
  const n = codePoints(body);
  if (n > DOCUMENTED_BODY_MAX) ctx.flag(`${resource} body of ${n} characters is past GitHub's documented limit of ${DOCUMENTED_BODY_MAX} (accepted today, up to ${BODY_BYTES_MAX} bytes)`);
}

/**
 * GitHub refuses the whole create or update when an assignee cannot be assigned (not a collaborator,
 * left the organisation, deactivated): `422 Validation Failed` with one error per login,
 * `{"value":"<login>","resource":"Issue","field":"assignees","code":"invalid"}`. Reported in the
 * field: on create (trstringer/manual-approval#127, JasonEtco/create-an-issue#41, upptime/upptime#125)
 * and on update (octokit/octokit.net#3067, a PATCH of an issue whose assignee could not be assigned).
 * Only "Add assignees" (POST …/assignees) leaves such logins out silently.
 */
export function checkAssignees(ctx: Pick<HandlerCtx, "world">, assignees: string[] | undefined): void {
  const refused = [...new Set(assignees ?? [])].filter((l) => ctx.world.assignable([l]).length === 0);
  if (refused.length > 0) throw unprocessable(refused.map((value) => ({ resource: "Issue", field: "assignees", code: "invalid" as const, value })));
}

/** Label names put on an issue or created: each at most 50 code points, none empty. */
export function checkLabelNames(names: readonly string[]): void {
  for (const name of names) {
    if (name.trim() === "" || codePoints(name) > LABEL_NAME_MAX) throw unprocessable([{ resource: "Label", code: "invalid", field: "name", value: name }]);
  }
}

export function checkLabelDescription(description: unknown): void {
  if (typeof description === "string" && codePoints(description) > LABEL_DESCRIPTION_MAX) {
    throw unprocessable([{ resource: "Label", code: "custom", field: "description", message: `description is too long (maximum is ${LABEL_DESCRIPTION_MAX} characters)` }]);
  }
}

/** A commit status: description at most 140 characters; at most 1,000 statuses per sha and context. */
export function checkStatus(description: unknown, existing: number): void {
  if (typeof description === "string" && codePoints(description) > STATUS_DESCRIPTION_MAX) {
    throw unprocessable([{ resource: "Status", code: "custom", field: "description", message: `description is too long (maximum is ${STATUS_DESCRIPTION_MAX} characters)` }]);
  }
  if (existing >= STATUSES_PER_CONTEXT_MAX) {
    throw unprocessable([{ resource: "Status", code: "custom", message: `This SHA and context has reached the maximum number of statuses.` }]);
  }
}

/** Check-run output: summary and text each at most 65,535 UTF-8 bytes. */
export function checkCheckOutput(output: { summary?: unknown; text?: unknown } | undefined): void {
  for (const field of ["summary", "text"] as const) {
    const v = output?.[field];
    if (typeof v === "string" && bytes(v) > CHECK_OUTPUT_BYTES_MAX) {
      throw unprocessable([{ resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of ${CHECK_OUTPUT_BYTES_MAX}` }]);
    }
  }
}

/** `client_payload` must serialise to less than 64 KB (the 10-key limit is in the OpenAPI schema). */
export function checkDispatchPayload(ctx: Pick<HandlerCtx, "flag">, payload: Record<string, unknown>): void {
  const size = bytes(JSON.stringify(payload));
  if (size >= DISPATCH_PAYLOAD_BYTES) {
    ctx.flag(`client_payload is ${size} bytes; it must be less than 64 KB`);
    throw unprocessable([{ resource: "Repository", code: "custom", field: "client_payload", message: "client_payload is too large" }]);
  }
}

/** Workflow-dispatch inputs: 65,535 characters in all (the key count is in the OpenAPI schema). */
export function checkWorkflowInputs(ctx: Pick<HandlerCtx, "flag">, inputs: Record<string, unknown>): void {
  const size = codePoints(JSON.stringify(inputs));
  if (size > WORKFLOW_INPUTS_MAX) {
    ctx.flag(`workflow_dispatch inputs are ${size} characters; GitHub allows ${WORKFLOW_INPUTS_MAX}`);
    throw unprocessable([{ resource: "WorkflowDispatch", code: "custom", field: "inputs", message: `inputs are too large (maximum is ${WORKFLOW_INPUTS_MAX} characters)` }]);
  }
}
