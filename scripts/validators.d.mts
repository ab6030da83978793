// Types for scripts/validators.mjs, which the tests import.
export declare const VALIDATORS_FILE: string;
export declare const VALIDATORS_TYPES_FILE: string;
export declare const AJV_OPTIONS: Readonly<Record<string, unknown>>;
export declare function validatorsSource(schemaDir?: string): string;
export declare const validatorsTypes: string;
