import { describe, expect, it } from "vitest";
import { lintPostmortem } from "./lint.js";
import { filledPostmortem, policies } from "./testing.js";

const lineOf = (text: string, prefix: string): number => text.split("\n").findIndex((l) => l.startsWith(prefix)) + 1;

/** Removes a `## heading` and its body, up to the next `## `. */
function removeSection(text: string, heading: string): string {
  return text.replace(new RegExp(`## ${heading}\\n[\\s\\S]*?(?=\\n## )\\n`), "");
}

describe("lintPostmortem", () => {
  it("accepts a filled-in post-mortem", () => {
    expect(lintPostmortem(filledPostmortem(), policies)).toMatchObject({ problems: [], frontMatter: { incident_id: "2026-11-27-001" } });
  });

  it("reports a removed required section where it belongs", () => {
    const text = removeSection(filledPostmortem(), "Root Cause");
    expect(text).not.toContain("## Root Cause");
    expect(lintPostmortem(text, policies).problems).toEqual([
      { line: lineOf(text, "## Contributing Factors"), message: 'required section "Root Cause" is missing (it belongs before "Contributing Factors")' },
    ]);
  });

  it("reports a missing last section at the end of the file", () => {
    const text = filledPostmortem().replace(/## Action Items[\s\S]*$/, "");
    expect(lintPostmortem(text, policies).problems).toEqual([{ line: text.split("\n").length, message: 'required section "Action Items" is missing' }]);
  });

  it("reports an emptied section at its heading", () => {
    const text = filledPostmortem().replace(/## Contributing Factors\n\n[^\n]*\n/, "## Contributing Factors\n\n<!-- later -->\n");
    expect(lintPostmortem(text, policies).problems).toEqual([{ line: lineOf(text, "## Contributing Factors"), message: 'required section "Contributing Factors" is empty' }]);
  });

  it.each([
    ["a placeholder", "Written by the team during review.", "_TODO: say what went wrong._", 'placeholder left: "say what went wrong."'],
    ["template syntax", "Written by the team during review.", "{{ went_wrong }}", "template syntax left ({{ … }} or {% … %}): replace it with the text it stands for"],
  ])("reports %s on its line", (_name, from, to, message) => {
    const base = filledPostmortem();
    const at = base.lastIndexOf(from);
    const text = base.slice(0, at) + to + base.slice(at + from.length);
    expect(lintPostmortem(text, policies).problems).toEqual([{ line: text.slice(0, text.indexOf(to)).split("\n").length, message }]);
  });

  it("ignores placeholders and template syntax inside code", () => {
    const text = filledPostmortem().replace("Written by the team during review.", "Ran `echo {{ x }} _TODO: y` and:\n\n```\n{% raw %} _TODO: z\n```");
    expect(lintPostmortem(text, policies).problems).toEqual([]);
  });

  it.each([
    ["| Fix retries | | 2026-12-01 | High |", ['action item "Fix retries" has no owner']],
    ["| Fix retries | @bob | next week | High |", ['action item "Fix retries" needs a due date as YYYY-MM-DD, got "next week"']],
    ["| Fix retries | @bob | 2026-02-30 | High |", ['action item "Fix retries" needs a due date as YYYY-MM-DD, got "2026-02-30"']],
    ["| Fix retries | @bob | 2026-12-01 | urgent |", ['action item "Fix retries" needs a priority of High, Medium, Low, got "urgent"']],
    ["| Fix retries | @bob | 2026-12-01 |  |", ['action item "Fix retries" needs a priority of High, Medium, Low']],
    ["| Fix retries | @bob | 2026-12-01 | Low |", []],
  ])("checks the action item row %s", (row, messages) => {
    const text = `${filledPostmortem().trimEnd()}\n${row}\n`;
    const line = text.split("\n").length - 1;
    expect(lintPostmortem(text, policies).problems).toEqual(messages.map((message) => ({ line, message })));
  });

  it.each([
    ["no front matter", (t: string) => t.slice(t.indexOf("\n---\n") + 5), 1, "front matter: the post-mortem must start with YAML front matter (a line `---`)"],
    ["a bad severity", (t: string) => t.replace("severity: P1", "severity: P9"), 4, "front matter: `severity` must be one of P0, P1, P2, P3, got \"P9\""],
    ["a score over 5", (t: string) => t.replace("customer_impact_score: 3", "customer_impact_score: 9"), 20, "front matter: `customer_impact_score` must be <= 5, got 9"],
    ["no category", (t: string) => t.replace("root_cause_category: deployment", "root_cause_category: null"), 12, "front matter: `root_cause_category` is not set: name the category (e.g. deployment) so recurring causes are found"],
  ])("reports %s in the front matter at its line", (_name, edit, line, message) => {
    expect(lintPostmortem(edit(filledPostmortem()), policies).problems).toEqual([{ line, message }]);
  });
});
