// The nunjucks environment every rendered text goes through (issue bodies, messages, post-mortems).
//
// Templates come only from `Policies.templateSources` (invariant 7): the loader serves nothing, and
// its cache is pre-filled with one Template per repository template, so `include`/`extends`/
// `import` can reach repository templates and nothing else. Payload data is passed as context
// values and is never part of template source.
//
// Escaping — why a custom runtime and not the alternatives:
// nunjucks' autoescape wraps every `{{ … }}` output in `runtime.suppressValue(value, autoescape)`,
// which HTML-escapes (`lib.escape`) anything that is not a `SafeString`. HTML escaping is the wrong
// escape for markdown (it leaves `@admin`, `**`, `#12` live and turns `\` into `&#92;`). So:
// - Each Template's compiled root function is called with a copy of the runtime whose
//   `suppressValue` applies `inline` (escape.ts) instead. The compiled code gets the runtime as an
//   argument, and blocks, macros and included templates receive it from there, so every output
//   path — values, object keys, builtin filter results, `~` concatenations — is markdown-escaped
//   unless it is a SafeString. Nothing global is patched; other nunjucks users are unaffected.
// - Our filters decide the other escapes and return SafeStrings: `| code(lang)` (fenced block),
//   `| codespan` (inline code), `| cell(max)` (table cell), `| text(max)` (multi-line prose),
//   `| inline(max)` (a tighter bound), `| cell_code` (a code span in a table cell), `| login` (visible, non-notifying @name), `| url`
//   (autolink). `| raw_trusted` (and its alias `| safe`) is only for fragments the Action produced
//   itself or policy text, never for a value that contains payload or comment text. `escape`/`e`/`forceescape` mean `inline` here.
// - Callers mark their own fragments with `trusted()`; everything else in a context is untrusted.
// Rejected: monkey-patching `lib.escape` (global), pre-escaping the context (breaks `{% if %}`,
// comparisons and filters that need the raw text, and leaves object keys raw), and rewriting
// template source (parsing hacks).
//
// The same templates also render as plain text (`flavour: "plain"`) for messages that leave GitHub:
// the same runtime swap, with values and filters that clean instead of escape (plain.ts); each
// notification sender then escapes the whole text for its medium.
import nunjucks from "nunjucks";
import type { Policies } from "../config/types.js";
import { CELL_MAX, cell, cellCode, clean, codeBlock, codeSpan, inline, login, multiline, url } from "./escape.js";
import { formatDateTime, formatDuration, formatInstant } from "./format.js";
import { plainInline, plainLogin, plainText } from "./plain.js";

export type Trusted = nunjucks.runtime.SafeString;
type Runtime = typeof nunjucks.runtime;
type RootRender = (env: unknown, context: unknown, frame: unknown, runtime: Runtime, cb: unknown) => void;
/** The parts of nunjucks' Template that are not in its type declarations (nunjucks 3.2). */
interface TemplateInternals {
  _compile(): void;
  rootRenderFunc: RootRender;
}

const SafeString = nunjucks.runtime.SafeString;

/** Marks markdown the Action produced itself (never text from payloads or comments) as already safe. */
export function trusted(markdown: string): Trusted {
  return new SafeString(markdown);
}

/** Markdown for GitHub (escape.ts), or plain text for messages that leave GitHub (plain.ts). */
export type Flavour = "markdown" | "plain";

/** How a flavour turns untrusted text into output: the default for `{{ value }}` and each filter's. */
interface Escapes {
  value(s: string): string;
  inline(s: string, max?: number): string;
  cell(s: string, max?: number): string;
  text(s: string, max?: number): string;
  code(s: string, lang: string): string;
  codespan(s: string, max?: number): string;
  cellCode(s: string, max?: number): string;
  login(s: string): string;
  url(s: string): string;
  /** An instant in the responders' zone with UTC beside it (formatInstant). */
  instant(iso: string, zone: string): string;
}

const ESCAPES: Record<Flavour, Escapes> = {
  markdown: { value: (s) => inline(s), inline, cell, text: multiline, code: codeBlock, codespan: codeSpan, cellCode, login, url, instant: (iso, zone) => instantMarkdown(iso, zone).val },
  // As in markdown, a bare value is one line (no forged "Commander:" line from a newline in a title).
  plain: {
    value: (s) => plainInline(s),
    inline: plainInline,
    cell: (s, max) => plainInline(s, max ?? CELL_MAX),
    text: plainText,
    code: (s) => plainText(s),
    codespan: plainInline,
    cellCode: (s, max) => plainInline(s, max ?? CELL_MAX),
    login: plainLogin,
    url: (s) => plainInline(s),
    instant: (iso, zone) => plainInline(formatInstant(iso, zone)),
  },
};

function runtimeFor(escapes: Escapes): Runtime {
  return Object.assign(Object.create(nunjucks.runtime) as Runtime, {
    suppressValue(value: unknown, autoescape: boolean): unknown {
      const v = value ?? "";
      if (!autoescape || v instanceof SafeString) return v;
      return escapes.value(text(v));
    },
  });
}

const RUNTIMES: Record<Flavour, Runtime> = { markdown: runtimeFor(ESCAPES.markdown), plain: runtimeFor(ESCAPES.plain) };

export interface Renderer {
  /** Renders the repository template `id` with `context`; throws TemplateNotFoundError for an unknown id. */
  render(id: string, context: Record<string, unknown>): string;
  has(id: string): boolean;
}

