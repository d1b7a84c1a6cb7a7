// What a visibility query may say about each search attribute: the operators its type allows,
// the values it takes, and the checks that need the namespace's attribute list.
import {
  parseVisibilityQuery,
  predicates,
  type Operator,
  type ParsedQuery,
  type Predicate,
  type QueryProblem,
} from './parser';

export type AttributeType =
  'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

/** Attributes every Temporal server has, used until the server's own list is known. */
export const systemAttributes: Record<string, AttributeType> = {
  WorkflowId: 'Keyword',
  WorkflowType: 'Keyword',
  RunId: 'Keyword',
  ExecutionStatus: 'Keyword',
  TaskQueue: 'Keyword',
  StartTime: 'Datetime',
  CloseTime: 'Datetime',
  ExecutionTime: 'Datetime',
  ExecutionDuration: 'Int',
  HistoryLength: 'Int',
  HistorySizeBytes: 'Int',
  StateTransitionCount: 'Int',
  ParentWorkflowId: 'Keyword',
  ParentRunId: 'Keyword',
  RootWorkflowId: 'Keyword',
  RootRunId: 'Keyword',
  BatcherUser: 'Keyword',
  BuildIds: 'KeywordList',
  TemporalChangeVersion: 'KeywordList',
  TemporalScheduledById: 'Keyword',
  TemporalScheduledStartTime: 'Datetime',
  TemporalSchedulePaused: 'Bool',
  TemporalWorkerDeployment: 'Keyword',
  TemporalWorkerDeploymentVersion: 'Keyword',
  TemporalWorkflowVersioningBehavior: 'Keyword',
};

export const executionStatuses = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
  'Paused',
];

const comparisons: Operator[] = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'IN',
  'NOT IN',
  'BETWEEN',
  'NOT BETWEEN',
];
const nulls: Operator[] = ['IS NULL', 'IS NOT NULL'];

/** Operators each type accepts (Temporal's visibility documentation). */
export const operatorsByType: Record<AttributeType, Operator[]> = {
  Keyword: [...comparisons, 'STARTS_WITH', ...nulls],
  Text: ['=', '!=', ...nulls],
  KeywordList: ['=', '!=', 'IN', 'NOT IN', ...nulls],
  Int: [...comparisons, ...nulls],
  Double: [...comparisons, ...nulls],
  Datetime: [...comparisons, ...nulls],
  Bool: ['=', '!=', ...nulls],
};

export interface AttributeCatalog {
  /** name -> type; system and custom. */
  types: Record<string, string>;
  custom: Record<string, string>;
  /** True when the list came from the server (unknown names are then errors, else warnings). */
  fromServer: boolean;
}

export function defaultCatalog(): AttributeCatalog {
  return { types: { ...systemAttributes }, custom: {}, fromServer: false };
}

export function catalogFrom(result: {
  system: Record<string, string>;
  custom: Record<string, string>;
}): AttributeCatalog {
  return {
    types: { ...systemAttributes, ...result.system, ...result.custom },
    custom: result.custom,
    fromServer: true,
  };
}

/** Syntax errors, unknown attributes, operators the type does not allow, and values of the wrong kind. */
export function checkVisibilityQuery(
  text: string,
  catalog: AttributeCatalog,
): { parsed: ParsedQuery; problems: QueryProblem[] } {
  const parsed = parseVisibilityQuery(text);
  const problems = [...parsed.problems];
  for (const p of predicates(parsed.where)) problems.push(...checkPredicate(p, catalog));
  for (const o of parsed.orderBy) {
    if (!(o.attribute.name in catalog.types)) problems.push(unknown(o.attribute, catalog));
  }
  return { parsed, problems };
}

function unknown(
  a: { name: string; start: number; end: number },
  catalog: AttributeCatalog,
): QueryProblem {
  const near = Object.keys(catalog.types).find((n) => n.toLowerCase() === a.name.toLowerCase());
  const hint = near
    ? `: did you mean ${near}?`
    : catalog.fromServer
      ? ': it is not a search attribute of this namespace'
      : ' (connect to check custom attributes)';
  return {
    message: `Unknown search attribute ${a.name}${hint}`,
    start: a.start,
    end: a.end,
    severity: catalog.fromServer ? 'error' : 'warning',
  };
}

function checkPredicate(p: Predicate, catalog: AttributeCatalog): QueryProblem[] {
  const type = catalog.types[p.attribute.name] as AttributeType | undefined;
  if (!type) return [unknown(p.attribute, catalog)];
  const allowed = operatorsByType[type];
  if (allowed && !allowed.includes(p.operator)) {
    return [
      {
        message: `${p.operator} does not apply to ${p.attribute.name} (${type}); use ${allowed.join(', ')}`,
        start: p.operatorStart,
        end: p.operatorStart + p.operator.split(' ')[0].length,
        severity: 'error',
      },
    ];
  }
  const problems: QueryProblem[] = [];
  for (const v of p.values) {
    const wrong = (expected: string) =>
      problems.push({
        message: `${p.attribute.name} is ${type}: expected ${expected}`,
        start: v.start,
        end: v.end,
        severity: 'error',
      });
    if ((type === 'Int' || type === 'Double') && v.kind !== 'number') wrong('a number');
    else if (type === 'Int' && v.kind === 'number' && !/^-?\d+$/.test(v.text))
      wrong('a whole number');
    else if (type === 'Bool' && v.kind !== 'bool') wrong('true or false');
    else if (type === 'Datetime' && (v.kind !== 'string' || Number.isNaN(Date.parse(v.text))))
      wrong(`a quoted RFC 3339 time such as '${new Date(0).toISOString()}'`);
    else if (
      (type === 'Keyword' || type === 'Text' || type === 'KeywordList') &&
      v.kind !== 'string'
    )
      wrong('a quoted string');
    else if (p.attribute.name === 'ExecutionStatus' && !executionStatuses.includes(v.text)) {
      const near = executionStatuses.find((s) => s.toLowerCase() === v.text.toLowerCase());
      problems.push({
        message: `'${v.text}' is not an ExecutionStatus${near ? `: did you mean '${near}'?` : ` (${executionStatuses.join(', ')})`}`,
        start: v.start,
        end: v.end,
        severity: 'error',
      });
    }
  }
  return problems;
}
