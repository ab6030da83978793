// `incident site [--dir DIR] [--out DIR] [--url URL] [--repo OWNER/REPO]`: builds the static status
// page, dashboard and feeds from the policies, the records in incidents/ and the post-mortems in
// postmortems/, into --out (default _site, what actions/upload-pages-artifact publishes). The
// builder and its charting library load only here, from their own bundle (dist/site.js).
import type { Command } from "commander";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import type { SiteInput, SiteResult } from "../site/index.js";
import type { Unreadable } from "../store/records.js";
import { EXIT, formatIssues, processIO, type CliIO } from "./io.js";

export interface SiteOptions {
  dir: string;
  out: string;
  url?: string;
  repo?: string;
}

export interface SiteDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  loadRecords(dir: string): Promise<{ records: IncidentRecord[]; unreadable: Unreadable[] }>;
  loadPostmortems(dir: string): Promise<{ path: string; text: string }[]>;
  /** The builder module, loaded on demand (a separate bundle in dist/). */
  loadBuilder(): Promise<{ buildSite(input: SiteInput): Promise<SiteResult> }>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  io?: CliIO;
}

/** The list of files the last build wrote: the next build removes those it no longer writes, and nothing else. */
const MANIFEST = ".incident-site.json";

/** https://github.com/OWNER/REPO from --repo (OWNER/REPO or a URL) or the Actions environment; null if unknown. */
export function repositoryUrl(repo: string | undefined, env: NodeJS.ProcessEnv): string | null | { error: string } {
  const server = (env["GITHUB_SERVER_URL"] ?? "https://github.com").replace(/\/+$/, "");
  const value = repo ?? env["GITHUB_REPOSITORY"];
  if (value === undefined || value === "") return null;
  if (/^https?:\/\/[^\s/]+\/[^\s/]+\/[^\s/]+\/?$/.test(value)) return value.replace(/\/+$/, "");
  if (/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value)) return `${server}/${value}`;
  return { error: `--repo "${value}" is neither OWNER/REPO nor a repository URL` };
}

function fail(message: string): never {
  throw new Error(message);
}

async function previousFiles(out: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readFile(join(out, MANIFEST), "utf8")) as { files?: unknown };
    return Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/** Writes `files` under `out`, removing files the previous build wrote and this one does not. */
async function writeSite(out: string, files: SiteResult["files"]): Promise<void> {
  const root = resolve(out);
  const within = (p: string): string | null => {
    const full = resolve(root, p);
    return full.startsWith(root + sep) ? full : null;
  };
  const inside = (p: string): string => within(p) ?? fail(`refusing to write outside ${root}: ${p}`);
  await mkdir(root, { recursive: true });
  const now = new Set(files.map((f) => f.path));
  // A manifest naming something outside the folder was not written by us: such entries are ignored.
  for (const old of await previousFiles(root)) {
    const path = now.has(old) ? null : within(old);
    if (path !== null) await rm(path, { force: true });
  }
  for (const f of files) {
    const path = inside(f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content);
  }
  await writeFile(join(root, MANIFEST), `${JSON.stringify({ files: [...now].sort() }, null, 2)}\n`);
}

export async function runSite(opts: SiteOptions, deps: SiteDeps): Promise<number> {
  const io = deps.io ?? processIO;
  const { policies, issues } = await deps.loadPolicies(opts.dir);
  if (!policies) {
    io.err(`policies do not load:\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
    return EXIT.usage;
  }
  const repoUrl = repositoryUrl(opts.repo, deps.env ?? process.env);
  if (repoUrl !== null && typeof repoUrl === "object") {
    io.err(repoUrl.error);
    return EXIT.usage;
  }
  if (opts.url !== undefined && !/^https?:\/\/\S+$/.test(opts.url)) {
    io.err(`--url "${opts.url}" is not an http(s) URL`);
    return EXIT.usage;
  }
  const [{ records, unreadable }, postmortems, builder] = await Promise.all([deps.loadRecords(opts.dir), deps.loadPostmortems(opts.dir), deps.loadBuilder()]);
  for (const u of unreadable) io.err(`warning: ${u.error} (left out of the site)`);
  let result: SiteResult;
  try {
    result = await builder.buildSite({ policies, records, postmortems, now: (deps.now?.() ?? new Date()).toISOString(), siteUrl: opts.url ?? null, repoUrl });
  } catch (e) {
    // By name: the error class lives in the builder's own bundle, so instanceof cannot match here.
    if (e instanceof Error && e.name === "NothingToBuildError") {
      io.err(e.message);
      return EXIT.usage;
    }
    throw e;
  }
  for (const w of result.warnings) io.err(`warning: ${w}`);
  await writeSite(opts.out, result.files);
  const pages = result.files.filter((f) => f.path.endsWith(".html")).map((f) => f.path);
  io.out(`wrote ${result.files.length} files to ${opts.out} from ${records.length} incident record(s): ${pages.join(", ")}; open ${join(resolve(opts.out), pages[0] ?? "index.html")}`);
  return EXIT.ok;
}

export function registerSite(program: Command, deps: SiteDeps): void {
  program
    .command("site")
    .description("Build the static status page, incident dashboard and feeds (status.json, Atom, badges) from the records")
    .option("--dir <dir>", "repository root holding policies/, incidents/ and postmortems/", ".")
    .option("--out <dir>", "output folder", "_site")
    .option("--url <url>", "where the site is published (absolute links in the feed); default status_page.url")
    .option("--repo <owner/repo>", "repository for links to issues and post-mortems; default $GITHUB_REPOSITORY")
    .action(async (flags: SiteOptions) => {
      process.exitCode = await runSite(flags, deps);
    });
}