export class TemplateNotFoundError extends Error {
  constructor(readonly id: string, known: string[]) {
    super(`template \`${id}\` is not in the repository's templates (known: ${known.join(", ") || "none"})`);
    this.name = "TemplateNotFoundError";
  }
}

const cache = new WeakMap<Record<string, string>, Partial<Record<Flavour, Renderer>>>();

/** The renderer over `policies.templateSources` in a flavour (default markdown), built once per policy set. */
export function rendererFor(policies: Pick<Policies, "templateSources">, flavour: Flavour = "markdown"): Renderer {
  const byFlavour = cache.get(policies.templateSources) ?? {};
  cache.set(policies.templateSources, byFlavour);
  return (byFlavour[flavour] ??= createRenderer(policies.templateSources, flavour));
}

export function createRenderer(sources: Readonly<Record<string, string>>, flavour: Flavour = "markdown"): Renderer {
  const loader = { cache: {} as Record<string, nunjucks.Template>, getSource: () => null as unknown as nunjucks.LoaderSource };
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false });
  addFilters(env, ESCAPES[flavour]);
  for (const [id, src] of Object.entries(sources)) {
    const tmpl = flavouredTemplate(src, env, id, RUNTIMES[flavour]);
    loader.cache[id] = tmpl;
    loader.cache[`${id}.njk`] = tmpl;
  }
  const ids = Object.keys(sources).sort();
  return {
    has: (id) => Object.hasOwn(sources, id),
    render(id, context) {
      if (!Object.hasOwn(sources, id)) throw new TemplateNotFoundError(id, ids);
      return env.render(id, context);
    },
  };
}

/** A lazily compiled Template whose output is escaped by `runtime`. */
function flavouredTemplate(src: string, env: nunjucks.Environment, id: string, runtime: Runtime): nunjucks.Template {
  const tmpl = new nunjucks.Template(src, env, `${id}.njk`);
  const internals = tmpl as unknown as TemplateInternals;
  const compile = internals._compile.bind(tmpl);
  internals._compile = () => {
    compile();
    const root = internals.rootRenderFunc;
    internals.rootRenderFunc = (e, context, frame, _runtime, cb) => root(e, context, frame, runtime, cb);
  };
  return tmpl;
}

/** A value as nunjucks prints it (`toString()`), unwrapping SafeStrings. */
function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof SafeString) return v.val;
  if (typeof v === "string") return v;
  if (typeof v === "object" || typeof v === "function") return (v as { toString(): string }).toString();
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return "";
}

/**
 * `formatInstant` as markdown: escaped like any value, but its own brackets left as they are
 * (a bracket pair without `[…]` before it is no markdown syntax), so the raw text stays readable.
 */
export function instantMarkdown(iso: string, zone: string): Trusted {
  return new SafeString(inline(formatInstant(iso, zone)).replace(/\\([()])/g, "$1"));
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
}

function addFilters(env: nunjucks.Environment, esc: Escapes): void {
  const safe = (s: string) => new SafeString(s);
  env.addFilter("inline", (v: unknown, max?: unknown) => safe(esc.inline(text(v), num(max))));
  env.addFilter("cell", (v: unknown, max?: unknown) => safe(esc.cell(text(v), num(max))));
  env.addFilter("text", (v: unknown, max?: unknown) => safe(esc.text(text(v), num(max))));
  env.addFilter("code", (v: unknown, lang?: unknown) => safe(esc.code(text(v), typeof lang === "string" ? lang : "")));
  env.addFilter("codespan", (v: unknown, max?: unknown) => safe(esc.codespan(text(v), num(max))));
  env.addFilter("cell_code", (v: unknown, max?: unknown) => safe(esc.cellCode(text(v), num(max))));
  env.addFilter("login", (v: unknown) => safe(esc.login(text(v))));
  env.addFilter("url", (v: unknown) => safe(esc.url(text(v))));
  env.addFilter("raw_trusted", (v: unknown) => (v instanceof SafeString ? v : safe(clean(text(v)))));
  env.addFilter("safe", (v: unknown) => (v instanceof SafeString ? v : safe(clean(text(v)))));
  for (const name of ["escape", "e", "forceescape"]) env.addFilter(name, (v: unknown) => safe(esc.inline(text(v))));
  env.addFilter("duration", (v: unknown) => formatDuration(v instanceof SafeString ? v.val : v));
  env.addFilter("datetime", (v: unknown, zone?: unknown) => formatDateTime(text(v), typeof zone === "string" && zone ? zone : "UTC"));
  // The responder's zone and UTC side by side: "2026-11-27 09:05 PST (17:05 UTC)".
  env.addFilter("instant", (v: unknown, zone?: unknown) => safe(esc.instant(text(v), typeof zone === "string" && zone ? zone : "UTC")));
  // Each element is escaped on its own (SafeStrings are kept); the separator is template text.
  env.addFilter("join", (v: unknown, sep: unknown = "", attr?: unknown) => {
    const list = Array.isArray(v) ? (v as unknown[]) : [];
    const items = list.map((x) => (typeof attr === "string" && x && typeof x === "object" ? (x as Record<string, unknown>)[attr] : x));
    return safe(items.map((x) => (x instanceof SafeString ? x.val : esc.inline(text(x)))).join(text(sep)));
  });
}
