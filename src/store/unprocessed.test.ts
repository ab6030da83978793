import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { open } from "./git.js";
import { cloneWorker, makeRemote, remoteFile, remoteFiles, type Remote } from "./testing/git-fixture.js";
import { keepUnprocessed, MAX_PAYLOAD_BYTES, unprocessedEntry } from "./unprocessed.js";

const input = { receivedAt: "2026-11-27T10:15:00.123Z", reason: "unknown alert format: missing `alerts`", eventType: "alertmanager", payload: '{"version":"4","bad":true}' };

describe("unprocessedEntry", () => {
  it("names the file by UTC time and content hash, and keeps the raw payload", () => {
    const e = unprocessedEntry(input);
    expect(e.path).toMatch(/^incidents\/unprocessed\/20261127T101500Z-[0-9a-f]{16}\.json$/);
    expect(JSON.parse(e.content)).toEqual({ receivedAt: input.receivedAt, reason: input.reason, event_type: "alertmanager", payload: input.payload });
  });

  it("hashes event type and payload only: same payload later → same hash; objects hash independently of key order", () => {
    const a = unprocessedEntry(input);
    const b = unprocessedEntry({ ...input, receivedAt: "2026-11-28T00:00:00Z", reason: "other" });
    expect(b.hash).toBe(a.hash);
    expect(unprocessedEntry({ ...input, eventType: "grafana" }).hash).not.toBe(a.hash);
    const o1 = unprocessedEntry({ ...input, payload: { a: 1, b: { c: 2, d: 3 } } });
    const o2 = unprocessedEntry({ ...input, payload: { b: { d: 3, c: 2 }, a: 1 } });
    expect(o1.hash).toBe(o2.hash);
    expect((JSON.parse(o1.content) as { payload: unknown }).payload).toEqual({ a: 1, b: { c: 2, d: 3 } });
  });

  it("keeps only the first 512 KB of a huge payload, says so, and never splits a character", () => {
    const huge = "é".repeat(MAX_PAYLOAD_BYTES); // 2 bytes each
    const body = JSON.parse(unprocessedEntry({ ...input, payload: huge }).content) as { payload: string; truncated: { originalBytes: number; keptBytes: number; note: string } };
    expect(body.truncated).toMatchObject({ originalBytes: 2 * MAX_PAYLOAD_BYTES, keptBytes: MAX_PAYLOAD_BYTES });
    expect(body.truncated.note).toContain("only the first");
    expect(Buffer.byteLength(body.payload)).toBe(MAX_PAYLOAD_BYTES);
    expect(body.payload).not.toContain("\uFFFD");
  });
});

describe("keepUnprocessed (real git)", () => {
  let remote: Remote;
  beforeEach(() => {
    remote = makeRemote();
  });
  afterEach(() => remote.cleanup());

  it("writes once; a re-run of the same event finds the first file and adds nothing", async () => {
    const store = await open({ dir: cloneWorker(remote, "a"), branch: "main" });
    const first = await keepUnprocessed(store, input);
    expect(first.kept).toBe("written");
    const again = await keepUnprocessed(store, { ...input, receivedAt: "2026-11-27T11:00:00Z", reason: "re-run" });
    expect(again).toEqual({ kept: "already-kept", path: first.path });
    expect(remoteFiles(remote, "main")).toEqual([first.path]);
    expect(remoteFile(remote, "main", first.path)).toContain('"event_type": "alertmanager"');
  });
});
