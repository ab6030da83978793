// Plain text for messages that leave GitHub (chat, e-mail, pagers, webhooks), the counterpart of
// escape.ts's markdown. Untrusted text is only cleaned (control and bidi characters removed,
// bounded), never markdown-escaped: a backslash or a zero width space would show literally in
// Slack, Teams or a text e-mail. Each sender escapes the whole rendered text for its own medium
// (Slack mrkdwn entities, HTML, Adaptive Card markdown), so nothing here is safe for markdown.
import { clean, clip, INLINE_MAX, TEXT_MAX } from "./escape.js";

/** One line: whitespace runs (newlines included) become one space; at most `max` characters. */
export function plainInline(text: string, max = INLINE_MAX): string {
  return clip(clean(text).replace(/\s+/g, " ").trim(), max);
}

/** Multi-line prose: line breaks kept, trailing spaces and runs of blank lines folded; at most `max` characters. */
export function plainText(text: string, max = TEXT_MAX): string {
  return clip(clean(text), max)
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A login shown as "@name" (it notifies nobody outside GitHub). */
export function plainLogin(name: string): string {
  const n = plainInline(name, 100).replace(/^@/, "");
  return n === "" ? "" : `@${n}`;
}
