// Checks for the non-YAML files under policies/: nunjucks templates must parse, runbooks need a title.
import nunjucks from "nunjucks";
import type { SourceRef } from "./types.js";

/** Parses a template without rendering it; returns where and why it does not parse. */
export function checkTemplate(file: string, source: string): (SourceRef & { message: string }) | null {
  try {
    // Eager compilation parses the whole template now instead of at first render.
    new nunjucks.Template(source, new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false }), file, true);
    return null;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const pos = /\[Line (\d+), Column (\d+)\]/.exec(text);
    const reason = text.replace(/^\([^)]*\)\s*/, "").replace(/\[Line \d+, Column \d+\]\s*/, "").trim();
    return {
      file,
      line: pos ? Number(pos[1]) : 1,
      column: pos ? Number(pos[2]) + 1 : 1,
      message: `template does not parse: ${reason || "syntax error"}`,
    };
  }
}

export function runbookTitle(markdown: string): string | null {
  const heading = /^#\s+(.+)$/m.exec(markdown);
  return heading?.[1]?.trim() ?? null;
}
