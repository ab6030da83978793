// `incident import alertmanager FILE [--out DIR]`: an Alertmanager configuration → routing.yaml
// (route tree, receivers as channels), inhibition.yaml and time-intervals.yaml in DIR (default
// policies/), then the policies are validated. Everything that could not be carried over is
// printed as FILE:line:col. Exit 0 imported and valid, 1 routing would differ or the policies do
// not validate, 2 the file cannot be read or is not an Alertmanager configuration.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import type { CompileResult } from "../config/index.js";
import { parsePolicyYaml } from "../config/document.js";
import { EXIT, formatIssues, type CliIO } from "./io.js";
import { runImportPagerDuty } from "./import-pagerduty.js";

export interface ImportDeps {
  /** Validate `<root>/<dir>` as `incident validate --dir root` would. */
  loadPolicies(root: string, dir: string): Promise<CompileResult>;
}

export async function runImportAlertmanager(file: string, out: string, deps: ImportDeps, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}`);
    return EXIT.usage;
  }
  const parsed = parsePolicyYaml(file, text);
  if (!parsed.doc) {
    io.err(formatIssues(parsed.issues));
    return EXIT.usage;
  }
  // The converter loads when an import runs, not with every command.
  const [{ convertAlertmanager }, { existingChannelIds, importedFiles }] = await Promise.all([import("../import/alertmanager/convert.js"), import("../import/alertmanager/write.js")]);
  const existing = await readFile(join(out, "routing.yaml"), "utf8").catch(() => null);
  const result = convertAlertmanager(parsed.doc, existingChannelIds(existing));
  if (result.notes.some((n) => n.level === "error" && /no `route`/.test(n.message))) {
    io.err(formatIssues(result.notes));
    return EXIT.usage;
  }
  await mkdir(out, { recursive: true });
  const files = importedFiles(result, existing, basename(file));
  for (const [name, content] of Object.entries(files)) await writeFile(join(out, name), content);
  io.out(`imported ${file}: ${countRoutes(result.route)} route(s), ${result.channels.length} receiver(s) as channels, ${result.inhibitRules.length} inhibit rule(s), ${result.timeIntervals.length} time interval(s) → ${Object.keys(files).map((f) => join(out, f)).join(", ")}`);
  if (result.notes.length) io.out(`not carried over (${result.notes.length}):\n${formatIssues(result.notes)}`);
  const validation = await deps.loadPolicies(dirname(out), basename(out));
  const errors = validation.issues.filter((i) => i.level === "error");
  if (errors.length) io.err(`the policies in ${out} do not validate:\n${formatIssues(errors)}`);
  else io.out(`${out} validates`);
  return errors.length || result.notes.some((n) => n.level === "error") ? EXIT.problems : EXIT.ok;
}

function countRoutes(route: Record<string, unknown>): number {
  const children = (route["routes"] as Record<string, unknown>[] | undefined) ?? [];
  return 1 + children.reduce((n, c) => n + countRoutes(c), 0);
}

export function registerImport(program: Command, deps: ImportDeps, io: CliIO): void {
  const command = program.command("import").description("turn another tool's configuration into policy files");
  command
    .command("pagerduty")
    .description("a PagerDuty schedule (and escalation policy), REST API v2 JSON → a rotation in oncall/rotations.yaml (and a policy in escalation.yaml)")
    .argument("<schedule>", "GET /schedules/{id}?since=…&until=… response (its final schedule is used to check the import)")
    .argument("[escalation-policy]", "GET /escalation_policies/{id} response")
    .option("--users <file>", "YAML mapping PagerDuty user id, e-mail or name → GitHub login")
    .option("--rotation <id>", "rotation id (default: from the schedule's name)")
    .option("--out <dir>", "policies directory to write into", "policies")
    .action(async (schedule: string, policy: string | undefined, opts: { users?: string; rotation?: string; out: string }) => {
      process.exitCode = await runImportPagerDuty(schedule, policy, opts, deps, io);
    });
  command
    .command("alertmanager")
    .description("an Alertmanager configuration → routing.yaml, inhibition.yaml, time-intervals.yaml")
    .argument("<file>", "alertmanager.yml")
    .option("--out <dir>", "policies directory to write into", "policies")
    .action(async (file: string, opts: { out: string }) => {
      process.exitCode = await runImportAlertmanager(file, opts.out, deps, io);
    });
}
