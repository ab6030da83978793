// `incident doctor`: check the repository's set-up against GitHub (token, workflows, labels, the
// Actions pull-request setting, the records branch, assignable people, channel secrets), one line
// per check with its fix. Exit 0 when nothing fails, 1 when something does, 2 on usage errors.
import type { Command } from "commander";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CompileResult } from "../config/index.js";
import type { CheckLine } from "../doctor/checks.js";
import type { DoctorPort } from "../doctor/port.js";
import { EXIT, formatIssues, type CliIO } from "./io.js";

/** `.github/workflows/*.yml` of the repository at `dir` (none when the folder is missing). */
export async function readWorkflows(dir: string): Promise<{ path: string; text: string }[]> {
  const folder = join(dir, ".github/workflows");
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return Promise.all(names.map(async (n) => ({ path: `.github/workflows/${n}`, text: await readFile(join(folder, n), "utf8") })));
}

export interface DoctorCliOptions {
  dir: string;
  repo?: string;
  recordsBranch?: string;
  createLabels: boolean;
  allowPullRequests?: boolean;
  json: boolean;
}

export interface DoctorDeps {
  loadPolicies(dir: string): Promise<CompileResult>;
  /** The GitHub side; default: Octokit with GITHUB_TOKEN (or GH_TOKEN) against GITHUB_API_URL. */
  port?: (repo: { owner: string; repo: string }) => DoctorPort | string | Promise<DoctorPort | string>;
  env?: NodeJS.ProcessEnv;
}

// The GitHub client and the checks load when doctor runs, not with every command.
function envPort(env: NodeJS.ProcessEnv, io: CliIO) {
  return async (repo: { owner: string; repo: string }): Promise<DoctorPort | string> => {
    const token = env.GITHUB_TOKEN || env.GH_TOKEN || "";
    if (!token) return "set GITHUB_TOKEN (or GH_TOKEN) to a token for the repository; an admin's token lets every check run";
    const [{ createOctokit, writeSpacingFromEnv }, { octokitDoctorPort }] = await Promise.all([import("../github/client.js"), import("../doctor/port.js")]);
    const spacing = writeSpacingFromEnv(env);
    const octokit = createOctokit(token, { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(spacing !== undefined ? { writeSpacingMs: spacing } : {}), log: (m) => io.err(m) });
    return octokitDoctorPort(octokit, repo);
  };
}

export async function runDoctorCli(opts: DoctorCliOptions, deps: DoctorDeps, io: CliIO): Promise<number> {
  const env = deps.env ?? process.env;
  const full = opts.repo ?? env.GITHUB_REPOSITORY ?? "";
  const [owner, name, extra] = full.split("/");
  if (!owner || !name || extra !== undefined) {
    io.err("name the repository: --repo OWNER/REPO (or set GITHUB_REPOSITORY)");
    return EXIT.usage;
  }
  const port = await (deps.port ?? envPort(env, io))({ owner, repo: name });
  if (typeof port === "string") {
    io.err(port);
    return EXIT.usage;
  }
  const loaded = await deps.loadPolicies(opts.dir);
  if (!loaded.policies) {
    io.err(`the policies have errors; fix them first (incident validate):\n${formatIssues(loaded.issues.filter((i) => i.level === "error"))}`);
    return EXIT.problems;
  }
  const { formatDoctor, runDoctor } = await import("../doctor/checks.js");
  const lines: CheckLine[] = await runDoctor({
    port,
    policies: loaded.policies,
    repo: full,
    workflows: await readWorkflows(opts.dir),
    ...(opts.recordsBranch ? { recordsBranch: opts.recordsBranch } : {}),
    createLabels: opts.createLabels,
    allowPullRequests: opts.allowPullRequests === true,
  });
  const failed = lines.filter((l) => l.status === "fail").length;
  if (opts.json) io.out(JSON.stringify({ ok: failed === 0, checks: lines }, null, 2));
  else {
    io.out(formatDoctor(lines));
    io.err(failed === 0 ? `${full} is ready (${lines.filter((l) => l.status === "warn").length} warning(s))` : `${failed} check(s) failed`);
  }
  return failed > 0 ? EXIT.problems : EXIT.ok;
}

export function registerDoctor(program: Command, deps: DoctorDeps, io: CliIO): void {
  program
    .command("doctor")
    .description("check the repository's set-up on GitHub: token, workflow permissions, labels (created when allowed), the Actions pull-request setting, the records branch, assignable people, channel secrets")
    .option("--dir <dir>", "repository root holding policies/ and .github/workflows/", ".")
    .option("--repo <owner/repo>", "the repository on GitHub (default: $GITHUB_REPOSITORY)")
    .option("--records-branch <branch>", "the branch incident records go to (default: the workflow's records-branch input, else the default branch)")
    .option("--no-create-labels", "report missing labels instead of creating them")
    .option("--allow-pull-requests", "turn on \"Allow GitHub Actions to create and approve pull requests\" (post-mortem PRs) when it is off; needs an admin's token", false)
    .option("--json", "print one JSON object", false)
    .action(async (opts: DoctorCliOptions) => {
      process.exitCode = await runDoctorCli(opts, deps, io);
    });
}
