import { describe, expect, it } from "vitest";
import { buildAlert, buildRecord } from "./testing.js";
import { parseRecord, serializeRecord } from "./codec.js";
import { nextIncidentId, recordPath } from "./paths.js";

const FILE = "incidents/2026-11-27-001.yaml";

describe("serializeRecord / parseRecord", () => {
  it("round-trips a full record", () => {
    const record = buildRecord({
      actionItems: [{ title: "Add a circuit breaker", owner: "bob", due: "2026-12-10", priority: "High", source: "manual", issue: 42 }],
      links: { issue: 7, postmortemPr: null, postmortemPath: "postmortems/2026-11-27-001.md", openedBy: null },
      impact: { users: "~30% of EU users", revenue: null, sla: "breached", summary: "checkout failing" },
    });
    const text = serializeRecord(record);
    expect(parseRecord(text, FILE)).toEqual({ record });
  });

  it.each([
    ["multi-line", "line one\nline two\n\n  indented\n"],
    ["leading spaces and trailing newlines", "  starts indented\nthen not\n\n\n"],
    ["no trailing newline", "a\nb"],
    ["yaml look-alikes", "yes"],
    ["a number", "0123"],
    ["null word", "null"],
    ["comment and colon", "# not a comment: really"],
    ["a long line", "x".repeat(500)],
    ["an anchor-like value", "&anchor *alias !tag"],
    ["a document marker", "---\n...\n---"],
    ["tabs and unicode", "\ttab — ünïcødé 🔥\r\nwindows line"],
    ["control characters", "bell\u0007 nul\u0000 esc\u001b[31m"],
    ["trailing spaces", "trailing   \nspaces  "],
    ["hostile", "fixes #1 $(rm -rf /) `id` @everyone <!-- iac:marker -->"],
  ])("round-trips untrusted text: %s", (_name, text) => {
    const record = buildRecord({
      title: text.length > 0 ? text : "x",
      alerts: [buildAlert("fp-1", { annotations: { description: text }, labels: { [text.slice(0, 20) || "k"]: text } })],
      timeline: [{ at: "2026-11-27T10:00:05Z", actor: "mallory", kind: "note", text }],
    });
    expect(parseRecord(serializeRecord(record), FILE)).toEqual({ record });
  });

  it("writes the header, keys in a fixed order and long text as block scalars", () => {
    const text = serializeRecord(buildRecord({ title: "a".repeat(100), timeline: [{ at: "2026-11-27T10:00:05Z", actor: "a", kind: "note", text: "one\ntwo" }] }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("# incident-as-code record — edit through slash commands; hand edits are kept");
    const topKeys = lines.filter((l) => /^[a-zA-Z]+:/.test(l)).map((l) => l.split(":")[0]);
    expect(topKeys).toEqual([
      "schema", "id", "title", "severity", "status", "groupKey", "service", "component", "errorType", "type", "commander",
      "responders", "team", "rotation", "escalationPolicy", "alerts", "timestamps", "impact", "rootCause", "actionItems",
      "links", "escalation", "timeline",
    ]);
    expect(text).toMatch(/^title: \|-\n {2}a{100}$/m);
    expect(text).toMatch(/text: \|-\n {6}one\n {6}two/);
  });

  it("is stable: the same record in a different key order serialises identically, and never uses aliases", () => {
    const shared = { service: "api" };
    const a = buildRecord({ alerts: [buildAlert("1", { labels: shared }), buildAlert("2", { labels: shared })] });
    const b = JSON.parse(JSON.stringify(a)) as typeof a;
    const reversed = Object.fromEntries(Object.entries(b).reverse()) as typeof a;
    expect(serializeRecord(reversed)).toBe(serializeRecord(a));
    expect(serializeRecord(a)).not.toMatch(/[&*]a\d/);
  });
});

describe("parseRecord errors", () => {
  const good = serializeRecord(buildRecord());

  it("reports YAML syntax errors with file:line:column", () => {
    const broken = good.replace("status: triggered", "status: [triggered");
    const result = parseRecord(broken, FILE);
    expect(result).toEqual({ error: expect.stringMatching(/^incidents\/2026-11-27-001\.yaml:\d+:\d+: .*not valid YAML/) as unknown });
  });

  it("reports duplicate keys", () => {
    expect(parseRecord(good.replace("status: triggered", "status: triggered\nstatus: closed"), FILE)).toEqual({
      error: expect.stringMatching(/:8:1: Map keys must be unique/) as unknown,
    });
  });

  it.each([
    ["status: triggered", "status: exploded", "status: must be one of"],
    ["severity: P1", "severity: P9", "severity"],
    ["- fingerprint: fp-1", "- fingerprint: 12", "alerts[0].fingerprint: must be a string"],
    ["  stepsFired: 0", "  stepsFired: -1", "escalation.stepsFired: must be >= 0"],
  ])("reports schema errors with the field path (%s → %s)", (from, to, message) => {
    const result = parseRecord(good.replace(from, to), FILE);
    expect("error" in result && result.error).toContain(message);
  });

  it("rejects aliases, empty files, non-mappings and a file named after another id", () => {
    expect(parseRecord("a: &x [1]\nb: *x\n", FILE)).toEqual({ error: `${FILE}: YAML aliases (*name) are not allowed in incident records` });
    expect("error" in parseRecord("", FILE)).toBe(true);
    expect("error" in parseRecord("- 1\n- 2\n", FILE)).toBe(true);
    expect(parseRecord(good, "incidents/2026-11-27-002.yaml")).toEqual({
      error: "incidents/2026-11-27-002.yaml: id 2026-11-27-001 does not match the file name (expected 2026-11-27-001.yaml)",
    });
  });

  it("never throws, whatever the input", () => {
    for (const junk of ["\u0000\u0001", "{", "? ? ?", "!!binary x", "a: !!js/function 'x'", "x".repeat(10_000), "%YAML 9.9\n---\na: 1"]) {
      expect(() => parseRecord(junk, FILE)).not.toThrow();
      expect("error" in parseRecord(junk, FILE)).toBe(true);
    }
  });
});

describe("ids and paths", () => {
  it("recordPath puts records under incidents/ and refuses anything that is not an id", () => {
    expect(recordPath("2026-11-27-001")).toBe("incidents/2026-11-27-001.yaml");
    expect(() => recordPath("../../etc/passwd")).toThrow(/not an incident id/);
  });

  it.each([
    [[], "2026-11-27T10:00:00Z", "2026-11-27-001"],
    [["2026-11-27-001", "2026-11-27-002"], "2026-11-27T23:59:59Z", "2026-11-27-003"],
    [["2026-11-26-009", "2026-11-27-001"], "2026-11-27", "2026-11-27-002"],
    [["2026-11-27-999"], "2026-11-27T00:00:00Z", "2026-11-27-1000"],
    [["2026-11-27-003", "garbage", "2026-11-27-001"], "2026-11-27T01:00:00+02:00", "2026-11-26-001"],
  ])("nextIncidentId(%j, %s) = %s", (ids, date, expected) => {
    expect(nextIncidentId(ids, date)).toBe(expected);
  });
});
