// `incident init [--dir DIR] [--force]`: scaffold incident-as-code into an existing repository from
// the files this package ships, refusing to overwrite anything that differs unless --force.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nextSteps, SCAFFOLD_SOURCES, scaffoldFiles, type ActionRelease } from "../init/scaffold.js";
import { EXIT, type CliIO } from "./io.js";

/** The root of this package: the nearest folder up from this file whose package.json is ours. */
export async function packageRoot(from = dirname(fileURLToPath(import.meta.url))): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(await readFile(pkg, "utf8")) as { name?: string }).name === "incident-as-code") return dir;
    if (dirname(dir) === dir) throw new Error(`incident-as-code's package.json not found above ${from}`);
  }
}

/** Version, Action repository and release commit, from the package.json of `root`. */
export async function releaseOf(root: string): Promise<ActionRelease> {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string; repository?: { url?: string }; incidentAsCode?: { commit?: string } };
  const m = /github\.com[/:]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(pkg.repository?.url ?? "");
  return { repository: m?.[1] ?? "incident-as-code/incident-as-code", version: pkg.version, commit: pkg.incidentAsCode?.commit ?? null };
}

async function walk(root: string, rel: string): Promise<string[]> {
  if (!rel.endsWith("/")) return existsSync(join(root, rel)) ? [rel] : [];
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(root, `${rel}${e.name}/`) : Promise.resolve([`${rel}${e.name}`]))));
  return nested.flat();
}

/** The shipped files `init` copies, path → content. */
export async function readSources(root: string): Promise<Record<string, string>> {
  const paths = (await Promise.all(SCAFFOLD_SOURCES.map((s) => walk(root, s)))).flat();
  return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await readFile(join(root, p), "utf8")] as const)));
}

export interface InitOptions {
  dir: string;
  force: boolean;
}

export async function runInit(opts: InitOptions, io: CliIO, root?: string): Promise<number> {
  const target = resolve(opts.dir);
  if (!existsSync(target)) {
    io.err(`--dir ${opts.dir}: no such directory (init scaffolds into an existing repository)`);
    return EXIT.usage;
  }
  const pkgRoot = root ?? (await packageRoot());
  if (resolve(pkgRoot) === target) {
    io.err("this is incident-as-code's own repository: run init in the repository that will hold your incidents (--dir)");
    return EXIT.usage;
  }
  const release = await releaseOf(pkgRoot);
  const files = scaffoldFiles(await readSources(pkgRoot), release);
  const plan = await Promise.all(
    files.map(async (f) => {
      const dest = join(target, f.path);
      const current = existsSync(dest) ? await readFile(dest, "utf8") : null;
      return { ...f, dest, state: current === null ? "create" : current === f.content ? "same" : "differs" } as const;
    }),
  );
  const conflicts = plan.filter((p) => p.state === "differs");
  if (conflicts.length > 0 && !opts.force) {
    io.err(`init would overwrite ${conflicts.length} file(s) that differ:\n${conflicts.map((c) => `  ${c.path}`).join("\n")}\nnothing was written; re-run with --force to overwrite them.`);
    return EXIT.usage;
  }
  for (const p of plan.filter((x) => x.state !== "same")) {
    await mkdir(dirname(p.dest), { recursive: true });
    await writeFile(p.dest, p.content);
  }
  const count = (s: string) => plan.filter((p) => p.state === s).length;
  io.out(`incident-as-code ${release.version} scaffolded into ${relative(process.cwd(), target) || "."}: ${count("create")} created, ${count("differs")} overwritten, ${count("same")} unchanged.`);
  if (!existsSync(join(target, ".git"))) io.err("note: no .git here; init expects the root of the repository that will hold your incidents.");
  io.out("");
  io.out("Next:");
  for (const step of nextSteps(release, files.some((f) => f.content.includes("PLACEHOLDER: logins")))) io.out(step);
  return EXIT.ok;
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command("init")
    .description("scaffold policies, schemas, workflows, the issue form, incidents/ and postmortems/ into an existing repository")
    .option("--dir <dir>", "root of the repository to scaffold into", ".")
    .option("--force", "overwrite files that differ from the shipped ones", false)
    .action(async (opts: InitOptions) => {
      process.exitCode = await runInit(opts, io);
    });
}
