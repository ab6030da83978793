// `incident validate --fix`: a rotation change that would rewrite started shifts is made to take
// effect at the next handoff instead — the previous committed schedule moves under `history` and
// `effective_from` becomes the handoff. The file is edited as text (only the rotation's
// effective_from and the history block change; comments, quoting and layout elsewhere are kept
// byte for byte) and the previous schedule is copied from the previous file as it was written.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from "yaml";
import { column, lineEnd, lineStart } from "../config/yaml-edit.js";

export interface Deferral {
  rotation: string;
  /** ISO date-time with offset: when the changed schedule takes effect. */
  effectiveFrom: string;
  /** Copy the previous members block too (availability differed). */
  withMembers: boolean;
}

/** Text edits at offsets of the original, applied back to front. */
interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/**
 * `current` with each deferral applied, using `previous` (the committed file) as the source of
 * the earlier schedule. Throws when a rotation is missing from either file.
 */
export function deferChanges(current: string, previous: string, deferrals: readonly Deferral[]): string {
  const doc = parseDocument(current);
  const old = parseDocument(previous);
  const edits: Edit[] = [];
  for (const d of deferrals) edits.push(...deferOne(doc, current, old, previous, d));
  let text = current;
  for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
  return text;
}

function deferOne(doc: Document, text: string, old: Document, oldText: string, d: Deferral): Edit[] {
  const rotation = doc.getIn(["rotations", d.rotation], true);
  const before = old.getIn(["rotations", d.rotation], true);
  if (!isMap(rotation) || !isMap(before)) throw new Error(`rotation ${d.rotation} is not in both versions of the file`);
  const pair = (map: typeof rotation, key: string): Pair<Node, Node> | undefined => map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node> | undefined;
  const effective = pair(rotation, "effective_from")?.value;
  const layers = pair(rotation, "layers");
  const oldEffective = pair(before, "effective_from")?.value;
  const oldLayers = pair(before, "layers");
  if (!effective?.range || !layers?.value?.range || !isScalar(oldEffective) || !oldLayers?.value?.range || !isScalar(layers.key) || !layers.key.range) {
    throw new Error(`rotation ${d.rotation} has no effective_from or layers to work with`);
  }
  const indent = column(text, layers.key.range[0]);
  const entry = [`- effective_from: ${JSON.stringify(String(oldEffective.value))}`, ...block("layers", oldLayers, oldText)];
  const oldMembers = pair(before, "members");
  if (d.withMembers && oldMembers?.value?.range) entry.push(...block("members", oldMembers, oldText));

  const edits: Edit[] = [{ at: effective.range[0], remove: effective.range[1] - effective.range[0], insert: JSON.stringify(d.effectiveFrom) }];
  const history = pair(rotation, "history");
  if (history && isSeq(history.value) && history.value.items.length > 0 && history.value.flow !== true && history.value.range) {
    const first = history.value.items[0];
    const dash = column(text, (first as Node | undefined)?.range?.[0] ?? history.value.range[0]) - 2;
    edits.push({ at: lineEnd(text, history.value.range[1]), remove: 0, insert: indentLines(entry, dash) });
  } else if (history?.value?.range && isScalar(history.key) && history.key.range) {
    // An empty or flow-style history (`history: []`) is replaced by a block one.
    const start = history.key.range[0];
    edits.push({ at: start, remove: lineEnd(text, history.value.range[1]) - start, insert: `history:\n${indentLines(entry, indent + 2).replace(/\n$/, "")}` });
  } else {
    const at = lineEnd(text, layers.value.range[1]);
    edits.push({ at, remove: 0, insert: `${" ".repeat(indent)}history:\n${indentLines(entry, indent + 2)}` });
  }
  return edits;
}

/** `key:` and its value as written in `source`, re-indented to sit under a list item (relative indent 2). */
function block(key: string, p: Pair<Node, Node>, source: string): string[] {
  const value = p.value as Node;
  const [start = 0, end = 0] = value.range ?? [];
  const written = source.slice(start, end).replace(/\s+$/, "");
  if (!written.includes("\n")) return [`  ${key}: ${written}`];
  const keyColumn = column(source, p.key.range?.[0] ?? start);
  const first = lineStart(source, start);
  const lines = source.slice(first, end).replace(/\s+$/, "").split("\n");
  return [`  ${key}:`, ...lines.map((l) => (l.trim() === "" ? "" : `  ${l.slice(Math.min(keyColumn, l.length - l.trimStart().length))}`))];
}

function indentLines(lines: readonly string[], by: number): string {
  return lines.map((l) => (l === "" ? "" : " ".repeat(by) + l)).join("\n") + "\n";
}
