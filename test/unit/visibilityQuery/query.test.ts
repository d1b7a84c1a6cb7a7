import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  catalogFrom,
  checkVisibilityQuery,
  completeVisibilityQuery,
  defaultCatalog,
  parseVisibilityQuery,
  predicates,
} from '../../../server/src/visibilityQuery';

const server = catalogFrom({
  system: { WorkflowType: 'Keyword', ExecutionStatus: 'Keyword', StartTime: 'Datetime' },
  custom: {
    CustomerId: 'Keyword',
    Priority: 'Int',
    Vip: 'Bool',
    Tags: 'KeywordList',
    Notes: 'Text',
  },
});
const problems = (q: string, catalog = server) =>
  checkVisibilityQuery(q, catalog).problems.map(
    (p) => `${p.severity}@${p.start}-${p.end}: ${p.message}`,
  );

describe('visibility query parser', () => {
  test('accepts every construct of the List filter language', () => {
    const queries = [
      "WorkflowType = 'greeting'",
      "ExecutionStatus != 'Running' AND StartTime > '2025-01-01T00:00:00Z'",
      'Priority >= 1 AND Priority <= 5 OR Priority < 0',
      "WorkflowType IN ('a', 'b') AND WorkflowType NOT IN ('c')",
      "StartTime BETWEEN '2025-01-01T00:00:00Z' AND '2025-02-01T00:00:00Z'",
      "CustomerId STARTS_WITH 'acme-'",
      'CustomerId IS NULL OR CustomerId IS NOT NULL',
      "NOT (WorkflowType = 'a' OR (Vip = true))",
      "WorkflowType = 'a' ORDER BY StartTime DESC, Priority",
      'ORDER BY StartTime',
      '`CustomerId` = "x"',
      'Priority <> 3',
      '',
    ];
    for (const q of queries) assert.deepEqual(problems(q), [], q);
  });

  test('syntax errors point at the offending text with a specific message', () => {
    assert.deepEqual(problems("WorkflowType = 'a' AND"), [
      'error@22-23: Expected a search attribute name but found the end of the query',
    ]);
    assert.deepEqual(problems('WorkflowType = greeting'), [
      "error@15-23: Expected a value after = but found the name greeting: quote strings and datetimes ('greeting')",
    ]);
    assert.deepEqual(problems("WorkflowType = 'a"), [
      "error@15-17: Unterminated string: add the closing '",
    ]);
    assert.deepEqual(problems("(WorkflowType = 'a'"), [
      "error@19-20: Expected ')' to close the '(' at offset 0 but found the end of the query",
    ]);
    assert.deepEqual(problems("WorkflowType LIKE 'a%'"), [
      'error@13-17: LIKE is not supported by Temporal visibility: use STARTS_WITH',
    ]);
    assert.deepEqual(problems("StartTime BETWEEN '2025-01-01T00:00:00Z' '2025-02-01T00:00:00Z'"), [
      "error@41-63: Expected AND between the two BETWEEN values but found the string '2025-02-01T00:00:00Z'",
    ]);
  });

  test('unknown attributes are errors against the server list, warnings without it', () => {
    assert.deepEqual(problems("Customer = 'x'"), [
      'error@0-8: Unknown search attribute Customer: it is not a search attribute of this namespace',
    ]);
    assert.deepEqual(problems("workflowtype = 'x'"), [
      'error@0-12: Unknown search attribute workflowtype: did you mean WorkflowType?',
    ]);
    assert.deepEqual(problems("CustomerId = 'x'", defaultCatalog()), [
      'warning@0-10: Unknown search attribute CustomerId (connect to check custom attributes)',
    ]);
  });

  test('operators and values are checked against the attribute type', () => {
    assert.match(
      problems("Notes STARTS_WITH 'a'")[0],
      /^error@6-17: STARTS_WITH does not apply to Notes \(Text\)/,
    );
    assert.deepEqual(problems("Priority = 'high'"), [
      'error@11-17: Priority is Int: expected a number',
    ]);
    assert.deepEqual(problems("StartTime > 'yesterday'"), [
      "error@12-23: StartTime is Datetime: expected a quoted RFC 3339 time such as '1970-01-01T00:00:00.000Z'",
    ]);
    assert.deepEqual(problems("ExecutionStatus = 'running'"), [
      "error@18-27: 'running' is not an ExecutionStatus: did you mean 'Running'?",
    ]);
    assert.deepEqual(problems('Vip = 1'), ['error@6-7: Vip is Bool: expected true or false']);
  });

  test('the tree keeps each predicate with its operator and values', () => {
    const parsed = parseVisibilityQuery("A = 'x' AND NOT (B IN (1, 2) OR C IS NULL)");
    assert.deepEqual(
      predicates(parsed.where).map(
        (p) => `${p.attribute.name} ${p.operator} ${p.values.map((v) => v.text).join(',')}`,
      ),
      ['A = x', 'B IN 1,2', 'C IS NULL '],
    );
  });
});

describe('visibility query completion', () => {
  const labels = (q: string, offset = q.length) =>
    completeVisibilityQuery(q, offset, server, { WorkflowType: ['greeting'] }).items.map(
      (i) => i.label,
    );

  test('attribute names at the start and after AND/OR/NOT/(, custom ones with their type', () => {
    const items = completeVisibilityQuery('', 0, server).items;
    assert.ok(items.some((i) => i.label === 'CustomerId' && i.detail === 'Keyword (custom)'));
    assert.ok(labels("WorkflowType = 'a' AND ").includes('Priority'));
    assert.ok(labels('(Wor').includes('WorkflowType'));
    assert.equal(completeVisibilityQuery('(Wor', 4, server).replaceStart, 1);
  });

  test('operators valid for the attribute type', () => {
    assert.deepEqual(labels('Vip '), ['=', '!=', 'IS NULL', 'IS NOT NULL']);
    assert.ok(labels('CustomerId ').includes('STARTS_WITH'));
    assert.ok(!labels('Priority ').includes('STARTS_WITH'));
  });

  test('ExecutionStatus values, quoted datetimes, known workflow types, keywords after a predicate', () => {
    assert.deepEqual(labels('ExecutionStatus = ').slice(0, 2), ["'Running'", "'Completed'"]);
    assert.ok(labels("ExecutionStatus IN ('Running', ").includes("'Failed'"));
    assert.match(labels('StartTime > ')[0], /^'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'$/);
    assert.ok(labels("StartTime BETWEEN '2025-01-01T00:00:00Z' AND ").length === 3);
    assert.deepEqual(labels("WorkflowType = 'gr"), ["'greeting'"]);
    assert.equal(completeVisibilityQuery("WorkflowType = 'gr", 18, server).replaceStart, 15);
    assert.deepEqual(labels("WorkflowType = 'a' "), ['AND', 'OR', 'ORDER BY']);
  });
});
