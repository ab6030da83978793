// End-to-end harness: runs the bundled Action (dist/index.js) exactly as a runner does — event file,
// GITHUB_* variables, INPUT_* inputs, output and summary files — in a real clone of a bare
// repository on disk, against the loopback GitHub emulator.
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type Emulator, type EmulatorOptions } from "../emulator/index.js";
import { webhookExample } from "./webhook-examples.js";

const run = promisify(execFile);
/** The repository root: the nearest package.json up from here (also right when this file is bundled). */
const ROOT = ((): string => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
export const ACTION = join(ROOT, "dist/index.js");

export interface ActionRun {
  code: number;
  /** Date.now() just before the runner process was spawned. */
  startedAt: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

export interface ActOptions {
  runId?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Check out this ref as actions/checkout does for a pull request (`refs/pull/N/merge`, detached, `fetch-depth`); default: main. */
  checkout?: { ref: string; depth: number };
}

export interface World {
  gh: Emulator;
  dir: string;
  remote: string;
  /** Runs the Action once in a fresh clone (as a new runner would). */
  act(eventName: string, payload: unknown, options?: ActOptions): Promise<ActionRun>;
  /** `path` → contents of the files under `prefix` on the remote's main branch. */
  remoteFiles(prefix?: string): Record<string, string>;
  commits(): number;
  close(): Promise<void>;
}

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** `edit` may change the seeded repository (e.g. break a policy) before its first commit. */
export async function world(options: EmulatorOptions = {}, edit?: (seed: string) => void): Promise<World> {
  const gh = await startEmulator({ repos: ["acme/ops"], users: { "alice-example": "admin", "bob-example": "write", "charlie-example": "write", "dana-example": "write", "erin-example": "write", "frank-example": "write", "grace-example": "write", "heidi-example": "maintain", "rita-reader": "read" }, ...options });
  const dir = mkdtempSync(join(tmpdir(), "iac-e2e-"));
  const remote = join(dir, "remote.git");
  git(dir, "init", "-q", "--bare", "-b", "main", remote);
  const seed = join(dir, "seed");
  git(dir, "clone", "-q", remote, seed);
  cpSync(join(ROOT, "policies"), join(seed, "policies"), { recursive: true });
  mkdirSync(join(seed, "incidents"), { recursive: true });
  writeFileSync(join(seed, "incidents/.gitkeep"), "");
  edit?.(seed);
  git(seed, "add", "-A");
  git(seed, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "policies");
  git(seed, "push", "-q", "origin", "main");
  let runs = 0;

  return {
    gh,
    dir,
    remote,
    async act(eventName, payload, opts = {}) {
      const n = ++runs;
      const work = join(dir, `run-${n}`);
      mkdirSync(work);
      const workspace = join(work, "workspace");
      if (opts.checkout) {
        git(work, "init", "-q", workspace);
        git(workspace, "remote", "add", "origin", remote);
        git(workspace, "fetch", "-q", "--no-tags", `--depth=${opts.checkout.depth}`, `file://${remote}`, `+${opts.checkout.ref}:refs/remotes/pull/checkout`);
        git(workspace, "checkout", "-q", "--detach", "refs/remotes/pull/checkout");
      } else git(work, "clone", "-q", "--depth", "1", remote, workspace);
      const eventPath = join(work, "event.json");
      // Example payloads come from other repositories: make every event about this one.
      const event = payload as { repository?: Record<string, unknown> };
      writeFileSync(eventPath, JSON.stringify(event.repository ? { ...event, repository: { ...event.repository, name: "ops", full_name: "acme/ops", default_branch: "main" } } : event));
      const output = join(work, "output");
      const summary = join(work, "summary");
      writeFileSync(output, "");
      writeFileSync(summary, "");
      const inputs = { "github-token": "ghs_test", policies: "policies", "records-branch": "", "dry-run": "false", command: "", "app-token": "", ...opts.inputs };
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? dir,
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: eventName,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: "acme/ops",
        GITHUB_API_URL: gh.url,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_WORKSPACE: workspace,
        GITHUB_RUN_ID: opts.runId ?? String(1000 + n),
        GITHUB_REF_NAME: "main",
        RUNNER_TEMP: work,
        // The emulator does not pace writes, so neither does the Action under test (a test of pacing sets its own).
        INCIDENT_AS_CODE_WRITE_SPACING_MS: "0",
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
        ...opts.env,
      };
      const startedAt = Date.now();
      // A benchmark may point INCIDENT_AS_CODE_ACTION at another build to compare with.
      const { code, stdout, stderr } = await run(process.execPath, [process.env.INCIDENT_AS_CODE_ACTION ?? ACTION], { cwd: workspace, env, maxBuffer: 64 * 1024 * 1024 }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" }),
      );
      // Runners mark a failed step with exit code 1 (core.setFailed sets process.exitCode).
      return { code, startedAt, outputs: parseOutputs(readFileSync(output, "utf8")), summary: readFileSync(summary, "utf8"), stdout, stderr };
    },
    remoteFiles(prefix = "incidents/") {
      const listed = git(remote, "ls-tree", "-r", "--name-only", "main", "--", prefix).split("\n").filter(Boolean);
      return Object.fromEntries(listed.filter((p) => !p.endsWith(".gitkeep")).map((p) => [p, git(remote, "show", `main:${p}`)]));
    },
    commits: () => Number(git(remote, "rev-list", "--count", "main").trim()),
    async close() {
      await gh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GITHUB_OUTPUT uses `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!m?.[1] || !m[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? "");
    out[m[1]] = value.join("\n");
  }
  return out;
}

/** A repository_dispatch event as GitHub delivers it, wrapping a sender's body. */
export function dispatchEvent(source: "alertmanager" | "grafana" | "alert", body: unknown): unknown {
  const example = webhookExample("repository_dispatch");
  return { ...example, action: source, branch: "main", client_payload: { payload: body } };
}

export function example(name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, "examples/alerts", name), "utf8"));
}
