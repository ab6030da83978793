// The incident core: the record, the status machine, the one set of operations every door uses,
// the doors themselves (alerts, commands, hand edits, timers, the backstop) and the function that
// turns a record into its issue. Pure: the shell passes events, policies, records, on-call answers
// and the time, and executes the Plan that comes back.
export { STATUSES, type IncidentRecord, type IncidentStatus, type TimelineEntry } from "./record.js";
export { ACTIVE_STATUSES, allowedTransitions, isActive, isResolved, reopenTarget, transition, type TransitionResult } from "./status.js";
export { authorize, commandsIn, isBot, isRotationMember, ROLES, type AuthzRequest, type AuthzResult, type RepoRole } from "./authz.js";
export { commandLines, loginsToCheck, MAX_COMMANDS, parseComment, USAGE, type Command, type ParsedComment } from "./commands/parse.js";
export { handleComment, type CommentInput } from "./doors/comment.js";
export { handleEdit, type EditAction, type EditInput } from "./doors/edits.js";
export { deferTimer, timerCheck, timerDoor, timerStillDue, type TimerInput } from "./doors/timer.js";
export { alertsDoor, type AlertsInput } from "./doors/alerts.js";
export { backstopDoor, type BackstopInput } from "./doors/backstop.js";
export { deadlines, nextDeadline } from "./deadlines.js";
export { issueState, type IssueState } from "./issue-state.js";
export { finish, type Finished, type IssueFacts } from "./finish.js";
export { settleRecord, type Answers } from "./settle.js";
