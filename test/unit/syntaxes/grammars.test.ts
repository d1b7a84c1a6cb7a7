// Token tests of the TextMate grammars, run by vscode-textmate with vscode-oniguruma: the engine
// and regex library VS Code itself tokenizes with. JSON embedded in .temporal files is tokenized
// by VS Code's own JSON grammar (from the code-server the e2e tests use).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from '../../support/languageServer';

const codeServer = fs
  .readdirSync(path.join(repoRoot, '.tools'))
  .find((d) => d.startsWith('code-server-'));
const grammarFiles: Record<string, string> = {
  'source.temporal': path.join(repoRoot, 'syntaxes/temporal.tmLanguage.json'),
  'source.temporal-query': path.join(repoRoot, 'syntaxes/temporal-query.tmLanguage.json'),
  'source.json': path.join(
    repoRoot,
    '.tools',
    codeServer ?? 'missing',
    'node_modules/code-server/lib/vscode/extensions/json/syntaxes/JSON.tmLanguage.json',
  ),
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
});

/** Each token as `text => innermost scope` (all scopes with `all`). */
async function tokenize(scope: string, text: string, all = false): Promise<string[][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, scope);
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens
      .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }))
      .filter((t) => t.text.trim())
      .map(
        (t) =>
          `${t.text.trim()} => ${all ? t.scopes.join(' ') : (t.scopes[t.scopes.length - 1] ?? '')}`,
      );
  });
}

describe('visibility query grammar', () => {
  test('attributes, comparison and word operators, strings, statuses, datetimes, numbers, booleans', async () => {
    const [line] = await tokenize(
      'source.temporal-query',
      "WorkflowType = 'greeting' AND ExecutionStatus != 'Running' OR StartTime >= '2025-01-01T00:00:00Z' AND `My Attr` IN (1, 2.5) AND Vip = true",
    );
    assert.deepEqual(line, [
      'WorkflowType => support.variable.attribute.system.temporal-query',
      '= => keyword.operator.comparison.temporal-query',
      "' => punctuation.definition.string.begin.temporal-query",
      'greeting => string.quoted.single.temporal-query',
      "' => punctuation.definition.string.end.temporal-query",
      'AND => keyword.operator.logical.temporal-query',
      'ExecutionStatus => support.variable.attribute.system.temporal-query',
      '!= => keyword.operator.comparison.temporal-query',
      "' => punctuation.definition.string.begin.temporal-query",
      'Running => constant.language.execution-status.temporal-query',
      "' => punctuation.definition.string.end.temporal-query",
      'OR => keyword.operator.logical.temporal-query',
      'StartTime => support.variable.attribute.system.temporal-query',
      '>= => keyword.operator.comparison.temporal-query',
      "' => punctuation.definition.string.begin.temporal-query",
      '2025-01-01T00:00:00Z => constant.other.datetime.temporal-query',
      "' => punctuation.definition.string.end.temporal-query",
      'AND => keyword.operator.logical.temporal-query',
      '` => punctuation.definition.attribute.begin.temporal-query',
      'My Attr => variable.other.attribute.temporal-query',
      '` => punctuation.definition.attribute.end.temporal-query',
      'IN => keyword.operator.word.temporal-query',
      '( => punctuation.section.parens.temporal-query',
      '1 => constant.numeric.temporal-query',
      ', => punctuation.separator.comma.temporal-query',
      '2.5 => constant.numeric.temporal-query',
      ') => punctuation.section.parens.temporal-query',
      'AND => keyword.operator.logical.temporal-query',
      'Vip => variable.other.attribute.temporal-query',
      '= => keyword.operator.comparison.temporal-query',
      'true => constant.language.boolean.temporal-query',
    ]);
  });

  test('NOT IN, BETWEEN ... AND, STARTS_WITH, IS NOT NULL and ORDER BY, case-insensitive keywords', async () => {
    const [line] = await tokenize(
      'source.temporal-query',
      'NOT (A not in (\'x\') and B between 1 AND 2) OR C starts_with "p" OR D IS NOT NULL ORDER BY StartTime DESC',
    );
    const keywords = line.filter((t) => t.includes('keyword')).map((t) => t.split(' => ')[0]);
    assert.deepEqual(keywords, [
      'NOT',
      'not',
      'in',
      'and',
      'between',
      'AND',
      'OR',
      'starts_with',
      'OR',
      'IS',
      'NOT',
      'NULL',
      'ORDER BY',
      'DESC',
    ]);
    assert.ok(line.includes('p => string.quoted.double.temporal-query'));
  });
});

