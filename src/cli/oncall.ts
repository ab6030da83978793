// `incident oncall`: who is on call now or at --at, for every rotation and the commander role,
// with the reasons; `--ics ROTATION` writes an iCalendar feed of a rotation's shifts instead.
// `runOncall` is the whole command over loaded policies, so tests call it directly.
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies, Severity } from "../config/types.js";
import { assignCommander } from "../oncall/commander.js";
import { rotationCalendar } from "../oncall/ics.js";
import { whoIsOnCall } from "../oncall/rotation.js";
import { type Instant, instantMs, isoIn } from "../oncall/zone.js";
import { EXIT, formatIssues, type CliIO, processIO } from "./io.js";
import { parseCliTime } from "./time.js";

export interface OncallOptions {
  at?: string;
  rotation?: string;
  json?: boolean;
  ics?: string;
  weeks?: string;
  dir?: string;
}

export interface OncallDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  now?: () => Date;
  io?: CliIO;
}

const COMMANDER_CASES: { label: string; severity: Severity; type: string | null }[] = [
  { label: "P1-P3", severity: "P2", type: null },
  { label: "P0", severity: "P0", type: null },
  { label: "security", severity: "P1", type: "security" },
];


export function runOncall(opts: OncallOptions & { now: Instant }, policies: Policies, io: CliIO): number {
  const home = policies.escalation.calendar.timeZone;
  const at = opts.at === undefined ? instantMs(opts.now) : parseCliTime(opts.at);
  if (at === null) {
    io.err(`--at "${opts.at ?? ""}" is not a date-time: use ISO 8601, e.g. 2026-03-02T10:00:00-08:00 (without an offset it is read as UTC)`);
    return EXIT.usage;
  }
  const ids = Object.keys(policies.rotations).sort();
  const unknown = (name: string): number => {
    io.err(`no rotation "${name}" (rotations: ${ids.join(", ")})`);
    return EXIT.usage;
  };

  if (opts.ics !== undefined) {
    const rotation = policies.rotations[opts.ics];
    if (!rotation) return unknown(opts.ics);
    const weeks = opts.weeks === undefined ? 4 : Number(opts.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) {
      io.err(`--weeks "${opts.weeks ?? ""}" must be a whole number of weeks from 1 to 104`);
      return EXIT.usage;
    }
    io.out(rotationCalendar(rotation, at, weeks));
    return EXIT.ok;
  }

  if (opts.rotation !== undefined && !policies.rotations[opts.rotation]) return unknown(opts.rotation);
  const shown = opts.rotation === undefined ? ids : [opts.rotation];
  const rotations = Object.fromEntries(
    shown.map((id) => {
      const r = policies.rotations[id];
      const oc = r ? whoIsOnCall(r, at) : { primary: null, secondary: null, reasons: [] };
      return [id, { name: r?.name ?? id, timeZone: r?.timeZone ?? "UTC", primary: oc.primary, secondary: oc.secondary, reasons: oc.reasons }];
    }),
  );
  const commander = opts.rotation === undefined
    ? Object.fromEntries(COMMANDER_CASES.map((c) => [c.label, assignCommander({ severity: c.severity, type: c.type, service: null }, policies, at)]))
    : {};

  if (opts.json) {
    io.out(JSON.stringify({ at: new Date(at).toISOString(), rotations, commander }, null, 2) + "\n");
    return EXIT.ok;
  }
  const lines = [`On call at ${isoIn(at, home)}`, ""];
  for (const [id, r] of Object.entries(rotations)) {
    lines.push(`${id} (${r.name}, ${r.timeZone})`, `  primary:   ${r.primary ?? "nobody"}`, `  secondary: ${r.secondary ?? "nobody"}`);
    for (const why of r.reasons) lines.push(`  why:       ${why}`);
    lines.push("");
  }
  for (const [label, a] of Object.entries(commander)) {
    lines.push(`commander (${label}): ${a.login ?? "nobody"}`, `  why: ${a.reason}`);
  }
  io.out(lines.join("\n").trimEnd() + "\n");
  return EXIT.ok;
}

export function registerOncall(program: Command, deps: OncallDeps): void {
  const io = deps.io ?? processIO;
  program
    .command("oncall")
    .description("Who is on call, now or at --at, for every rotation and the commander role, and why")
    .option("--at <time>", "a point in time (ISO 8601; without an offset UTC); default now")
    .option("--rotation <id>", "only this rotation")
    .option("--json", "machine-readable output")
    .option("--ics <rotation>", "write an iCalendar feed of this rotation's shifts to stdout")
    .option("--weeks <n>", "weeks the --ics feed covers (default 4)")
    .option("--dir <dir>", "repository root holding policies/", ".")
    .action(async (opts: OncallOptions) => {
      const { policies, issues } = await deps.loadPolicies(opts.dir ?? ".");
      const errors = issues.filter((i) => i.level === "error");
      if (!policies || errors.length > 0) {
        io.err(formatIssues(errors));
        io.err(`policies have ${errors.length} error(s); fix them (incident validate) and try again`);
        process.exitCode = EXIT.problems;
        return;
      }
      process.exitCode = runOncall({ ...opts, now: (deps.now ?? (() => new Date()))() }, policies, io);
    });
}
