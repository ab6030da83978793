// Slash commands in an issue comment → typed commands. Only the text is read here: who may run a
// command (authz.ts) and what it does (apply.ts) are decided elsewhere.
//
// A command is a line that starts with `/name` (up to three spaces of indentation, as markdown
// allows), and only text a reader sees can command (visible.ts decides, in one place): not code,
// not quotes (responders paste logs and quote each other, and neither should act), not HTML
// comments, raw HTML or link definitions (nobody sees them). `/usr/bin/x` is not a command either
// (the name must end at whitespace), so pasted paths stay quiet.
import { SEVERITIES, type Severity } from "../../config/types.js";
import { proseLines } from "./visible.js";

export const MAX_COMMANDS = 10;
/** Free text (notes, summaries) longer than this is refused rather than silently cut. */
export const TEXT_LIMIT = 2_000;

export const STATUS_ARGS = ["investigating", "identified", "monitoring", "resolved"] as const;
export type StatusArg = (typeof STATUS_ARGS)[number];

export type Command =
  | { name: "ack" }
  | { name: "sev"; severity: Severity; reason: string | null }
  | { name: "status"; status: StatusArg }
  | { name: "update"; progress: string; actions: string | null }
  | { name: "assign"; login: string }
  | { name: "commander"; login: string }
  | { name: "escalate" }
  | { name: "resolve"; summary: string }
  | { name: "reopen" }
  | { name: "timeline"; note: string }
  | { name: "runbook"; playbook: string | null }
  | { name: "impact"; users?: string; revenue?: string; sla?: string; summary?: string }
  | { name: "rootcause"; category: string; text: string }
  | { name: "postmortem" }
  | { name: "help" };
export type CommandName = Command["name"];

/** Usage lines, shown by /help and in replies to bad arguments. Trusted markdown (ours). */
export const USAGE: Record<CommandName, { usage: string; what: string }> = {
  ack: { usage: "/ack", what: "acknowledge the incident (stops the escalation)" },
  sev: { usage: "/sev P0|P1|P2|P3 [reason]", what: "change the severity" },
  status: { usage: `/status ${STATUS_ARGS.join("|")}`, what: "move the incident along" },
  update: { usage: '/update <progress> or /update "<progress>" <current actions>', what: "post a status update (resets the reminder)" },
  assign: { usage: "/assign @login", what: "add a responder" },
  commander: { usage: "/commander @login", what: "hand over incident command" },
  escalate: { usage: "/escalate", what: "page the next escalation step now" },
  resolve: { usage: "/resolve <summary>", what: "resolve the incident and post the resolution message" },
  reopen: { usage: "/reopen", what: "reopen a resolved incident" },
  timeline: { usage: "/timeline <note>", what: "add a note to the timeline" },
  runbook: { usage: "/runbook [playbook]", what: "post a playbook as a checklist, or list the suggested ones" },
  impact: { usage: "/impact users=… revenue=… sla=… summary=…", what: "record the impact (any of the keys)" },
  rootcause: { usage: "/rootcause <category>: <text>", what: "record the root cause" },
  postmortem: { usage: "/postmortem", what: "start the post-mortem draft now" },
  help: { usage: "/help", what: "list the commands" },
};

const ALIASES: Record<string, CommandName> = { acknowledge: "ack", severity: "sev", "root-cause": "rootcause", "post-mortem": "postmortem", note: "timeline" };

/** One command line as written: `name` lower-cased, `args` split on whitespace with quotes honoured. */
export interface CommandLine {
  line: number; // 1-based line in the comment
  text: string; // the line, trimmed
  name: string; // without the slash, lower case
  args: string[];
  /** Whether each arg was quoted. */
  quoted: boolean[];
  rest: string; // everything after the name, trimmed
}

export type ParsedCommand = { ok: Command; source: CommandLine } | { error: string; usage: string | null; source: CommandLine };

export interface ParsedComment {
  commands: ParsedCommand[]; // at most MAX_COMMANDS
  excess: number; // command lines beyond MAX_COMMANDS, not parsed
}

const COMMAND = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)(.*)$/;
const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/;

/** Every command line of `body`, in order: lines of prose a reader sees (visible.ts) that start with `/name`. */
export function commandLines(body: string): CommandLine[] {
  // Cheap exit: a comment without a slash has no command, and needs no parse.
  if (!body.includes("/")) return [];
  const out: CommandLine[] = [];
  for (const { line, text: shown, first } of proseLines(body)) {
    const m = COMMAND.exec(shown);
    // The slash itself must be the line's first visible character, where the reader sees it.
    if (!m?.[1] || body[first] !== "/") continue;
    const rest = (m[2] ?? "").trim();
    const { args, quoted } = tokenize(rest);
    out.push({ line, text: shown.trim(), name: m[1].toLowerCase(), args, quoted, rest });
  }
  return out;
}

/** Whether the comment has any command at all (so the shell fetches the commenter's role only then). */
export function commandsIn(body: string): boolean {
  return commandLines(body).length > 0;
}

export function parseComment(body: string): ParsedComment {
  const lines = commandLines(body);
  return { commands: lines.slice(0, MAX_COMMANDS).map(parseCommand), excess: Math.max(0, lines.length - MAX_COMMANDS) };
}

/** Logins named by /assign and /commander, so the shell can ask GitHub which are assignable first. */
export function loginsToCheck(parsed: ParsedComment): string[] {
  const out = new Set<string>();
  for (const p of parsed.commands) if ("ok" in p && (p.ok.name === "assign" || p.ok.name === "commander")) out.add(p.ok.login);
  return [...out];
}

export function canonicalName(name: string): CommandName | null {
  const n = name.toLowerCase();
  if (n in USAGE) return n as CommandName;
  return ALIASES[n] ?? null;
}

