// Post-mortems as reviewed pull requests: generation from the incident record, the completeness
// lint, action items, recurring patterns, the review gate and the handlers around the PR. Pure.
export { ACTION_ITEMS_HEADING, PRIORITIES, actionItemRows, actionItemsFor, dedupeByTitle, dueDate, parseActionItems, ruleApplies, type ActionItemRow } from "./action-items.js";
export { affectedServices, customerImpactScore, dayIn, detectionMethod, durations, normaliseCategory, slaVerdict, slugify, type Durations, type SlaVerdict } from "./facts.js";
export { FRONT_MATTER_SCHEMA, buildFrontMatter, frontMatterBlock, readFrontMatter, splitDocument, type FrontMatter, type FrontMatterResult } from "./front-matter.js";
export { generatePostmortem, postmortemContext, postmortemPath, timelineEvents, type GenerateOptions, type GeneratedPostmortem } from "./generate.js";
export { lintPostmortem, type LintProblem, type LintResult } from "./lint.js";
export { PATTERNS_PATH, describePattern, findPatterns, patternFor, patternsFile, type History, type Pattern, type PatternRules } from "./patterns.js";
export { APPROVED_LABEL, GATE_COMMENT_KEY, GATE_CONTEXT, evaluateGate, latestReviews, requiredReviewers, type GateInput, type GateResult, type Review, type ReviewState } from "./gate.js";
export { onMerged, onPrOpened, onResolved, postmortemBranch, splitReviewers, type HandlerResult, type MergedOptions, type ResolvedOptions } from "./flow.js";
