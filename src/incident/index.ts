// The incident core: record, status machine, slash commands, human edits and timers. Pure: the
// Action's handlers pass events, policies, on-call answers and the time, and execute the effects.
export { STATUSES, type IncidentRecord, type IncidentStatus, type TimelineEntry } from "./record.js";
export { ACTIVE_STATUSES, allowedTransitions, isActive, isResolved, reopenTarget, transition, type TransitionResult } from "./status.js";
export { authorize, commandsIn, isBot, isRotationMember, ROLES, type AuthzRequest, type AuthzResult, type RepoRole } from "./authz.js";
export { commandLines, loginsToCheck, MAX_COMMANDS, parseComment, USAGE, type Command, type ParsedComment } from "./commands/parse.js";
export { handleComment, type CommentInput } from "./commands/apply.js";
export { bodyEdited, issueClosed, issueReopened, severityLabeled, type EditInput } from "./human-edits.js";
export { deadlines, nextDeadline, timerCheck, type TimerInput } from "./timers.js";
export { assigneesFor, labelsFor, ESCALATED_LABEL, SLA_BREACHED_LABEL, type Outcome } from "./outcome.js";
