import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionRef, scaffoldFiles } from "../init/scaffold.js";
import { runInit } from "./init.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("incident init", () => {
  it("scaffolds, leaves identical files alone, refuses to overwrite a changed one without --force", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iac-init-"));
    const first = io();
    expect(await runInit({ dir, force: false }, first.io)).toBe(0);
    expect(first.out.join("\n")).toMatch(/\d+ created, 0 overwritten, 0 unchanged/);
    expect(readFileSync(join(dir, "policies/teams.yaml"), "utf8").split("\n")[1]).toMatch(/^# PLACEHOLDER: logins ending in -example/);

    const again = io();
    expect(await runInit({ dir, force: false }, again.io)).toBe(0);
    expect(again.out.join("\n")).toMatch(/0 created, 0 overwritten, \d+ unchanged/);

    writeFileSync(join(dir, "policies/severities.yaml"), "# mine\n");
    const refused = io();
    expect(await runInit({ dir, force: false }, refused.io)).toBe(2);
    expect(refused.err.join("\n")).toContain("policies/severities.yaml");
    expect(readFileSync(join(dir, "policies/severities.yaml"), "utf8")).toBe("# mine\n");
    expect(await runInit({ dir, force: true }, io().io)).toBe(0);
    expect(readFileSync(join(dir, "policies/severities.yaml"), "utf8")).not.toBe("# mine\n");
  });

  it("refuses a directory that does not exist, and this repository itself", async () => {
    expect(await runInit({ dir: "/nonexistent/x", force: false }, io().io)).toBe(2);
    expect(await runInit({ dir: ".", force: false }, io().io)).toBe(2);
  });

  it("pins the workflows to the release commit when the package knows it, else to the tag with a placeholder", () => {
    const wf = "steps:\n  - uses: actions/checkout@abc\n  - uses: ./\n    with:\n      x: 1\n";
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const pinned = scaffoldFiles({ ".github/workflows/incident.yml": wf }, { repository: "incident-as-code/incident-as-code", version: "1.2.3", commit: sha })[0]?.content;
    expect(pinned).toContain(`  - uses: incident-as-code/incident-as-code@${sha} # v1.2.3\n`);
    expect(actionRef({ repository: "o/incident-as-code", version: "1.2.3", commit: null }).uses).toBe("o/incident-as-code@v1.2.3");
  });
});
