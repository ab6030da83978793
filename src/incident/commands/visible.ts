// Which lines of a comment could hold a command: only text a reader sees as prose. A comment is
// parsed as GitHub parses it (CommonMark + GFM, with micromark), and a line is read only where its
// first character is visible text outside block quotes and code. What this excludes, and why:
// - fenced and indented code, and block quotes: visible, but responders paste logs and quote each
//   other, and neither should act;
// - HTML comments (`<!-- … -->`, also across lines and unterminated at the start of a line, which
//   CommonMark runs to the end of the comment), raw HTML blocks and tags (attributes such as
//   `alt="…"` may span lines), processing instructions, declarations and CDATA: not shown;
// - link reference definitions (`[x]:` with the destination or a multi-line title below it) and
//   the destinations and titles of links and images: not shown.
// Inline HTML (an HTML comment after a command, say) is also removed from the line's text, so a
// command's arguments never carry what the reader cannot see; link syntax stays in the text.
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

export interface ProseLine {
  /** 1-based line number in the comment. */
  line: number;
  /** The line from its first shown character on, inline HTML removed. */
  text: string;
  /** Offset in the comment of the line's first shown character. */
  first: number;
}

type Range = [start: number, end: number];

const NOT_SHOWN = new Set(["html", "definition", "image", "imageReference", "footnoteDefinition"]);
const NOT_COMMANDS = new Set(["blockquote", "code"]);
/** Only their children are shown: the destination, title or label around them is not. */
const WRAPPERS = new Set(["link", "linkReference"]);

interface Ranges {
  hidden: Range[];
  html: Range[];
  excluded: Range[];
  text: Range[];
}

function span(node: Nodes): Range | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

function collect(node: Nodes, out: Ranges, under: boolean): void {
  const r = span(node);
  if (r && NOT_SHOWN.has(node.type)) {
    out.hidden.push(r);
    if (node.type === "html") out.html.push(r);
    return;
  }
  const excluded = under || NOT_COMMANDS.has(node.type);
  if (r && NOT_COMMANDS.has(node.type)) out.excluded.push(r);
  if (r && node.type === "text" && !excluded) out.text.push(r);
  if (!("children" in node)) return;
  const children = (node).children;
  if (r && WRAPPERS.has(node.type)) {
    // The wrapper's own syntax between and around its children is hidden.
    let at = r[0];
    for (const child of children) {
      const c = span(child);
      if (!c) continue;
      if (c[0] > at) out.hidden.push([at, c[0]]);
      at = c[1];
    }
    if (r[1] > at) out.hidden.push([at, r[1]]);
  }
  for (const child of children) collect(child, out, excluded);
}

const HIDDEN = 1;
const EXCLUDED = 2;
const TEXT = 4;
const HTML = 8;

/** Every line of `body` with its shown text and where that text starts, for lines a reader sees as prose. */
export function proseLines(body: string): ProseLine[] {
  const ranges: Ranges = { hidden: [], html: [], excluded: [], text: [] };
  collect(fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), ranges, false);
  const flags = new Uint8Array(body.length + 1);
  const mark = (list: Range[], bit: number) => {
    for (const [s, e] of list) for (let i = s; i < e; i++) flags[i] = (flags[i] ?? 0) | bit;
  };
  mark(ranges.hidden, HIDDEN);
  mark(ranges.excluded, EXCLUDED);
  mark(ranges.text, TEXT);
  mark(ranges.html, HTML);
  const out: ProseLine[] = [];
  const breaks = /\r\n?|\n/g;
  let start = 0;
  let line = 1;
  for (;;) {
    const m = breaks.exec(body);
    const end = m ? m.index : body.length;
    let text = "";
    let first = -1;
    for (let i = start; i < end; i++) {
      const f = flags[i] ?? 0;
      if (first < 0 && !(f & HIDDEN) && !/\s/.test(body[i] ?? "")) first = i;
      if (first >= 0 && !(f & HTML)) text += body[i];
    }
    const f = first >= 0 ? (flags[first] ?? 0) : 0;
    if (f & TEXT && !(f & EXCLUDED)) out.push({ line, text, first });
    if (!m) break;
    start = m.index + m[0].length;
    line++;
  }
  return out;
}