export function parseCommand(source: CommandLine): ParsedCommand {
  const name = canonicalName(source.name);
  if (!name) return { error: `unknown command /${source.name}`, usage: null, source };
  const fail = (error: string): ParsedCommand => ({ error, usage: USAGE[name].usage, source });
  const ok = (command: Command): ParsedCommand => ({ ok: command, source });
  const { args, rest } = source;
  // Free text keeps the author's spacing and quotes, unless the whole text is one quoted string.
  const free = args.length === 1 && source.quoted[0] ? (args[0] ?? "") : rest;
  const text = (what: string): string | null => (rest === "" ? `${what} is missing` : rest.length > TEXT_LIMIT ? `${what} is longer than ${TEXT_LIMIT} characters` : null);
  switch (name) {
    case "ack":
    case "escalate":
    case "reopen":
    case "postmortem":
    case "help":
      return args.length === 0 ? ok({ name }) : fail(`/${name} takes no arguments`);
    case "sev": {
      const sev = (args[0] ?? "").toUpperCase();
      if (!(SEVERITIES as readonly string[]).includes(sev)) return fail(args[0] ? `severity must be one of ${SEVERITIES.join(", ")}` : "the severity is missing");
      const reason = args.slice(1).join(" ");
      if (reason.length > TEXT_LIMIT) return fail(`the reason is longer than ${TEXT_LIMIT} characters`);
      return ok({ name, severity: sev as Severity, reason: reason === "" ? null : reason });
    }
    case "status": {
      const status = (args[0] ?? "").toLowerCase();
      if (args.length !== 1 || !(STATUS_ARGS as readonly string[]).includes(status)) return fail(`status must be one of ${STATUS_ARGS.join(", ")}`);
      return ok({ name, status: status as StatusArg });
    }
    case "update": {
      const problem = text("the update text");
      if (problem) return fail(problem);
      // A quoted first argument followed by more text splits progress from current actions.
      if (source.quoted[0] && args.length > 1) return ok({ name, progress: args[0] ?? "", actions: args.slice(1).join(" ") });
      return ok({ name, progress: free, actions: null });
    }
    case "assign":
    case "commander": {
      const m = args.length === 1 ? LOGIN.exec(args[0] ?? "") : null;
      if (!m?.[1]) return fail("give exactly one GitHub login, like @octocat");
      return ok({ name, login: m[1] });
    }
    case "resolve": {
      const problem = text("the resolution summary");
      return problem ? fail(problem) : ok({ name, summary: free });
    }
    case "timeline": {
      const problem = text("the note");
      return problem ? fail(problem) : ok({ name, note: free });
    }
    case "runbook":
      if (args.length > 1) return fail("give at most one playbook name");
      return ok({ name, playbook: args[0] ?? null });
    case "impact":
      return parseImpact(source, fail, ok);
    case "rootcause": {
      const m = /^([A-Za-z][\w -]{0,39}?)\s*:\s*(\S[\s\S]*)$/.exec(rest);
      if (!m?.[1] || !m[2]) return fail("write the category, a colon, then the text");
      if (m[2].length > TEXT_LIMIT) return fail(`the text is longer than ${TEXT_LIMIT} characters`);
      return ok({ name, category: m[1].trim().toLowerCase(), text: m[2].trim() });
    }
  }
}

const IMPACT_KEYS = ["users", "revenue", "sla", "summary"] as const;

// `users=about 10% revenue="$5k/h"`: a word without `key=` continues the previous value, so values
// need no quotes unless they contain another `key=`.
function parseImpact(source: CommandLine, fail: (e: string) => ParsedCommand, ok: (c: Command) => ParsedCommand): ParsedCommand {
  const values: Partial<Record<(typeof IMPACT_KEYS)[number], string>> = {};
  let current: (typeof IMPACT_KEYS)[number] | null = null;
  for (const [i, arg] of source.args.entries()) {
    const m = source.quoted[i] ? null : /^([A-Za-z]+)=([\s\S]*)$/.exec(arg);
    if (m?.[1]) {
      const key = m[1].toLowerCase();
      if (!(IMPACT_KEYS as readonly string[]).includes(key)) return fail(`unknown key ${key}; the keys are ${IMPACT_KEYS.join(", ")}`);
      current = key as (typeof IMPACT_KEYS)[number];
      values[current] = m[2] ?? "";
    } else if (current) values[current] = `${values[current] ?? ""} ${arg}`.trim();
    else return fail("start with a key, like users=…");
  }
  const set = Object.entries(values).filter(([, v]) => v.trim() !== "");
  if (set.length === 0) return fail("give at least one of users=, revenue=, sla=, summary=");
  if (set.some(([, v]) => v.length > TEXT_LIMIT)) return fail(`a value is longer than ${TEXT_LIMIT} characters`);
  return ok({ name: "impact", ...Object.fromEntries(set.map(([k, v]) => [k, v.trim()])) });
}

const QUOTES: Record<string, string> = { '"': '"', "“": "”", "„": "“" };

/**
 * Whitespace-separated words; "double" or “smart” quotes group words, also inside a word
 * (`users="10% of EU"`). An unclosed quote runs to the end. `quoted`: the word began with a quote.
 */
export function tokenize(text: string): { args: string[]; quoted: boolean[] } {
  const args: string[] = [];
  const quoted: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    quoted.push(QUOTES[text[i] ?? ""] !== undefined);
    let word = "";
    while (i < text.length && !/\s/.test(text[i] ?? "")) {
      const close = QUOTES[text[i] ?? ""];
      if (close) {
        const end = text.indexOf(close, i + 1);
        word += text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else word += text[i++] ?? "";
    }
    args.push(word);
  }
  return { args, quoted };
}
