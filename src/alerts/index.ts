// Alert normalizers: payloads from the outside world → the common Alert type.
export type { Alert, AlertSource, AlertStatus, NormalizeOptions, NormalizeResult, Normalizer, PayloadMeta, PayloadWarning } from "./types.js";
export { ALERT_SOURCES, PayloadError } from "./types.js";
export { fromDispatch, isAlertSource, isDispatchEvent, normalize, normalizeText, normalizers, sniffSource } from "./registry.js";
export { labelFingerprint, DEFAULT_MAX_ALERTS, MAX_LABEL_VALUE } from "./fields.js";
