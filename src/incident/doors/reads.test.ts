// Read once, read what is needed: what each door asks for, and what reading it touches — never the
// archive of past incidents, whatever its size.
import { describe, expect, it } from "vitest";
import { serializeRecord } from "../codec.js";
import { archivePath, recordPath } from "../paths.js";
import { buildRecord } from "../testing.js";
import { readNeeds, recordSource } from "../../store/records.js";
import { memoryTree } from "../../store/testing/memory-tree.js";
import { needsOf, readEvent } from "./event.js";

const NOW = "2026-12-01T17:00:00Z";
const live = buildRecord({ id: "2026-12-01-001", links: { issue: 42, postmortemPr: null, postmortemPath: null, openedBy: null } });
/** 1,000 past incidents in the archive: their content is never even valid, because it is never read. */
const history = Array.from({ length: 1000 }, (_, i) => ({ path: archivePath(`2025-${String((i % 12) + 1).padStart(2, "0")}-01-${String(i + 1).padStart(3, "0")}`), content: "not read" }));
const files = [{ path: recordPath(live.id), content: serializeRecord(live) }, ...history, { path: archivePath("2026-12-01-002"), content: "closed today" }];

describe("an alert run", () => {
  it("reads the live records and the names of today's ids, nothing of the history", async () => {
    const event = readEvent("repository_dispatch", { action: "alert", client_payload: { payload: { alerts: [{ labels: { alertname: "X", service: "api" } }] } } }, { now: NOW, runId: "1" });
    const needs = needsOf(event, NOW);
    expect(needs).toMatchObject({ live: true, ids: [], usedIdsOn: "2026-12-01", role: null });
    const tree = memoryTree(files);
    const reads = await readNeeds(recordSource(tree), needs);
    expect([...(reads.live?.keys() ?? [])]).toEqual([live.id]);
    expect(reads.usedIds).toEqual(["2026-12-01-001", "2026-12-01-002"]);
    expect(tree.reads.flat()).toEqual([recordPath(live.id)]);
  });
});

describe("a comment on an incident issue", () => {
  it("reads the one record its marker names (and parses the comment once)", async () => {
    const event = readEvent(
      "issue_comment",
      { action: "created", issue: { number: 42, title: "t", body: `<!-- incident-as-code:incident {"id":"${live.id}"} -->`, labels: [{ name: "incident" }] }, comment: { id: 9, body: "/assign @dana", user: { login: "maria", type: "User" } } },
      { now: NOW, runId: "1" },
    );
    expect(event.door === "command" && event.parsed.commands).toHaveLength(1);
    const needs = needsOf(event, NOW);
    expect(needs).toEqual({ live: false, ids: [live.id], usedIdsOn: null, role: "maria", assignable: ["dana"], handled: 9 });
    const tree = memoryTree(files);
    await readNeeds(recordSource(tree), needs);
    expect(tree.reads.flat()).toEqual([recordPath(live.id)]);
  });

  it("without a marker, an incident-labelled issue is looked for in the live set; any other issue reads nothing", () => {
    const comment = (labels: string[]) =>
      needsOf(readEvent("issue_comment", { action: "created", issue: { number: 7, title: "t", body: "", labels: labels.map((name) => ({ name })) }, comment: { id: 1, body: "/ack", user: { login: "m" } } }, { now: NOW, runId: "1" }), NOW);
    expect(comment(["incident"])).toMatchObject({ live: true, ids: [] });
    expect(comment(["bug"])).toMatchObject({ live: false, ids: [] });
  });

  it("a comment without a command needs nothing at all (no role, no records)", () => {
    const event = readEvent("issue_comment", { action: "created", issue: { number: 42, title: "t", labels: [] }, comment: { id: 1, body: "thanks!", user: { login: "m" } } }, { now: NOW, runId: "1" });
    expect(needsOf(event, NOW)).toEqual({ live: false, ids: [], usedIdsOn: null, role: null, assignable: [], handled: null });
  });
});
