import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { uriToPath, WorkspaceIndex } from '../../../server/src/source';
import {
  GraphParser,
  toMermaid,
  workflowGraph,
  type WorkflowGraphData,
} from '../../../server/src/source/graph';
import { sharedEngine } from './helpers';

const SAMPLES = path.resolve(__dirname, '../../../samples');
let index: WorkspaceIndex;
let parser: GraphParser;

before(async () => {
  const engine = await sharedEngine();
  index = new WorkspaceIndex(engine);
  await index.build([SAMPLES]);
  parser = await GraphParser.create();
});

function graphOf(type: string, language: 'typescript' | 'python'): WorkflowGraphData {
  const [workflow] = index.findWorkflow(type, language);
  assert.ok(workflow, `${type} (${language}) is indexed`);
  const text = fs.readFileSync(uriToPath(workflow.uri)!, 'utf8');
  const graph = workflowGraph(workflow, text, parser, index);
  assert.ok(graph);
  return graph;
}

/** `kind:name` of every node, sorted. */
const nodeIds = (g: WorkflowGraphData) => g.nodes.map((n) => n.id).sort();

// What each sample workflow does, read off samples/{typescript,python}/workflows by hand.
const EXPECTED: Record<string, string[]> = {
  greeting: ['activity:composeGreeting'],
  counter: [
    'queryHandler:value',
    'signalHandler:finish',
    'signalHandler:increment',
    'updateHandler:setValue',
  ],
  longTimer: [],
  failing: [],
  continueAsNewLoop: [],
  parentWithChildren: ['childWorkflow:greeting'],
  asyncActivity: ['activity:waitForExternalCompletion'],
};

describe('workflow graph of the samples', () => {
  for (const language of ['typescript', 'python'] as const) {
    for (const [type, expected] of Object.entries(EXPECTED)) {
      test(`${language} ${type}: exactly its activities, children, timers, continue-as-new and handlers`, () => {
        const want = [...expected];
        if (type === 'longTimer')
          want.push(language === 'typescript' ? 'timer:sleep' : 'timer:asyncio.sleep');
        if (type === 'continueAsNewLoop')
          want.push(
            language === 'typescript'
              ? 'continueAsNew:continueAsNew'
              : 'continueAsNew:continue_as_new',
          );
        const graph = graphOf(type, language);
        // The Python sample registers its activities under the same camelCase names.
        assert.deepEqual(nodeIds(graph), want.sort());
      });
    }
  }

  test('python activity nodes carry the registered name, not the function symbol', () => {
    const node = graphOf('greeting', 'python').nodes[0];
    assert.equal(node.name, 'composeGreeting');
    assert.ok(node.definition && uriToPath(node.definition.uri)!.endsWith('activities.py'));
  });

  test('nodes point at the call site in the workflow and the definition of what they call', () => {
    const graph = graphOf('parentWithChildren', 'typescript');
    const child = graph.nodes.find((n) => n.kind === 'childWorkflow');
    assert.ok(child?.definition, 'the child workflow definition is found');
    assert.equal(child.definition.uri, graph.definition.uri);
    const text = fs.readFileSync(uriToPath(graph.definition.uri)!, 'utf8').split('\n');
    assert.match(text[child.sites[0].range.start.line], /executeChild\(greeting/);
    assert.match(text[child.definition.range.start.line], /function greeting/);
  });

  test('mermaid text draws the workflow, its calls and handlers', () => {
    const mermaid = toMermaid(graphOf('counter', 'python'));
    assert.match(mermaid, /^flowchart LR\n {2}wf\[\["counter"\]\]/);
    assert.match(mermaid, /n\d>"setValue"\]\n {2}n\d -- update --> wf/);
  });
});
