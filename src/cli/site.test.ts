import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { SiteResult } from "../site/index.js";
import { fixturePostmortems, fixtureRecords, NOW } from "../site/testing/history.js";
import { repositoryUrl, runSite, type SiteDeps } from "./site.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

function deps(over: Partial<SiteDeps> = {}): SiteDeps & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    loadPolicies: () => Promise.resolve({ policies: shippedPolicies(), issues: [] }),
    loadRecords: () => Promise.resolve({ records: fixtureRecords(), unreadable: [{ path: "incidents/bad.yaml", error: "incidents/bad.yaml:3:1: not a record" }] }),
    loadPostmortems: () => Promise.resolve(fixturePostmortems()),
    loadBuilder: () =>
      Promise.resolve({
        buildSite: (input): Promise<SiteResult> => {
          calls.push(input);
          return Promise.resolve({ files: [{ path: "index.html", content: "<p>status</p>" }, { path: "badges/api.json", content: "{}" }], warnings: ["a warning"] });
        },
      }),
    env: {},
    now: () => new Date(NOW),
    ...over,
  };
}

describe("incident site", () => {
  it("builds from what it loaded, writes the files, and reports unreadable records and warnings", async () => {
    const out = mkdtempSync(join(tmpdir(), "iac-site-cli-"));
    const c = io();
    const d = deps({ io: c.io, env: { GITHUB_REPOSITORY: "acme/ops", GITHUB_SERVER_URL: "https://ghe.example.com" } });
    expect(await runSite({ dir: ".", out, url: "https://status.acme.test" }, d)).toBe(0);
    expect(d.calls).toEqual([expect.objectContaining({ now: NOW, siteUrl: "https://status.acme.test", repoUrl: "https://ghe.example.com/acme/ops", postmortems: fixturePostmortems() })]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("<p>status</p>");
    expect(c.err).toEqual(["warning: incidents/bad.yaml:3:1: not a record (left out of the site)", "warning: a warning"]);
    expect(c.out[0]).toMatch(/^wrote 2 files to .* from 5 incident record\(s\): index\.html; open /);
  });

  it("removes what its previous build wrote and no longer writes, and nothing else", async () => {
    const out = mkdtempSync(join(tmpdir(), "iac-site-cli-"));
    mkdirSync(join(out, "badges"));
    writeFileSync(join(out, "badges/old-component.json"), "{}");
    writeFileSync(join(out, "CNAME"), "status.acme.test");
    writeFileSync(join(out, ".incident-site.json"), JSON.stringify({ files: ["index.html", "badges/old-component.json", "../escape.txt"] }));
    writeFileSync(join(out, "../escape.txt"), "outside");
    expect(await runSite({ dir: ".", out }, deps({ io: io().io }))).toBe(0);
    expect(readFileSync(join(out, "../escape.txt"), "utf8")).toBe("outside");
    expect(existsSync(join(out, "badges/old-component.json"))).toBe(false);
    expect(existsSync(join(out, "CNAME"))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, ".incident-site.json"), "utf8"))).toEqual({ files: ["badges/api.json", "index.html"] });
  });

  it.each([
    ["policies that do not load", { loadPolicies: () => Promise.resolve({ policies: null, issues: [{ level: "error" as const, file: "policies/severities.yaml", line: 3, column: 1, message: "bad" }] }) }, {}, "policies do not load:\npolicies/severities.yaml:3:1: error: bad"],
    ["a --repo that is not OWNER/REPO", {}, { repo: "not a repo" }, '--repo "not a repo" is neither OWNER/REPO nor a repository URL'],
    ["a --url that is not http(s)", {}, { url: "status.acme.test" }, '--url "status.acme.test" is not an http(s) URL'],
  ] as [string, Partial<SiteDeps>, { repo?: string; url?: string }, string][])("exits 2 on %s", async (_name, over, flags, message) => {
    const c = io();
    const d = deps({ io: c.io, ...over });
    expect(await runSite({ dir: ".", out: mkdtempSync(join(tmpdir(), "iac-site-cli-")), ...flags }, d)).toBe(2);
    expect(c.err).toEqual([message]);
    expect(d.calls).toEqual([]);
  });

  it.each([
    [undefined, {}, null],
    ["acme/ops", {}, "https://github.com/acme/ops"],
    [undefined, { GITHUB_REPOSITORY: "acme/ops" }, "https://github.com/acme/ops"],
    ["https://github.example.com/acme/ops/", {}, "https://github.example.com/acme/ops"],
  ] as [string | undefined, NodeJS.ProcessEnv, string | null][])("repository URL from --repo %s and %o is %s", (repo, env, url) => {
    expect(repositoryUrl(repo, env)).toBe(url);
  });
});
