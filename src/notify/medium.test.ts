import { describe, expect, it } from "vitest";
import { ZWSP } from "../render/escape.js";
import { adaptiveText, chunks, fit, headerLine, html, slackMrkdwn } from "./medium.js";

describe("medium escapes", () => {
  it("slackMrkdwn turns Slack's control characters into entities and breaks broadcasts", () => {
    expect(slackMrkdwn("<!here> <@U1|x> a & b @channel @Everyone")).toBe(`&lt;!here&gt; &lt;@U1|x&gt; a &amp; b @${ZWSP}channel @${ZWSP}Everyone`);
  });

  it("adaptiveText breaks link syntax only", () => {
    expect(adaptiveText("[x](http://e) [y] (z) **b**")).toBe(`[x]${ZWSP}(http://e) [y]${ZWSP}(z) **b**`);
  });

  it("html escapes text and attribute characters", () => {
    expect(html(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("headerLine folds line breaks and bounds the length", () => {
    expect(headerLine("a\r\nBcc: x\n")).toBe("a Bcc: x");
    expect(headerLine("y".repeat(500)).length).toBe(200);
  });

  it("fit never splits a surrogate pair and ends with an ellipsis", () => {
    expect(fit("ab😀cd", 4)).toBe("ab…");
    expect(fit("abc", 3)).toBe("abc");
  });

  it("chunks at line breaks, within the bound, never inside an entity or a surrogate pair", () => {
    const text = `${"a".repeat(8)}\n${"b".repeat(5)}&amp;${"c".repeat(10)}😀😀`;
    const parts = chunks(text, 12);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(12);
    expect(parts.join("")).toBe(text.replace("\n", ""));
    for (const p of parts) {
      expect(p).not.toMatch(/&[a-z]*$/);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(chunks("&&&&&&&&&&&&&&&&&&&&", 7).join("")).toBe("&&&&&&&&&&&&&&&&&&&&");
  });
});
