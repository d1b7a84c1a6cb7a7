// Commands of the Task Queues view: add a queue by name (e.g. one only a remote worker polls),
// forget it again.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { TaskQueueItem } from '../views/taskQueuesView';

export async function addTaskQueue(ctx: Ctx): Promise<void> {
  const name = await vscode.window.showInputBox({
    title: 'Add Task Queue',
    prompt: 'Task queue name to watch in the Task Queues view',
    validateInput: (v) => (v.trim() ? undefined : 'The name cannot be empty'),
  });
  if (!name) return;
  await ctx.memory.addTaskQueue(name.trim());
  ctx.views.taskQueues.refresh();
}

export async function removeTaskQueue(ctx: Ctx, item?: unknown): Promise<void> {
  if (!(item instanceof TaskQueueItem)) return;
  await ctx.memory.removeTaskQueue(item.name);
  ctx.views.taskQueues.refresh();
}
