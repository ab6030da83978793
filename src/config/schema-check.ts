// Stage one of validation: every policy file against its JSON Schema, all errors at once, each
// turned into a sentence that names the key, what is wrong, what is allowed, and where it is.
// The validators are generated from schemas/ at build time (scripts/validators.mjs): no schema is
// compiled while the program runs.
import type { ErrorObject, ValidateFunction } from "ajv";
import { closest, distance } from "fastest-levenshtein";
import type { PolicyDocument, PolicyIssue } from "./kinds.js";
import { validators } from "./validators.generated.js";

export type SchemaSet = Record<string, object>; // schema file name → schema

export class SchemaChecker {
  readonly #names: ReadonlySet<string>;

  /**
   * A checker for the schemas of `schemas` (by file name, which is also their $id). Throws when one
   * of them has no generated validator: a schema added to schemas/ without `npm run build`.
   */
  constructor(schemas: SchemaSet) {
    const missing = Object.keys(schemas).filter((name) => !Object.hasOwn(validators, name));
    if (missing.length > 0) throw new Error(`no generated validator for ${missing.join(", ")}: run \`npm run build\` after changing schemas/`);
    this.#names = new Set(Object.keys(schemas));
  }

  validator(schemaName: string): ValidateFunction {
    const v = this.#names.has(schemaName) ? validators[schemaName] : undefined;
    if (!v) throw new Error(`no schema named ${schemaName} is registered`);
    return v;
  }

  /** Validate plain data (e.g. an incident record) without positions. */
  errors(schemaName: string, value: unknown): string[] {
    const validate = this.validator(schemaName);
    return validate(value) ? [] : dedupe(validate.errors ?? []).map((e) => `${pointerText(e.instancePath) || "(top level)"}: ${describe(e)}`);
  }

  check(schemaName: string, doc: PolicyDocument): PolicyIssue[] {
    const validate = this.validator(schemaName);
    if (validate(doc.value)) return [];
    return dedupe(validate.errors ?? []).map((e) => toIssue(e, doc));
  }
}

/** `oneOf`/`anyOf` produce one error per branch plus a summary; keep what a person can act on. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function segments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function pointerText(pointer: string): string {
  return segments(pointer)
    .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join("");
}

function toIssue(e: ErrorObject, doc: PolicyDocument): PolicyIssue {
  const path = segments(e.instancePath);
  if (e.keyword === "additionalProperties") {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const ref = doc.keyAt([...path, key]);
    return { level: "error", ...ref, message: unknownKey(key, path, e) };
  }
  const ref = e.keyword === "required" ? doc.keyAt(path) : doc.at(path);
  const where = pointerText(e.instancePath);
  return { level: "error", ...ref, message: `${where ? `\`${where}\`` : "the document"} ${describe(e)}` };
}

function unknownKey(key: string, path: (string | number)[], e: ErrorObject): string {
  const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const where = path.length > 0 ? ` in \`${pointerText("/" + path.join("/"))}\`` : "";
  const guess = allowed.length > 0 ? closest(key, allowed) : undefined;
  const hint = guess !== undefined && distance(key, guess) <= Math.max(2, Math.floor(guess.length / 3)) ? ` — did you mean \`${guess}\`?` : "";
  const list = allowed.length > 0 && allowed.length <= 12 ? ` Allowed keys: ${allowed.join(", ")}.` : "";
  return `unknown key \`${key}\`${where}${hint}${list}`;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const got = e.data === undefined ? "" : `, got ${preview(e.data)}`;
  const schemaDescription = (e.parentSchema as { description?: string } | undefined)?.description;
  const about = schemaDescription ? ` (${schemaDescription.replace(/\.$/, "")})` : "";
  switch (e.keyword) {
    case "required":
      return `is missing required key \`${String(p.missingProperty)}\``;
    case "type":
      return `must be ${article(String(p.type))}${got}${about}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(", ")}${got}`;
    case "const":
      return `must be ${preview(p.allowedValue)}${got}`;
    case "pattern":
      return `does not have the expected form${about || ` (pattern ${String(p.pattern)})`}${got}`;
    case "format":
      return `must be a valid ${String(p.format)}${got}`;
    case "minItems":
      return `must have at least ${String(p.limit)} item(s)`;
    case "maxItems":
      return `must have at most ${String(p.limit)} item(s)`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${String(p.comparison)} ${String(p.limit)}${got}`;
    case "minLength":
      return `must not be empty`;
    case "uniqueItems":
      return `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)`;
    case "propertyNames":
      return `has a key that is not allowed: \`${String(p.propertyName)}\`${about}`;
    default:
      return `${e.message ?? "is not valid"}${about}`;
  }
}

function article(type: string): string {
  const t = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function preview(v: unknown): string {
  const s = typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : v !== null && typeof v === "object" ? "a mapping" : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
