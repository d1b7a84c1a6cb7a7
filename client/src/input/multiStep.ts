// Multi-step input: quick picks and input boxes that share a title with "step n/m", a Back
// button, and free text where a list cannot know every answer (task queues, workflow types).
import * as vscode from 'vscode';

export const BACK = Symbol('back');
type Back = typeof BACK;

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export class MultiStepInput {
  step = 0;
  constructor(
    private readonly title: string,
    readonly totalSteps: number,
  ) {}

  private stepTitle(): string {
    return this.totalSteps > 1 ? `${this.title} (${this.step + 1}/${this.totalSteps})` : this.title;
  }

  /**
   * A quick pick. With `custom`, typed text that matches no item becomes an item of its own
   * (first, so Enter takes it). Resolves BACK for the Back button; Esc rejects with
   * CancellationError.
   */
  pick<T>(options: {
    placeholder: string;
    items: PickItem<T>[] | Promise<PickItem<T>[]>;
    /** Items that arrive later (appended), e.g. names a slow query reports. */
    extra?: Promise<PickItem<T>[]>;
    active?: T;
    custom?: (value: string) => PickItem<T>;
  }): Promise<PickItem<T> | Back> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = this.stepTitle();
    qp.placeholder = options.placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.buttons = this.step > 0 ? [vscode.QuickInputButtons.Back] : [];
    let base: PickItem<T>[] = [];
    const show = () => {
      const typed = qp.value.trim();
      const exists = base.some((i) => i.label === typed);
      const custom = options.custom && typed && !exists ? [options.custom(typed)] : [];
      qp.items = [...custom, ...base];
      const active = base.find(
        (i) => i.value === options.active && i.kind !== vscode.QuickPickItemKind.Separator,
      );
      if (active && !custom.length) qp.activeItems = [active];
    };
    let pending = 0;
    const add = (items: PickItem<T>[] | Promise<PickItem<T>[]>, replace: boolean) => {
      pending++;
      qp.busy = true;
      void Promise.resolve(items)
        .then(
          (list) => {
            const labels = new Set(base.map((i) => `${i.label}|${i.description ?? ''}`));
            base = replace
              ? list
              : [...base, ...list.filter((i) => !labels.has(`${i.label}|${i.description ?? ''}`))];
            show();
          },
          (err: unknown) => {
            // What is there stays and the user can type; a failed main list says why.
            if (replace)
              qp.placeholder = `${options.placeholder} (${err instanceof Error ? err.message : String(err)})`;
          },
        )
        .finally(() => (qp.busy = --pending > 0));
    };
    add(options.items, true);
    const extra = options.extra;
    if (extra)
      add(
        Promise.resolve(options.items).then(() => extra),
        false,
      );
    return new Promise<PickItem<T> | Back>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void) => {
        done = true;
        fn();
        qp.dispose();
      };
      qp.onDidChangeValue(() => options.custom && show());
      qp.onDidAccept(() => {
        // While items are being replaced nothing may be active: typed text still counts.
        const typed = qp.value.trim();
        const picked =
          qp.selectedItems[0] ??
          qp.activeItems[0] ??
          base.find((i) => i.label === typed && i.kind !== vscode.QuickPickItemKind.Separator) ??
          (typed && options.custom ? options.custom(typed) : undefined);
        if (picked) finish(() => resolve(picked));
      });
      qp.onDidTriggerButton(
        (b) => b === vscode.QuickInputButtons.Back && finish(() => resolve(BACK)),
      );
      qp.onDidHide(() => !done && finish(() => reject(new vscode.CancellationError())));
      qp.show();
    });
  }

  /** An input box; resolves BACK for the Back button, rejects with CancellationError on Esc. */
  text(options: {
    prompt: string;
    value?: string;
    placeholder?: string;
    validate?: (value: string) => string | undefined;
  }): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    box.title = this.stepTitle();
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.ignoreFocusOut = true;
    box.buttons = this.step > 0 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<string | Back>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void) => {
        done = true;
        fn();
        box.dispose();
      };
      box.onDidChangeValue((v) => (box.validationMessage = options.validate?.(v)));
      box.onDidAccept(() => {
        const problem = options.validate?.(box.value);
        if (problem) box.validationMessage = problem;
        else finish(() => resolve(box.value));
      });
      box.onDidTriggerButton(
        (b) => b === vscode.QuickInputButtons.Back && finish(() => resolve(BACK)),
      );
      box.onDidHide(() => !done && finish(() => reject(new vscode.CancellationError())));
      box.show();
    });
  }

  /**
   * Runs steps in order; a step returns false to go back one step. Back on the first step
   * cancels (rejects with CancellationError).
   */
  async run(steps: ((input: MultiStepInput) => Promise<boolean>)[]): Promise<void> {
    this.step = 0;
    while (this.step < steps.length) {
      if (await steps[this.step](this)) this.step++;
      else if (this.step === 0) throw new vscode.CancellationError();
      else this.step--;
    }
  }
}

export function separator<T>(label: string): PickItem<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator, value: undefined as T };
}
