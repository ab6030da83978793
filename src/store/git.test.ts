import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeRecord } from "../incident/codec.js";
import { recordPath } from "../incident/paths.js";
import { commitMessage, type CommitMessage } from "./commit-message.js";
import { StoreError } from "./errors.js";
import { open } from "./git.js";
import { cloneWorker, git, installHook, makeRemote, remoteFile, remoteFiles, remoteLog, type Remote } from "./testing/git-fixture.js";
import { buildAlert, buildRecord } from "../incident/testing.js";
import { transact } from "./transaction.js";

let remote: Remote;
beforeEach(() => {
  remote = makeRemote();
});
afterEach(() => remote.cleanup());

const record = buildRecord();
const write = { path: recordPath(record.id), content: serializeRecord(record) };
const msg = commitMessage({ id: record.id, action: "open", severity: "P1", service: "api" });

describe("GitStore", () => {
  it("writes a record, pushes it, and another clone reads it back", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    await a.sync();
    expect(await a.readAll()).toEqual([]);
    expect(await a.commitAndPush([write], msg)).toBe("pushed");

    const b = await open({ dir: cloneWorker(remote, "b"), branch: "main" });
    await b.sync();
    expect(await b.readAll()).toEqual([write]);
    expect(remoteLog(remote, "main")[0]).toBe(
      "incident-as-code[bot] <incident-as-code[bot]@users.noreply.github.com>|incident-as-code[bot]|incident 2026-11-27-001: open P1 api",
    );
  });

  it("reports nothing-to-commit when the content is unchanged, and deletes with content null", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main", author: { name: "Records Bot", email: "records@example.com" } });
    await a.sync();
    await a.commitAndPush([write], msg);
    await a.sync();
    expect(await a.commitAndPush([write], msg)).toBe("nothing-to-commit");
    expect(await a.commitAndPush([{ path: write.path, content: null }], commitMessage({ id: record.id, action: "close" }))).toBe("pushed");
    expect(remoteFiles(remote, "main")).toEqual([]);
    expect(remoteLog(remote, "main")[0]).toBe("Records Bot <records@example.com>|Records Bot|incident 2026-11-27-001: close");
  });

  it("reads and writes the remote tip with plumbing: the checkout's own files, index and HEAD are never touched", async () => {
    const dir = cloneWorker(remote, "a");
    const head = git(dir, "rev-parse", "HEAD").trim();
    mkdirSync(join(dir, "incidents"), { recursive: true });
    writeFileSync(join(dir, "incidents", "stray.yaml"), "junk");
    writeFileSync(join(dir, "README.md"), "edited");
    const a = await open({ dir, branch: "main" });
    await a.sync();
    expect(await a.commitAndPush([write], msg)).toBe("pushed");
    await a.sync();
    expect((await a.readAll()).map((f) => f.path)).toEqual([write.path]);
    expect(await a.list("incidents")).toEqual([write.path]);
    expect(await a.read([write.path, "incidents/none.yaml"])).toEqual(new Map([[write.path, write.content]]));
    expect(readFileSync(join(dir, "incidents", "stray.yaml"), "utf8")).toBe("junk");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("edited");
    expect(git(dir, "rev-parse", "HEAD").trim()).toBe(head);
    expect(existsSync(join(dir, "incidents", `${record.id}.yaml`))).toBe(false);
  });

  it("moves a file in one commit (write here, delete there), and deleting a path that is not there is no error", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    await a.sync();
    await a.commitAndPush([write, { path: "incidents/archive/2026-11/x.yaml", content: null }], msg);
    await a.sync();
    const moved = { path: `incidents/archive/2026-11/${record.id}.yaml`, content: write.content };
    expect(await a.commitAndPush([moved, { path: write.path, content: null }], commitMessage({ id: record.id, action: "close" }))).toBe("pushed");
    expect(remoteFiles(remote, "main")).toEqual([moved.path]);
    expect(remoteLog(remote, "main")).toHaveLength(3);
    // Only the changed directories are rewritten: everything else in the tree is kept as it was.
    expect(git(remote.bare, "ls-tree", "-r", "--name-only", "main").trim().split("\n")).toEqual(["README.md", moved.path]);
    // Deleting a directory's last file removes the directory.
    await a.sync();
    expect(await a.commitAndPush([{ path: moved.path, content: null }], commitMessage({ id: record.id, action: "close" }))).toBe("pushed");
    expect(git(remote.bare, "ls-tree", "-r", "-t", "--name-only", "main").trim()).toBe("README.md");
  });

  it("a second clone that committed on a stale tip gets `conflict`; transact retries and both land", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    const b = await open({ dir: cloneWorker(remote, "b"), branch: "main" });
    await a.sync();
    await b.sync();
    expect(await a.commitAndPush([write], msg)).toBe("pushed");
    const other = buildRecord({ id: "2026-11-27-002", groupKey: "db:pool:exhausted" });
    const otherWrite = { path: recordPath(other.id), content: serializeRecord(other) };
    const otherMsg = commitMessage({ id: other.id, action: "open" });
    expect(await b.commitAndPush([otherWrite], otherMsg)).toBe("conflict");

    let calls = 0;
    const done = await transact(b, async (source) => {
      calls++;
      return { changes: [otherWrite], message: otherMsg, result: [...(await source.live()).keys()] };
    });
    expect(done).toMatchObject({ outcome: "pushed", attempts: 1, result: [record.id] }); // re-read: sees a's record
    expect(calls).toBe(1);
    expect(remoteFiles(remote, "main")).toEqual([write.path, otherWrite.path]);
  });

  it("a protected-branch rejection (pre-receive hook, GH006) is a non-retryable StoreError that names the fix", async () => {
    installHook(remote, "pre-receive", "#!/bin/sh\necho 'error: GH006: Protected branch update failed for refs/heads/main.' >&2\necho 'error: Changes must be made through a pull request.' >&2\nexit 1\n");
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    await a.sync();
    const err = await a.commitAndPush([write], msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ kind: "protected-branch", retryable: false });
    expect((err as StoreError).message).toContain("set the `records-branch` input to a dedicated unprotected branch such as `incident-records`");
    expect((err as StoreError).message).toContain("GH006");
    // transact does not retry it
    let calls = 0;
    await expect(transact(a, () => (calls++, { changes: [write], message: msg, result: null }))).rejects.toMatchObject({ kind: "protected-branch" });
    expect(calls).toBe(1);
  });

  it("creates a dedicated records branch that does not exist yet, as an orphan, and later syncs see it", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "incident-records" });
    const b = await open({ dir: cloneWorker(remote, "b"), branch: "incident-records" });
    await a.sync();
    await b.sync();
    expect(a.base).toBeNull();
    expect(await a.readAll()).toEqual([]);
    expect(await a.commitAndPush([write], msg)).toBe("pushed");
    expect(git(remote.bare, "ls-tree", "-r", "--name-only", "incident-records").trim()).toBe(write.path); // no README: orphan
    expect(git(remote.bare, "rev-list", "--count", "incident-records").trim()).toBe("1");
    expect(remoteFiles(remote, "main")).toEqual([]); // main untouched

    // b also believed the branch did not exist: its orphan commit is rejected as a lost race
    const other = { path: recordPath("2026-11-27-002"), content: serializeRecord(buildRecord({ id: "2026-11-27-002" })) };
    expect(await b.commitAndPush([other], msg)).toBe("conflict");
    await b.sync();
    expect(b.base).not.toBeNull();
    expect((await b.readAll()).map((f) => f.path)).toEqual([write.path]);
  });

  it("rejects paths outside the records tree and messages that did not come from commitMessage()", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    await a.sync();
    for (const path of ["../escape.yaml", "/etc/passwd", "incidents/../../x", ".git/config", "incidents/:(glob)*", "-rf"]) {
      await expect(a.commitAndPush([{ path, content: "x" }], msg)).rejects.toMatchObject({ kind: "invalid-change" });
    }
    await expect(a.commitAndPush([write], "fixes #1" as CommitMessage)).rejects.toMatchObject({ kind: "invalid-change" });
    await expect(open({ dir: remote.root, branch: "--upload-pack=x" })).rejects.toMatchObject({ kind: "invalid-change" });
  });

  it("hostile alert text reaches the record file verbatim but never the commit message or a shell", async () => {
    const canary = join(remote.root, "pwned");
    const hostile = `fixes #1 $(touch ${canary}) \`touch ${canary}\`; touch ${canary} @everyone`;
    const r = buildRecord({ title: hostile, alerts: [buildAlert("fp-1", { annotations: { summary: hostile } })] });
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    const done = await transact(a, () => ({
      changes: [{ path: recordPath(r.id), content: serializeRecord(r) }],
      message: commitMessage({ id: r.id, action: "open", severity: "P1", service: hostile }),
      result: null,
    }));
    expect(done.outcome).toBe("pushed");
    const log = git(remote.bare, "log", "--format=%B", "main");
    expect(log).not.toMatch(/fixes|#1|\$\(|@everyone/);
    expect(log.split("\n")[0]).toBe("incident 2026-11-27-001: open P1");
    expect(remoteFile(remote, "main", recordPath(r.id))).toContain("fixes #1");
    expect(existsSync(canary)).toBe(false);
  });

  it("records that fail to parse are reported to fn, not dropped", async () => {
    const a = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    const broken = { path: "incidents/2026-11-27-002.yaml", content: "id: [unclosed\n" };
    const wrongShape = { path: "incidents/2026-11-27-003.yaml", content: serializeRecord(buildRecord({ id: "2026-11-27-003" })).replace("status: triggered", "status: on-fire") };
    await a.sync();
    await a.commitAndPush([write, broken, wrongShape, { path: "incidents/unprocessed/x.json", content: "{}" }], msg);
    const seen = await transact(a, async (source) => ({ changes: [], message: msg, result: { ids: [...(await source.live()).keys()], unreadable: source.unreadable } }));
    expect(seen.result.ids).toEqual([record.id]);
    expect(seen.result.unreadable).toEqual([
      { path: broken.path, error: expect.stringMatching(/^incidents\/2026-11-27-002\.yaml:\d+:\d+: .*not valid YAML/) as unknown },
      { path: wrongShape.path, error: expect.stringContaining("status: must be one of") as unknown },
    ]);
    expect(seen.unreadable).toHaveLength(2);
  });

  it("an unreachable remote is a StoreError, and a missing dir or non-repo is refused at open()", async () => {
    const dir = cloneWorker(remote, "a");
    git(dir, "remote", "set-url", "origin", join(remote.root, "nope.git"));
    const a = await open({ dir, branch: "main" });
    await expect(a.sync()).rejects.toBeInstanceOf(StoreError);
    await expect(open({ dir: remote.root, branch: "main" })).rejects.toMatchObject({ kind: "git" });
  });
});
