// Rendering of everything the Action writes to GitHub: escaping of untrusted text, hidden markers,
// the markdown-escaping nunjucks environment, body-size limits, issue bodies and messages.
export { ZWSP, cell, clean, clip, codeBlock, codeSpan, commitSafe, inline, login, mention, multiline, url } from "./escape.js";
export { MARKER_PREFIX, findMarker, marker, readMarkers, type Marker, type MarkerData } from "./markers.js";
export { TemplateNotFoundError, createRenderer, rendererFor, trusted, type Renderer, type Trusted } from "./env.js";
export { between, formatDateTime, formatDuration } from "./format.js";
export { GITHUB_BODY_MAX, fitBody, openFence, type FitOptions } from "./limit.js";
export { BOT_ACTOR, checklistKey, incidentMarker, issueBodyContext, issueBodyTemplateId, renderIssueBody, suggestedPlaybooks, type IssueBodyOptions } from "./issue-body.js";
export { messageContext, messageTemplateId, renderMessage, type MessageAudience, type MessageEvent, type MessageOptions } from "./message.js";
