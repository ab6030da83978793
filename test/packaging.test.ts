// The package as users get it: `npm pack` holds only what is needed, installs and runs offline,
// and the README's install guide — run line by line, exactly as written — takes a fresh repository
// from nothing to a clean `incident doctor` against the loopback GitHub emulator.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./emulator/index.js";

const ROOT = resolve(".");
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string; bin: Record<string, string>; engines: { node: string }; files: string[]; dependencies?: unknown };
// npm and npx run on the Node that runs this test (the project's Node 24), as in CI.
const PATH = [dirname(process.execPath), join(ROOT, "node_modules/.bin"), process.env.PATH ?? ""].join(delimiter);

/** The lines of the README's install guide (between the install-guide markers). */
export function installGuide(readme: string): string[] {
  const m = /<!-- install-guide:[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- \/install-guide -->/.exec(readme);
  if (!m?.[1]) throw new Error("README has no install-guide block");
  return m[1].trim().split("\n");
}

/** The source maps of the Action and the CLI: their entries and the chunks they load. */
function bundleMaps(): string[] {
  const chunks = ["action", "cli"].flatMap((dir) => readdirSync(`dist/chunks/${dir}`).filter((f) => f.endsWith(".js.map")).map((f) => `dist/chunks/${dir}/${f}`));
  return ["dist/cli.js.map", "dist/index.js.map", ...chunks];
}

/** Bundled packages named by the source maps (node_modules/<name> or node_modules/@scope/<name>). */
function bundledPackages(): Set<string> {
  const out = new Set<string>();
  for (const map of bundleMaps()) {
    for (const source of (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source);
      // Some packages ship source maps of their own, which point outside the package (e.g. at
      // node_modules/@octokit/src/…): only sources inside a real package name a bundled package.
      if (m?.[1] && existsSync(join("node_modules", m[1], "package.json"))) out.add(m[1]);
    }
  }
  return out;
}

describe("the package", () => {
  it("is publishable as incident-as-code with the incident command, and bundles its dependencies", () => {
    expect(pkg.name).toBe("incident-as-code");
    expect(pkg.bin).toEqual({ incident: "dist/cli.js", "incident-as-code": "dist/cli.js" });
    expect(pkg.dependencies).toBeUndefined(); // everything is in dist/cli.js
    expect(readFileSync("dist/cli.js", "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("declares engines no wider than any bundled package allows", () => {
    const bundled = bundledPackages();
    expect(bundled.size).toBeGreaterThan(20);
    for (const name of bundled) {
      const engines = (JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8")) as { engines?: { node?: string } }).engines?.node;
      if (engines) expect(semver.subset(pkg.engines.node, engines), `${name} needs node ${engines}`).toBe(true);
    }
  });

  it("lists every bundled package with its licence text in dist/THIRD_PARTY_LICENSES.txt", () => {
    const text = readFileSync("dist/THIRD_PARTY_LICENSES.txt", "utf8");
    const listed = new Set([...text.matchAll(/^-{80}\n(.+)@[^@\n]+\nLicense: /gm)].map((m) => m[1]));
    expect([...bundledPackages()].filter((p) => !listed.has(p))).toEqual([]);
    expect(text).toMatch(/^commander@[\d.]+\nLicense: MIT\n[\s\S]*?Permission is hereby granted/m);
  });

  it("keeps the Node 24 binary, .node-version and the lock file in step", () => {
    const want = readFileSync(".node-version", "utf8").trim();
    const devNode = JSON.parse(readFileSync("tools/dev-node/package.json", "utf8")) as { optionalDependencies: Record<string, string> };
    for (const [name, version] of Object.entries(devNode.optionalDependencies)) {
      expect(version, name).toBe(want);
      // npm installs the one whose os/cpu match this machine and skips the others.
      if (!existsSync(join("node_modules", name))) continue;
      const manifest = JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8")) as { os?: string; cpu?: string };
      expect([manifest.os, manifest.cpu]).toEqual(["linux", process.arch]);
    }
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string; optional?: boolean; os?: string; cpu?: string }> };
    for (const name of Object.keys(devNode.optionalDependencies)) expect(lock.packages[`node_modules/${name}`]).toMatchObject({ version: want, optional: true });
    expect(semver.satisfies(want, pkg.engines.node)).toBe(true);
  });
});

describe("installed from the packed tarball, offline, following the README", () => {
  let work: string;
  let tarball: string;
  let gh: Emulator;
  const people = ["alice", "bob", "charlie", "dana", "erin", "frank", "grace", "heidi"];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "iac-pack-"));
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { encoding: "utf8", env: { ...process.env, PATH } })) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0]?.filename ?? "");
    gh = await startEmulator({ repos: ["acme/ops"], users: { alice: "admin", ...Object.fromEntries(people.slice(1).map((p) => [p, "write"])) }, tokenUser: { "admin-token": "alice" } });
  });
  afterAll(async () => {
    await gh.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("holds only what is needed", () => {
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((p) => p.replace(/^package\//, ""));
    const tops = [...new Set(listed.map((p) => (p.includes("/") ? `${p.slice(0, p.indexOf("/"))}/` : p)))].sort();
    expect(tops).toEqual([".github/", "CHANGELOG.md", "LICENSE", "README.md", "dist/", "incidents/", "package.json", "policies/", "postmortems/", "schemas/"]);
    // The CLI's chunks (what it loads on demand) travel with it; the Action's do not.
    const cliChunks = readdirSync("dist/chunks/cli").map((f) => `dist/chunks/cli/${f}`);
    expect(cliChunks.length).toBeGreaterThan(0);
    expect(listed.filter((p) => p.startsWith("dist/")).sort()).toEqual(["dist/THIRD_PARTY_LICENSES.txt", ...cliChunks, "dist/cli.js", "dist/cli.js.map", "dist/site.js", "dist/site.js.map"].sort());
    expect(listed.filter((p) => p.startsWith(".github/")).sort()).toEqual([".github/ISSUE_TEMPLATE/incident.yml", ".github/workflows/incident.yml", ".github/workflows/policies.yml"]);
  });

  it("init, validate, commit and doctor pass in a fresh repository with nothing but the logins filled in", async () => {
    const remote = join(work, "remote.git");
    const repo = join(work, "ops");
    const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" });
    git(work, "init", "-q", "--bare", "-b", "main", remote);
    mkdirSync(repo);
    git(repo, "init", "-q", "-b", "main");
    git(repo, "remote", "add", "origin", remote);
    // An existing repository tracks its remote branch.
    git(repo, "config", "branch.main.remote", "origin");
    git(repo, "config", "branch.main.merge", "refs/heads/main");
    writeFileSync(join(repo, "README.md"), "# ops\n");
    // A fresh npm cache and --offline: nothing may come from the network.
    const env = {
      PATH,
      HOME: work,
      npm_config_cache: join(work, "npm-cache"),
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
      GITHUB_API_URL: gh.url,
      INCIDENT_AS_CODE_WRITE_SPACING_MS: "0",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    };
    const outputs: string[] = [];
    for (const line of installGuide(readFileSync("README.md", "utf8"))) {
      if (line.startsWith("# replace the placeholder logins")) {
        fillLogins(join(repo, "policies"));
        continue;
      }
      // The one change: the package comes from the tarball instead of the registry.
      const command = line.replaceAll("npx --yes incident-as-code", `npx --yes --package=${tarball} incident-as-code`).replace("<an admin's token>", "admin-token").replace("OWNER/REPO", "acme/ops");
      // Asynchronously: the emulator answers from this process.
      const r = await run("bash", ["-c", command], { cwd: repo, env, encoding: "utf8", timeout: 120_000 }).then(
        (x) => ({ code: 0, out: `${x.stdout}${x.stderr}` }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
      );
      expect(r.code, `${line}\n${r.out}`).toBe(0);
      outputs.push(r.out);
    }
    const [init = "", validate = "", , doctor = ""] = outputs;
    expect(init).toMatch(/scaffolded into \.: \d+ created, 0 overwritten, 0 unchanged/);
    expect(init.match(/^[123]\. /gm)).toHaveLength(3);
    expect(validate).toContain("policies are valid");
    expect(doctor).not.toMatch(/^FAIL/m);
    expect(doctor).toContain("acme/ops is ready");

    // What init wrote: the released Action instead of `uses: ./`, modelines that resolve, the folders.
    const workflow = readFileSync(join(repo, ".github/workflows/incident.yml"), "utf8");
    expect(workflow).not.toMatch(/uses: \.\//);
    expect(workflow).toMatch(/uses: incident-as-code\/incident-as-code@v\d+\.\d+\.\d+ # PLACEHOLDER: pin to the full commit SHA/);
    for (const file of walk(join(repo, "policies")).filter((f) => f.endsWith(".yaml"))) {
      const modeline = /^# yaml-language-server: \$schema=(\S+)/.exec(readFileSync(file, "utf8"))?.[1];
      expect(modeline, file).toBeDefined();
      expect(existsSync(resolve(dirname(file), modeline ?? "")), `${file} → ${modeline}`).toBe(true);
    }
    expect(existsSync(join(repo, "incidents/README.md")) && existsSync(join(repo, "postmortems/README.md"))).toBe(true);
    expect(git(remote, "ls-tree", "-r", "--name-only", "main")).toContain("policies/severities.yaml");
    expect(gh.state.label("incident:declared")).toBeDefined();
  }, 300_000);

  function fillLogins(dir: string): void {
    for (const file of walk(dir).filter((f) => f.endsWith(".yaml"))) writeFileSync(file, readFileSync(file, "utf8").replace(/\b([a-z]+)-example\b/g, "$1"));
  }
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}
