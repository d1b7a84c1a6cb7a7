// Temporal's visibility query language: parser, checks against search attribute types, completion.
export { parseVisibilityQuery, predicates, tokenize } from './parser';
export type { Expression, ParsedQuery, Predicate, QueryProblem, Token } from './parser';
export {
  catalogFrom,
  checkVisibilityQuery,
  defaultCatalog,
  executionStatuses,
  operatorsByType,
  systemAttributes,
} from './attributes';
export type { AttributeCatalog, AttributeType } from './attributes';
export { completeVisibilityQuery } from './completion';
export type { KnownValues, QueryCompletionItem, QueryCompletions } from './completion';
