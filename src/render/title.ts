// Titles and label names the Action writes to GitHub, made from untrusted text (alert summaries,
// service names from payloads, action-item titles from a post-mortem file). GitHub shows titles as
// plain text but scans them for references and mentions, and a squash merge copies a pull-request
// title into the commit message, where "fixes #1" closes issue #1. So every title is one clean line,
// its references and mentions broken (`breakReferences`), and fitted to GitHub's limit on a grapheme
// boundary with a visible "…" (`fitTo`).
import { GITHUB_LIMITS } from "../github/limits.js";
import type { IncidentRecord } from "../incident/record.js";
import { breakReferences, clean } from "./escape.js";
import { ELLIPSIS, fitText, fitTo, graphemePrefix } from "./limit.js";

/** Control and bidi characters removed, whitespace runs (line breaks included) folded to one space, trimmed. */
export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, " ").trim();
}

/**
 * An issue or pull-request title from untrusted text: one line, references and mentions broken,
 * at most `max` (GitHub: 256) characters, cut on a grapheme boundary with "…". `fallback` is used
 * when nothing is left (GitHub refuses an empty title).
 */
export function plainTitle(text: string, fallback = "Untitled", max: number = GITHUB_LIMITS.title.max): string {
  const line = oneLine(text);
  return fitText(breakReferences(line === "" ? fallback : line), max);
}

/** The incident issue's title: `[P1] <the record's title>`, neutralised and fitted. */
export function incidentTitle(record: Pick<IncidentRecord, "severity" | "title" | "id">): string {
  return plainTitle(`[${record.severity}] ${record.title}`, `[${record.severity}] ${record.id}`);
}

/**
 * A label name `prefix:value` (e.g. `service:checkout`) within GitHub's 50 characters. A value too
 * long is cut on a grapheme boundary and marked "…" plus four hex digits of a hash of the whole
 * name, so two long names that share a beginning still give two labels. Commas are replaced: the
 * issues API filters labels by a comma-separated list.
 */
export function labelName(prefix: string, value: string): string {
  const name = oneLine(`${prefix}:${value}`).replace(/,/g, ";");
  const { max } = GITHUB_LIMITS.labelName;
  if (name.length <= max) return name;
  const tag = `${ELLIPSIS}${fnv1a(name).toString(16).padStart(8, "0").slice(0, 4)}`;
  return `${graphemePrefix(name, max - tag.length).trimEnd()}${tag}`;
}

/** A commit-status description (GitHub refuses more than 140 characters): one line, fitted with "…". */
export function statusDescription(text: string): string {
  return fitTo("statusDescription", oneLine(text));
}

// FNV-1a, 32 bits: a stable, dependency-free fingerprint for label suffixes (not for security).
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