describe('.temporal grammar', () => {
  const sample = [
    '# smoke test',
    'profile = dev',
    'queue = workbench-ts',
    'start1: workflow start',
    '  --type greeting --task-queue ${queue}',
    '  --input {"name": "Ada", "n": 2}',
    '  --execution-timeout 1h30m',
    "find: workflow list --query WorkflowType = 'greeting' AND RunId = '${start1.runId}'",
    'up: workflow update execute -w ${start1.workflowId}',
    '  --input {',
    '      "value": [1, true]',
    '    }',
    '  --name setValue',
  ].join('\n');

  test('comments, settings, variables, block names and operations', async () => {
    const lines = await tokenize('source.temporal', sample);
    assert.deepEqual(lines[0], [
      '# => punctuation.definition.comment.temporal',
      'smoke test => comment.line.number-sign.temporal',
    ]);
    assert.deepEqual(lines[1], [
      'profile => keyword.other.setting.temporal',
      '= => keyword.operator.assignment.temporal',
      'dev => string.unquoted.value.temporal',
    ]);
    assert.deepEqual(lines[2][0], 'queue => variable.other.definition.temporal');
    assert.deepEqual(lines[3], [
      'start1 => entity.name.function.block.temporal',
      ': => punctuation.separator.block.temporal',
      'workflow start => keyword.control.operation.temporal',
    ]);
  });

  test('options, plain values, references and durations', async () => {
    const lines = await tokenize('source.temporal', sample);
    assert.deepEqual(lines[4], [
      '--type => variable.parameter.option.temporal',
      'greeting => string.unquoted.value.temporal',
      '--task-queue => variable.parameter.option.temporal',
      '${ => punctuation.definition.reference.begin.temporal',
      'queue => variable.other.reference.temporal',
      '} => punctuation.definition.reference.end.temporal',
    ]);
    assert.deepEqual(lines[6], [
      '--execution-timeout => variable.parameter.option.temporal',
      '1h30m => constant.numeric.duration.temporal',
    ]);
    assert.ok(lines[8].includes('workflowId => variable.other.property.temporal'));
  });

  test('JSON values are embedded JSON, on one line or several', async () => {
    const lines = await tokenize('source.temporal', sample, true);
    assert.ok(
      lines[5].some(
        (t) =>
          t.startsWith('{ => meta.embedded.block.json') &&
          t.includes('punctuation.definition.dictionary.begin.json'),
      ),
      lines[5].join('\n'),
    );
    assert.ok(lines[5].some((t) => t.startsWith('2 => ') && t.includes('constant.numeric.json')));
    assert.ok(
      lines[10].some(
        (t) =>
          t.startsWith('true => ') &&
          t.includes('meta.embedded.block.json') &&
          t.includes('constant.language.json'),
      ),
      lines[10].join('\n'),
    );
    // The option after a multi-line JSON value is an option again.
    assert.equal(lines[12][0], '--name => variable.parameter.option.temporal');
  });

  test('--query values are embedded visibility queries, references included', async () => {
    const lines = await tokenize('source.temporal', sample, true);
    const q = lines[7];
    assert.ok(
      q.includes(
        'WorkflowType => meta.embedded.line.temporal-query support.variable.attribute.system.temporal-query',
      ),
      q.join('\n'),
    );
    assert.ok(
      q.some(
        (t) => t.startsWith('AND => ') && t.endsWith('keyword.operator.logical.temporal-query'),
      ),
    );
  });
});
