// Contract checks: turns the OpenAPI 3.0 schemas of one operation into JSON Schema for ajv and
// validates path/query parameters, the request body and the response body against them. Each
// operation is compiled the first time it is used and cached for the whole process.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { resolveRef, loadSpec, type Json, type JsonObject, type OpenApiOperation, type OpenApiParameter } from "./spec.js";

// ajv-formats is CommonJS; under NodeNext its default import is `module.exports`, whose `default`
// property is the plugin itself.
const addFormats = addFormatsModule.default;

const KEEP = new Set([
  "type", "enum", "const", "required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "uniqueItems", "minProperties",
  "maxProperties", "multipleOf",
]);
const SCHEMA_ID = "https://openapi.emulator.local/components/schemas/";

/** One ajv instance plus the component schemas already registered in it. */
class SchemaCompiler {
  readonly ajv: Ajv;
  private readonly registered = new Set<string>();

  constructor(coerce: boolean) {
    this.ajv = new Ajv({ strict: false, validateSchema: false, code: { optimize: false }, allErrors: false, coerceTypes: coerce ? "array" : false, logger: false });
    addFormats(this.ajv);
  }

  compile(schema: JsonObject): ValidateFunction {
    return this.ajv.compile(this.convert(schema));
  }

  /** OpenAPI 3.0 → JSON Schema draft-07: `nullable`, boolean exclusive bounds, local $refs. */
  convert(node: Json): JsonObject {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return {};
    if (typeof node.$ref === "string") return { $ref: this.component(node.$ref) };
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (KEEP.has(key)) out[key] = value;
    }
    if (typeof out.format === "string" && !(out.format in this.ajv.formats)) delete out.format;
    if (node.exclusiveMinimum === true) {
      out.exclusiveMinimum = node.minimum ?? 0;
      delete out.minimum;
    }
    if (node.exclusiveMaximum === true) {
      out.exclusiveMaximum = node.maximum ?? 0;
      delete out.maximum;
    }
    if (node.exclusiveMinimum === false) delete out.exclusiveMinimum;
    if (node.exclusiveMaximum === false) delete out.exclusiveMaximum;
    if (isObject(node.properties)) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, this.convert(v)]));
    }
    if (isObject(node.additionalProperties)) out.additionalProperties = this.convert(node.additionalProperties);
    else if (typeof node.additionalProperties === "boolean") out.additionalProperties = node.additionalProperties;
    if (isObject(node.items)) out.items = this.convert(node.items);
    if (isObject(node.not)) out.not = this.convert(node.not);
    for (const k of ["allOf", "anyOf", "oneOf"] as const) {
      const list = node[k];
      if (Array.isArray(list)) out[k] = list.map((s) => this.convert(s));
    }
    if (node.nullable !== true) return out;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  }

  private component(ref: string): string {
    const name = ref.replace("#/components/schemas/", "");
    const id = SCHEMA_ID + encodeURIComponent(name);
    if (!this.registered.has(name)) {
      this.registered.add(name);
      const schema = loadSpec().spec.components.schemas?.[name];
      if (!schema) throw new Error(`unknown schema ${ref}`);
      this.ajv.addSchema({ ...this.convert(schema), $id: id });
    }
    return id;
  }
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Turns ajv's errors into one short sentence per problem, GitHub-style paths (`/labels/0`). */
export function describe(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).slice(0, 5).map((e) => {
    const at = `${root}${e.instancePath}`;
    const params = e.params as { allowedValues?: unknown[]; missingProperty?: string };
    if (e.keyword === "enum") return `${at} must be one of ${JSON.stringify(params.allowedValues)}`;
    if (e.keyword === "required") return `${at} is missing required property "${params.missingProperty}"`;
    return `${at} ${e.message ?? "is invalid"}`;
  });
}

export interface CheckResult {
  problems: string[];
  /** Names the operation does not declare: query parameters, or top-level body fields. */
  unknown: string[];
}

export interface OperationContract {
  /** Validates and coerces (in place) path params and query values. */
  params(path: Record<string, unknown>, query: Record<string, unknown>): { path: string[]; query: CheckResult };
  /** Schema problems (→ 422) and unknown top-level fields (GitHub ignores them; we flag them). */
  body(body: unknown): CheckResult;
  /** `undefined` when the status is not documented for the operation. */
  response(status: number, body: unknown): string[] | undefined;
}

const coercing = new SchemaCompiler(true);
const exact = new SchemaCompiler(false);
const contracts = new Map<string, OperationContract>();

export function contractFor(op: OpenApiOperation): OperationContract {
  const cached = contracts.get(op.operationId);
  if (cached) return cached;
  const contract = buildContract(op);
  contracts.set(op.operationId, contract);
  return contract;
}

function paramSchema(params: OpenApiParameter[]): JsonObject {
  return {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
    required: params.filter((p) => p.required === true || p.in === "path").map((p) => p.name),
  };
}

function buildContract(op: OpenApiOperation): OperationContract {
  const params = (op.parameters ?? []).map((p) => resolveRef<OpenApiParameter>(p));
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");
  const queryNames = new Set(queryParams.map((p) => p.name));
  const validatePath = coercing.compile(paramSchema(pathParams));
  const validateQuery = coercing.compile(paramSchema(queryParams));

  const requestBody = op.requestBody ? resolveRef<JsonObject>(op.requestBody) : undefined;
  const bodyRequired = requestBody?.required === true;
  const bodySchema = jsonSchemaOf(requestBody);
  let validateBody: ValidateFunction | undefined;
  const responseValidators = new Map<string, ValidateFunction | null>();

  return {
    params(path, query) {
      const pathOk = validatePath(path);
      const queryOk = validateQuery(query);
      return {
        path: pathOk ? [] : describe(validatePath.errors, "path"),
        query: {
          problems: queryOk ? [] : describe(validateQuery.errors, "query"),
          unknown: Object.keys(query).filter((k) => !queryNames.has(k)),
        },
      };
    },
    body(body) {
      if (body === undefined) return { problems: bodyRequired ? ["a request body is required"] : [], unknown: [] };
      if (!bodySchema) return { problems: [], unknown: [] };
      validateBody ??= exact.compile(bodySchema);
      const problems = validateBody(body) ? [] : describe(validateBody.errors, "body");
      const known = isObject(bodySchema.properties) ? Object.keys(bodySchema.properties) : undefined;
      const isPlain = typeof body === "object" && body !== null && !Array.isArray(body);
      const unknown = known && isPlain ? Object.keys(body).filter((k) => !known.includes(k)) : [];
      return { problems, unknown };
    },
    response(status, body) {
      const key = op.responses[String(status)] ? String(status) : op.responses.default ? "default" : undefined;
      if (key === undefined) return undefined;
      let validator = responseValidators.get(key);
      if (validator === undefined) {
        const schema = jsonSchemaOf(resolveRef<JsonObject>(op.responses[key] ?? {}));
        validator = schema ? exact.compile(schema) : null;
        responseValidators.set(key, validator);
      }
      if (validator === null) return body === undefined || status >= 400 ? [] : ["response has a body but the description has none"];
      return validator(body) ? [] : describe(validator.errors, "response");
    },
  };
}

function jsonSchemaOf(container: JsonObject | undefined): JsonObject | undefined {
  const content = container?.content;
  if (!isObject(content)) return undefined;
  const json = content["application/json"];
  if (!isObject(json) || !isObject(json.schema)) return undefined;
  return json.schema;
}
