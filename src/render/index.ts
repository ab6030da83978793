// Rendering of everything the Action writes to GitHub: escaping of untrusted text, hidden markers,
// the markdown-escaping nunjucks environment, body-size limits, issue bodies and messages.
export { ZWSP, breakReferences, cell, cellCode, clean, clip, codeBlock, codeSpan, commitSafe, inline, link, login, mention, multiline, url } from "./escape.js";
export { MARKER_PREFIX, findMarker, marker, readMarkers, type Marker, type MarkerData } from "./markers.js";
export { TemplateNotFoundError, createRenderer, rendererFor, trusted, type Renderer, type Trusted } from "./env.js";
export { between, formatDateTime, formatDuration, formatInstant } from "./format.js";
export { ELLIPSIS, GITHUB_BODY_MAX, fitBody, fitText, fitTo, graphemePrefix, openFence, type FitOptions, type FitTextOptions } from "./limit.js";
export { incidentTitle, labelName, oneLine, plainTitle, statusDescription } from "./title.js";
export { applicableChecklists, checklistKey, checklistState, happened, visibleItems } from "./checklists.js";
export { BOT_ACTOR, incidentMarker, issueBodyContext, issueBodyTemplateId, renderIssueBody, suggestedPlaybooks, type IssueBodyOptions } from "./issue-body.js";
export { messageContext, messageTemplateId, renderMessage, type MessageAudience, type MessageEvent, type MessageOptions } from "./message.js";
