// `incident postmortem ID [--dir DIR] [--at ISO]` prints the post-mortem the Action would open for
// an incident; `incident postmortem lint FILE [--dir DIR]` runs the review gate's lint on a file
// (FILE:line: message per problem, exit 1 when there are any). `runPostmortem` is the whole
// command over loaded inputs, so tests call it directly.
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { generatePostmortem } from "../postmortem/generate.js";
import { lintPostmortem } from "../postmortem/lint.js";
import { readFrontMatter, type FrontMatter } from "../postmortem/front-matter.js";
import { UsageError } from "./errors.js";
import { EXIT, formatIssues, processIO, type CliIO } from "./io.js";
import { timeFlag } from "./time.js";

export type PostmortemOptions = { command: "render"; id: string; at?: string; json?: boolean } | { command: "lint"; file: string; json?: boolean };

export interface PostmortemInputs {
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  /** For render: every record (the incident, and the history for recurring patterns). */
  records?: IncidentRecord[];
  /** For render: post-mortem files on disk, as { path, text }, for recurring patterns. */
  postmortems?: { path: string; text: string }[];
  /** For lint: the file's text. */
  text?: string;
  /** The time to render at when neither --at nor the record's resolution time says otherwise. */
  now: string;
}

export interface PostmortemDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  loadRecords(dir: string): Promise<IncidentRecord[]>;
  readFile(path: string): Promise<string>;
  /** Post-mortems already in the repository (postmortems/*.md); none when absent. */
  loadPostmortems?(dir: string): Promise<{ path: string; text: string }[]>;
  now?: () => Date;
  io?: CliIO;
}

export function runPostmortem(opts: PostmortemOptions, inputs: PostmortemInputs, io: CliIO): number {
  const { policies, issues } = inputs.policies;
  if (!policies) {
    io.err(`policies do not load (fix them with incident validate):\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
    return EXIT.problems;
  }
  if (opts.command === "lint") {
    const { problems } = lintPostmortem(inputs.text ?? "", policies);
    if (opts.json) io.out(JSON.stringify({ file: opts.file, ok: problems.length === 0, problems }, null, 2));
    else {
      for (const p of problems) io.out(`${opts.file}:${p.line}: ${p.message}`);
      if (problems.length === 0) io.out(`${opts.file}: ok`);
    }
    return problems.length === 0 ? EXIT.ok : EXIT.problems;
  }

  const records = inputs.records ?? [];
  const record = records.find((r) => r.id === opts.id);
  if (!record) {
    const known = records.map((r) => r.id).sort().slice(-5);
    io.err(`no incident ${opts.id} in incidents/${known.length > 0 ? ` (latest: ${known.join(", ")})` : ""}`);
    return EXIT.usage;
  }
  // Default to the resolution time, so rendering a past incident gives the file the Action wrote.
  const now = opts.at !== undefined ? new Date(timeFlag("--at", opts.at)).toISOString() : (record.timestamps.resolved ?? inputs.now);
  const postmortems: FrontMatter[] = [];
  for (const p of inputs.postmortems ?? []) {
    const fm = readFrontMatter(p.text, p.path);
    if (fm.frontMatter) postmortems.push(fm.frontMatter);
    else io.err(`warning: ${p.path}: front matter not readable, not counted for patterns`);
  }
  const pm = generatePostmortem(record, policies, { now, history: { records, postmortems } });
  if (opts.json) {
    io.out(JSON.stringify({ path: pm.path, content: pm.content }, null, 2));
    return EXIT.ok;
  }
  io.err(`# ${pm.path}`);
  io.out(pm.content);
  return EXIT.ok;
}

export function registerPostmortem(program: Command, deps: PostmortemDeps): void {
  const io = deps.io ?? processIO;
  const now = (): string => (deps.now?.() ?? new Date()).toISOString();
  program
    .command("postmortem")
    .description("Print the post-mortem for incident ID, or `postmortem lint FILE` to check one as the review gate does")
    .argument("<id|lint>", "an incident id (2026-11-27-001), or `lint`")
    .argument("[file]", "with lint: the post-mortem file to check")
    .option("--dir <dir>", "repository root holding policies/, incidents/ and postmortems/", ".")
    .option("--at <time>", "render as of this time (ISO 8601; without an offset UTC); default the incident's resolution")
    .option("--json", "print one JSON object (render: path and content; lint: the problems)", false)
    .action(async (first: string, file: string | undefined, flags: { dir: string; at?: string; json: boolean }) => {
      const policies = await deps.loadPolicies(flags.dir);
      if (first === "lint") {
        if (file === undefined) throw new UsageError("usage: incident postmortem lint FILE [--dir DIR]");
        const text = await deps.readFile(file);
        process.exitCode = runPostmortem({ command: "lint", file, json: flags.json }, { policies, text, now: now() }, io);
        return;
      }
      const [records, postmortems] = await Promise.all([deps.loadRecords(flags.dir), deps.loadPostmortems?.(flags.dir) ?? Promise.resolve([])]);
      const opts: PostmortemOptions = { command: "render", id: first, json: flags.json, ...(flags.at !== undefined ? { at: flags.at } : {}) };
      process.exitCode = runPostmortem(opts, { policies, records, postmortems, now: now() }, io);
    });
}
