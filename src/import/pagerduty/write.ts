// The imported rotation and escalation policy written into oncall/rotations.yaml and
// escalation.yaml: the entry is added to (or replaces the one of the same id in) the file's map,
// as text, so every other byte of the file — comments, quoting, layout — stays as it was. Pure.
import { isMap, isScalar, parseDocument, stringify, type Node, type Pair } from "yaml";
import { column, lineEnd, lineStart } from "../../config/yaml-edit.js";

/** `text` with `mapKey`.`id` set to `value`; `text` null: a new file starting with `header`. */
export function upsertEntry(text: string | null, header: string, mapKey: string, id: string, value: unknown): string {
  const entry = (indent: number): string =>
    stringify({ [id]: value }, { lineWidth: 0 })
      .trimEnd()
      .split("\n")
      .map((l) => (l === "" ? l : " ".repeat(indent) + l))
      .join("\n") + "\n";
  if (text === null || text.trim() === "") return `${header}${mapKey}:\n${entry(2)}`;
  const doc = parseDocument(text);
  const map = doc.get(mapKey, true);
  if (!isMap(map) || map.flow === true || !map.range || map.items.length === 0) {
    if (map !== undefined && !(isMap(map) && map.items.length === 0)) throw new Error(`${mapKey} is not a block mapping this import can add to`);
    const without = map === undefined ? text : removeKey(text, doc.contents && isMap(doc.contents) ? (doc.contents.items.find((p) => isScalar(p.key) && p.key.value === mapKey) as Pair<Node, Node> | undefined) : undefined);
    return `${without.trimEnd()}\n${mapKey}:\n${entry(2)}`;
  }
  const pairs = map.items as Pair<Node, Node>[];
  const first = pairs[0]?.key;
  const indent = column(text, first?.range?.[0] ?? map.range[0]);
  const existing = pairs.find((p) => isScalar(p.key) && String(p.key.value) === id);
  if (existing?.key.range && existing.value?.range) {
    const start = lineStart(text, existing.key.range[0]);
    const end = lineEnd(text, existing.value.range[1]);
    return text.slice(0, start) + entry(indent) + text.slice(end);
  }
  const at = lineEnd(text, map.range[1]);
  const before = text.slice(0, at);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${entry(indent)}${text.slice(at)}`;
}

function removeKey(text: string, pair: Pair<Node, Node> | undefined): string {
  if (!pair?.key.range) return text;
  const start = lineStart(text, pair.key.range[0]);
  const end = lineEnd(text, pair.value?.range?.[1] ?? pair.key.range[1]);
  return text.slice(0, start) + text.slice(end);
}
