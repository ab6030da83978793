// Parses one YAML policy file into plain data that still knows where every value came from, so
// that schema, normalisation and cross-reference errors can all point at file:line:column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { PolicyDocument, PolicyIssue } from "./kinds.js";
import type { SourceRef } from "./types.js";

/** Policy files are small; anything bigger is a mistake or an attack, and is refused unread. */
export const MAX_POLICY_BYTES = 1024 * 1024;
/** Aliases beyond this are a "billion laughs" bomb, not a policy. */
const MAX_ALIAS_COUNT = 100;

export type ParseResult = { doc: PolicyDocument; issues: PolicyIssue[] } | { doc: null; issues: PolicyIssue[] };

export function oversizeMessage(bytes: number): string {
  return `file is ${Math.ceil(bytes / 1024)} KiB, over the ${MAX_POLICY_BYTES / 1024} KiB limit for policy files; split it or remove generated content`;
}

export function parsePolicyYaml(file: string, text: string): ParseResult {
  const issue = (line: number, column: number, message: string): PolicyIssue => ({ level: "error", file, line, column, message });
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES) return { doc: null, issues: [issue(1, 1, oversizeMessage(bytes))] };
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const position = (offset: number): SourceRef => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (parsed.errors.length > 0) {
    return {
      doc: null,
      issues: parsed.errors.map((e) => {
        const at = position(e.pos[0]);
        return issue(at.line, at.column, yamlMessage(e.code, e.message));
      }),
    };
  }
  let value: unknown;
  try {
    value = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error && /alias/i.test(e.message)
      ? `too many YAML aliases (more than ${MAX_ALIAS_COUNT}): refusing a document that expands exponentially`
      : `cannot read YAML: ${e instanceof Error ? e.message : String(e)}`;
    return { doc: null, issues: [issue(1, 1, message)] };
  }
  return { doc: makeDocument(file, parsed, value ?? null, position), issues: [] };
}

function yamlMessage(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "duplicate key: each key may appear only once in a mapping (the later one would silently win)";
  return `YAML syntax error: ${message.split("\n")[0] ?? message}`;
}

function makeDocument(file: string, parsed: Document, value: unknown, position: (offset: number) => SourceRef): PolicyDocument {
  const start = (node: Node | null | undefined): SourceRef => position(node?.range?.[0] ?? 0);
  // Walk as far down `path` as the document goes; return the deepest node reached and, for keyAt, its key node.
  const walk = (path: readonly (string | number)[]): { node: Node | null; key: Node | null } => {
    let node: Node | null = parsed.contents;
    let key: Node | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? key;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        key = item;
        node = item;
      } else break;
    }
    return { node, key };
  };
  return {
    file,
    value,
    at: (path) => start(walk(path).node),
    keyAt: (path) => {
      const { node, key } = walk(path);
      return start(key ?? node);
    },
  };
}
