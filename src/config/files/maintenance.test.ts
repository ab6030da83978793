import { describe, expect, it } from "vitest";
import { fullRegistry, policyFiles } from "../../../test/engine/fixtures.js";
import { compileWith } from "../compile.js";

const compile = (maintenance: string | undefined) => {
  const files = policyFiles();
  if (maintenance === undefined) delete files["policies/maintenance.yaml"];
  else files["policies/maintenance.yaml"] = `# yaml-language-server: $schema=../schemas/maintenance.schema.json\n${maintenance}`;
  return compileWith(fullRegistry, files);
};
const errors = (r: ReturnType<typeof compile>) => r.issues.filter((i) => i.level === "error").map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`);

describe("policies/maintenance.yaml", () => {
  it("is optional: without it there is no maintenance", () => {
    const r = compile(undefined);
    expect(errors(r)).toEqual([]);
    expect(r.policies?.maintenance).toEqual([]);
  });

  it("reads the shipped windows as UTC instants", () => {
    const r = compileWith(fullRegistry, policyFiles());
    expect(r.policies?.maintenance).toEqual([
      expect.objectContaining({ id: "database-upgrade-2026-12", services: ["database"], starts: "2026-12-05T02:00:00.000Z", ends: "2026-12-05T04:00:00.000Z" }),
    ]);
  });

  it("normalises zones and sorts by start", () => {
    const r = compile(
      "maintenance:\n" +
        "  - { id: b, title: B, services: [api], starts: '2026-12-06T02:00:00+01:00', ends: '2026-12-06T03:00:00+01:00' }\n" +
        "  - { id: a, title: A, services: [web], starts: '2026-12-05T02:00:00Z', ends: '2026-12-05T03:00:00Z', description: Short. }\n",
    );
    expect(errors(r)).toEqual([]);
    expect(r.policies?.maintenance.map((m) => [m.id, m.starts, m.description])).toEqual([
      ["a", "2026-12-05T02:00:00.000Z", "Short."],
      ["b", "2026-12-06T01:00:00.000Z", null],
    ]);
  });

  it.each([
    ["an unknown service", "  - { id: a, title: A, services: [payments], starts: '2026-12-05T02:00:00Z', ends: '2026-12-05T03:00:00Z' }", "policies/maintenance.yaml:3:35: maintenance `a`: unknown service `payments` — did you mean `auth`?"],
    ["an end before the start", "  - { id: a, title: A, services: [api], starts: '2026-12-05T02:00:00Z', ends: '2026-12-05T01:00:00Z' }", "maintenance `a` ends (2026-12-05T01:00:00Z) before it starts (2026-12-05T02:00:00Z)"],
    ["a time without a zone", "  - { id: a, title: A, services: [api], starts: '2026-12-05T02:00:00', ends: '2026-12-05T03:00:00Z' }", "`maintenance[0].starts` must be a valid date-time"],
    ["a repeated id", "  - { id: a, title: A, services: [api], starts: '2026-12-05T02:00:00Z', ends: '2026-12-05T03:00:00Z' }\n  - { id: a, title: B, services: [api], starts: '2026-12-06T02:00:00Z', ends: '2026-12-06T03:00:00Z' }", "maintenance id `a` is used twice"],
  ])("reports %s with its position", (_name, items, message) => {
    const r = compile(`maintenance:\n${items}\n`);
    expect(r.policies).toBeNull();
    expect(errors(r)).toContainEqual(expect.stringContaining(message));
    expect(errors(r).every((e) => e.startsWith("policies/maintenance.yaml:"))).toBe(true);
  });
});
