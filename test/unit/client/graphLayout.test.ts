import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layoutGraph, neighbour } from '../../../client/src/webviews/ui/graph/layout';
import type { WorkflowGraph, WorkflowGraphNode } from '../../../shared/src/protocol';

const at = (line: number) => [
  { uri: 'file:///w.ts', range: { start: { line, character: 0 }, end: { line, character: 1 } } },
];
const node = (kind: WorkflowGraphNode['kind'], name: string, line: number): WorkflowGraphNode => ({
  id: `${kind}:${name}`,
  kind,
  name,
  sites: at(line),
});
const graph: WorkflowGraph = {
  workflowType: 'executionTour',
  language: 'typescript',
  definition: at(1)[0],
  mermaid: '',
  // Calls listed out of source order; handlers first in the list.
  nodes: [
    node('updateHandler', 'setNote', 3),
    node('childWorkflow', 'greeting', 30),
    node('signalHandler', 'proceed', 4),
    node('activity', 'flakyStep', 10),
    node('timer', 'sleep', 20),
  ],
};

describe('workflow graph layout', () => {
  const layout = layoutGraph(graph);

  test('handlers left, the workflow in the middle, calls right in source order', () => {
    assert.deepEqual(layout.columns, [
      ['updateHandler:setNote', 'signalHandler:proceed'],
      ['wf'],
      ['activity:flakyStep', 'timer:sleep', 'childWorkflow:greeting'],
    ]);
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    assert.ok(x('updateHandler:setNote') < x('wf') && x('wf') < x('activity:flakyStep'));
  });

  test('one edge per node: handlers into the workflow, the workflow out to each call', () => {
    assert.equal(layout.edges.length, 5);
    assert.ok(layout.edges.filter((e) => e.to.id === 'wf').every((e) => e.from.column === 0));
    assert.deepEqual(layout.edges.find((e) => e.to.id === 'timer:sleep')?.label, 'timer');
  });

  test('nodes do not overlap and fit the canvas', () => {
    for (const a of layout.nodes) {
      assert.ok(
        a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height,
        a.id,
      );
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} overlaps ${b.id}`);
      }
    }
  });

  test('arrow keys: Right from the workflow to the call level with it, Up/Down along a column, Left back', () => {
    assert.equal(neighbour(layout, 'wf', 'ArrowRight'), 'timer:sleep');
    assert.equal(neighbour(layout, 'timer:sleep', 'ArrowUp'), 'activity:flakyStep');
    assert.equal(neighbour(layout, 'activity:flakyStep', 'ArrowUp'), undefined);
    assert.equal(neighbour(layout, 'activity:flakyStep', 'End'), 'childWorkflow:greeting');
    assert.equal(neighbour(layout, 'activity:flakyStep', 'ArrowLeft'), 'wf');
    assert.ok(
      ['updateHandler:setNote', 'signalHandler:proceed'].includes(
        neighbour(layout, 'wf', 'ArrowLeft')!,
      ),
    );
  });
});
