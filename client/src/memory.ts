// What the extension remembers per workspace (workspaceState): recent queries, the last start
// options per workflow type, last payloads per handler, task queues typed or added, the filter.
import type * as vscode from 'vscode';
import { pushRecent } from './views/treeModel';
import { emptyFilter, type WorkflowFilter } from './views/workflowsModel';

export interface StartMemory {
  taskQueue?: string;
  input?: string;
}

const keys = {
  recentQueries: 'temporal.recentQueries',
  starts: 'temporal.lastStarts',
  inputs: 'temporal.lastInputs',
  usedQueues: 'temporal.usedTaskQueues',
  addedQueues: 'temporal.addedTaskQueues',
  filter: 'temporal.workflowFilter',
};

export class WorkspaceMemory {
  /** Task queues seen in executions the server listed (not persisted: the server is the source). */
  serverTaskQueues: string[] = [];

  constructor(private readonly state: vscode.Memento) {}

  recentQueries(): string[] {
    return this.state.get<string[]>(keys.recentQueries, []);
  }

  async addRecentQuery(query: string): Promise<void> {
    await this.state.update(keys.recentQueries, pushRecent(this.recentQueries(), query));
  }

  lastStart(workflowType: string): StartMemory {
    return this.state.get<Record<string, StartMemory>>(keys.starts, {})[workflowType] ?? {};
  }

  async rememberStart(workflowType: string, start: StartMemory): Promise<void> {
    // Re-inserted so key order is recency (startedTypes reads it backwards).
    const { [workflowType]: _previous, ...others } = this.state.get<Record<string, StartMemory>>(
      keys.starts,
      {},
    );
    await this.state.update(keys.starts, { ...others, [workflowType]: start });
    if (start.taskQueue)
      await this.state.update(
        keys.usedQueues,
        pushRecent(this.usedTaskQueues(), start.taskQueue, 30),
      );
  }

  /** Types started from here before, most recent first. */
  startedTypes(): string[] {
    return Object.keys(this.state.get<Record<string, StartMemory>>(keys.starts, {})).reverse();
  }

  lastInput(key: string): string | undefined {
    return this.state.get<Record<string, string>>(keys.inputs, {})[key];
  }

  async rememberInput(key: string, text: string): Promise<void> {
    const all = this.state.get<Record<string, string>>(keys.inputs, {});
    await this.state.update(keys.inputs, { ...all, [key]: text });
  }

  usedTaskQueues(): string[] {
    return this.state.get<string[]>(keys.usedQueues, []);
  }

  addedTaskQueues(): string[] {
    return this.state.get<string[]>(keys.addedQueues, []);
  }

  async addTaskQueue(name: string): Promise<void> {
    await this.state.update(keys.addedQueues, pushRecent(this.addedTaskQueues(), name, 100));
  }

  async removeTaskQueue(name: string): Promise<void> {
    await this.state.update(
      keys.addedQueues,
      this.addedTaskQueues().filter((q) => q !== name),
    );
    await this.state.update(
      keys.usedQueues,
      this.usedTaskQueues().filter((q) => q !== name),
    );
  }

  filter(): WorkflowFilter {
    return { ...emptyFilter, ...this.state.get<WorkflowFilter>(keys.filter, emptyFilter) };
  }

  async setFilter(filter: WorkflowFilter): Promise<void> {
    await this.state.update(keys.filter, filter);
  }
}
