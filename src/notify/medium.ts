// Escaping of plain notification text for each medium it is shown in. The text is cleaned plain
// text (render/plain.ts) that may contain untrusted alert and comment text; each function makes it
// inert in one medium and says what that medium would otherwise do with it.
import { ZWSP } from "../render/escape.js";

/**
 * Slack mrkdwn. Slack's three control characters become entities (`&amp;`, `&lt;`, `&gt;`, its
 * documented escaping), so `<!channel>`, `<@U123>`, `<!subteam^…>` and `<url|label>` cannot be
 * forged; `@here`/`@channel`/`@everyone` get a zero width space so no parsing mode turns them into
 * a notification. Formatting (`*bold*`) is left alone: harmless.
 */
export function slackMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(here|channel|everyone)\b/gi, `@${ZWSP}$1`);
}

/** Slack plain_text (headers): never parsed for mrkdwn or links; only the broadcast words are broken. */
export function slackPlain(text: string): string {
  return text.replace(/@(here|channel|everyone)\b/gi, `@${ZWSP}$1`);
}

/** Cuts `text` to at most `max` UTF-16 units (Slack and Teams count characters; this never undercounts), ending "…" when cut. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Splits text into chunks of at most `max` units, at line breaks where possible, without breaking an entity. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf("&", cut);
    if (amp > 0 && amp > cut - 6 && !rest.slice(amp, cut).includes(";")) cut = amp; // not inside "&amp;"
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1; // not inside a surrogate pair
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Adaptive Card TextBlock markdown (Teams): links `[x](…)` are the construct that could mislead,
 * so `](` is broken with a zero width space; emphasis and lists are harmless. Teams mentions need
 * an `msteams.entities` entry we never add, so `<at>` text mentions nobody.
 */
export function adaptiveText(text: string): string {
  return text.replace(/\]\s*\(/g, `]${ZWSP}(`);
}

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** HTML text and attribute values. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** One header line (e-mail subject): no CR/LF can start another header; at most `max` characters. */
export function headerLine(text: string, max = 200): string {
  return fit(text.replace(/[\r\n]+/g, " ").trim(), max);
}
