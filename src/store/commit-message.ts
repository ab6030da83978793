// Commit messages are built only from fields we control or have checked against a strict shape:
// alert text can say "fixes #12" (closing someone's issue) or "@org/team" (pinging people), and
// never reaches a commit message.
import { SEVERITIES, type Severity } from "../config/types.js";

export type RecordAction =
  | "open"
  | "alert"
  | "update"
  | "ack"
  | "status"
  | "severity"
  | "assign"
  | "escalate"
  | "resolve"
  | "reopen"
  | "postmortem"
  | "close"
  | "unprocessed";

/** A commit message that went through `commitMessage`; `commitAndPush` accepts nothing else. */
export type CommitMessage = string & { readonly __commitMessage: unique symbol };

export interface CommitSubject {
  id: string; // incident id, or "unprocessed"
  action: RecordAction;
  severity?: Severity;
  service?: string; // included only when it is a plain slug
}

const ID = /^(\d{4}-\d{2}-\d{2}-\d{3,}|unprocessed)$/;
const SLUG = /^[a-z0-9][a-z0-9._-]{0,39}$/;
/** What a finished message may contain: nothing that GitHub turns into a link, mention or keyword. */
export const SAFE_MESSAGE = /^[A-Za-z0-9 :;,._()+-]{1,300}$/;

/** `incident 2026-11-27-001: open P1 api`; several subjects are joined with `; `. */
export function commitMessage(subjects: CommitSubject | readonly CommitSubject[]): CommitMessage {
  const list = Array.isArray(subjects) ? (subjects as readonly CommitSubject[]) : [subjects as CommitSubject];
  if (list.length === 0) throw new Error("commitMessage needs at least one subject");
  const parts = list.map((s) => {
    if (!ID.test(s.id)) throw new Error(`commit message: not an incident id: ${JSON.stringify(s.id).slice(0, 40)}`);
    const words: string[] = [s.action];
    if (s.severity !== undefined && (SEVERITIES as readonly string[]).includes(s.severity)) words.push(s.severity);
    if (s.service !== undefined && SLUG.test(s.service)) words.push(s.service);
    return `${s.id}: ${words.join(" ")}`;
  });
  const shown = parts.slice(0, 3).join("; ");
  const more = parts.length > 3 ? ` (+${parts.length - 3} more)` : "";
  const text = `incident ${shown}${more}`;
  if (!SAFE_MESSAGE.test(text)) throw new Error("commit message: built an unsafe message"); // unreachable by construction
  return text as CommitMessage;
}
