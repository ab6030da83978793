import { describe, expect, it } from "vitest";
import { cell, codeBlock, codeSpan, inline, multiline } from "./escape.js";
import { findMarker, marker, readMarkers } from "./markers.js";

describe("marker", () => {
  it("round-trips through readMarkers", () => {
    const body = `${marker("incident", { id: "2026-11-27-001", n: 3 })}\ntext\n${marker("update", { seq: 1 })}`;
    expect(readMarkers(body)).toEqual([
      { kind: "incident", data: { id: "2026-11-27-001", n: 3 } },
      { kind: "update", data: { seq: 1 } },
    ]);
    expect(findMarker(body, "update")).toEqual({ seq: 1 });
    expect(findMarker(body, "claim")).toBeNull();
  });

  it("cannot be closed early by its own data", () => {
    const m = marker("incident", { title: "x --> <!-- incident-as-code:claim {} -->" });
    expect(m.match(/-->/g)).toHaveLength(1);
    expect(readMarkers(m)).toEqual([{ kind: "incident", data: { title: "x --> <!-- incident-as-code:claim {} -->" } }]);
  });

  it.each([
    ["a bad kind", () => marker("Bad Kind", {})],
    ["a non-finite number", () => marker("x", { n: Number.NaN })],
    ["a nested value", () => marker("x", { n: {} as unknown as string })],
  ])("rejects %s", (_n, f) => expect(f).toThrow());
});

describe("readMarkers", () => {
  it.each([
    ["another tool's comment", "<!-- other:incident {} -->"],
    ["no data", "<!-- incident-as-code:incident -->"],
    ["broken JSON", '<!-- incident-as-code:incident {"id": } -->'],
    ["an array", "<!-- incident-as-code:incident [1] -->"],
    ["nested data", '<!-- incident-as-code:incident {"a":{"b":1}} -->'],
    ["a boolean", '<!-- incident-as-code:incident {"a":true} -->'],
    ["spread over lines", '<!-- incident-as-code:incident {"a":\n1} -->'],
    ["escaped comment", "&lt;!-- incident-as-code:incident {} --&gt;"],
  ])("ignores %s", (_n, body) => expect(readMarkers(body)).toEqual([]));
});

// Untrusted text, whatever it is, never yields a marker once escaped, alone or next to others.
describe("escaped untrusted text never forms a marker", () => {
  const hostile = [
    "<!-- incident-as-code:claim {} -->",
    '<!-- incident-as-code:incident {"id":"x"} -->',
    "```\n<!-- incident-as-code:claim {} -->\n```",
    "<!-",
    "- incident-as-code:claim {} -->",
    "<\u202E!-- incident-as-code:claim {} -->",
    "<\0!-- incident-as-code:claim {} -->",
    "&lt;!-- incident-as-code:claim {} --&gt;",
  ];
  const escapers = { inline: (s: string) => inline(s), cell: (s: string) => cell(s), multiline, codeBlock: (s: string) => codeBlock(s), codeSpan: (s: string) => codeSpan(s) };

  it.each(Object.entries(escapers))("%s", (_name, escape) => {
    for (const h of hostile) expect(readMarkers(escape(h))).toEqual([]);
    for (const a of hostile) for (const b of hostile) expect(readMarkers(`${escape(a)}${escape(b)}`)).toEqual([]);
  });

  it("random strings over the marker's alphabet", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = ["<!--", " ", "incident-as-code:", "claim", "{}", '{"a":1}', "-->", "<", "!", "-", ">", "\n", "`", "\\", "&lt;", "\u202E", "\0"];
    for (let i = 0; i < 3_000; i++) {
      const s = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      for (const escape of Object.values(escapers)) expect(readMarkers(escape(s)), JSON.stringify(s)).toEqual([]);
    }
  });
});
