// Outline and symbol search built from the workspace index of the fixtures.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import {
  documentSymbols,
  matchesQuery,
  workspaceSymbols,
} from '../../../server/src/features/symbols';
import { WorkspaceIndex } from '../../../server/src/source';
import { FIXTURES, sharedEngine } from '../source/helpers';

const uriOf = (relative: string) => pathToFileURL(path.join(FIXTURES, relative)).href;
const KIND: Record<number, string> = Object.fromEntries(
  Object.entries(SymbolKind).map(([k, v]) => [v, k]),
);
const outline = (symbols: DocumentSymbol[]): string[] =>
  symbols.flatMap((s) => [
    `${KIND[s.kind]} ${s.name}`,
    ...outline(s.children ?? []).map((c) => `  ${c}`),
  ]);

describe('document and workspace symbols', () => {
  let index: WorkspaceIndex;
  before(async () => {
    index = new WorkspaceIndex(await sharedEngine());
    await index.build(path.join(FIXTURES, 'go'));
  });

  test('a workflow file lists each workflow with its handlers nested, then its activities', () => {
    const symbols = outline(documentSymbols(uriOf('go/workflows.go'), index));
    assert.deepEqual(symbols.slice(0, 5), [
      'Class OrderWorkflow',
      '  Function status',
      '  Event approve',
      '  Event cancel',
      '  Method setPriority',
    ]);
    assert.ok(symbols.includes('Class shipment'), symbols.join('\n'));
  });

  test('activities and workers have symbols of their own', () => {
    const activities = outline(documentSymbols(uriOf('go/activities.go'), index));
    assert.ok(
      activities.length > 0 && activities.every((s) => s.startsWith('Function ')),
      activities.join('\n'),
    );
    assert.deepEqual(outline(documentSymbols(uriOf('go/worker/main.go'), index)), [
      'Object worker orders-go',
    ]);
  });

  test('every symbol range holds its selection range and its children (the LSP rule)', () => {
    const inside = (o: DocumentSymbol['range'], i: DocumentSymbol['range']) =>
      (o.start.line < i.start.line ||
        (o.start.line === i.start.line && o.start.character <= i.start.character)) &&
      (o.end.line > i.end.line ||
        (o.end.line === i.end.line && o.end.character >= i.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(inside(s.range, s.selectionRange), s.name);
      for (const c of s.children ?? []) {
        assert.ok(inside(s.range, c.range), `${c.name} in ${s.name}`);
        check(c);
      }
    };
    for (const uri of index.uris()) documentSymbols(uri, index).forEach(check);
  });

  test('workspace symbol search matches characters in order, ignoring case', () => {
    assert.ok(matchesQuery('OrderWorkflow', 'ordwf'));
    assert.ok(!matchesQuery('OrderWorkflow', 'flowo'));
    const found = workspaceSymbols('setprio', index).map((s) => `${s.name} (${s.containerName})`);
    assert.deepEqual(found, ['setPriority (update of OrderWorkflow)']);
    const workflows = workspaceSymbols('', index)
      .filter((s) => s.containerName === 'workflow')
      .map((s) => s.name);
    assert.deepEqual(workflows, [
      'DynamicWorkflow',
      'GreetingWorkflow',
      'OrderWorkflow',
      'shipment',
    ]);
  });
});
