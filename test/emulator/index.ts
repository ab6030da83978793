// Public entry of the loopback GitHub REST API emulator used by end-to-end tests and the demo.
// See server.ts for the options and the test-control API.
export { startEmulator } from "./server.js";
export type { Emulator, EmulatorOptions, RecordedRequest, Violation, ViolationKind, Fault, FaultHandle, RequestFilter, Seeds } from "./server.js";
export type { RepoState, Role, IssueRec, CommentRec, LabelRec, ReviewRec, ReviewState, DiffEntry, DispatchRec, WorkflowDispatchRec, StatusRec, CheckRunRec } from "./state.js";
export { legacyPermission } from "./builders-misc.js";
export { repoSettings, type RepoSettings, type BranchProtectionRec } from "./handlers-settings.js";
