import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { uriToPath, type SourceEngine } from './engine';
import { DiagnosticCodes, diagnostic } from './diagnostics';
import type {
  ActivityDefinition,
  HandlerDefinition,
  SourceDiagnostic,
  SourceLanguage,
  SourceRecords,
  WorkerRegistration,
  WorkflowDefinition,
} from './types';

/** Something that can be cancelled, like an LSP CancellationToken. */
export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

export interface IndexProgress {
  /** Files analysed so far. */
  done: number;
  /** Files found to analyse. */
  total: number;
  /** Path of the file just analysed. */
  file?: string;
}

export interface IndexBuildOptions {
  onProgress?: (progress: IndexProgress) => void;
  token?: CancellationFlag;
  /** Files larger than this are skipped. Default 2 MiB. */
  maxFileBytes?: number;
  /** Stop collecting after this many files. Default 20000. */
  maxFiles?: number;
}

export interface IndexBuildResult {
  files: number;
  skipped: number;
  cancelled: boolean;
  durationMs: number;
}

interface Located {
  uri: string;
  language: SourceLanguage;
}

/** A workflow definition as the workspace sees it (names resolved across files). */
export interface WorkflowEntry extends WorkflowDefinition, Located {
  /** Task queues of workers that register this workflow type. */
  taskQueues: string[];
}

export interface HandlerEntry extends HandlerDefinition, Located {}
export interface ActivityEntry extends ActivityDefinition, Located {}

export interface WorkerEntry extends WorkerRegistration, Located {
  /** Task queue after resolving constants across files, when known. */
  resolvedTaskQueue?: string;
  /** Workflow types this worker registers, resolved across files. */
  workflowTypes: string[];
}

/** A .gitignore and the folder its patterns are relative to. */
interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/** Directories never worth indexing, even without a .gitignore saying so. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'venv',
  '__pycache__',
  'target',
  'build',
  'dist',
  'out',
  'bin',
  'obj',
  'vendor',
  'site-packages',
]);

const EXTENSIONS_STRIPPED = /\.(d\.)?([cm]?[jt]sx?)$/;

/**
 * What a workflow bundle takes from one module: everything it exports (`export *`), or some
 * of its exported names, each under the names the bundle's entry module exports it as.
 */
type BundleSelection = 'all' | Map<string, string[]>;

function mergeSelection(a: BundleSelection | undefined, b: BundleSelection): BundleSelection {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, [...new Set([...(out.get(k) ?? []), ...v])]);
  return out;
}

const sameSelection = (a: BundleSelection, b: BundleSelection) =>
  a === b || (a !== 'all' && b !== 'all' && JSON.stringify([...a]) === JSON.stringify([...b]));
const modulePathOf = (uri: string) => uriToPath(uri)?.replace(EXTENSIONS_STRIPPED, '');

interface Resolved {
  workflows: WorkflowEntry[];
  handlers: HandlerEntry[];
  activities: ActivityEntry[];
  workers: WorkerEntry[];
  /** Workspace-level diagnostics (unregistered workflows) per uri. */
  diagnostics: Map<string, SourceDiagnostic[]>;
}

/**
 * Records of every analysed file of a workspace, with queries that resolve names across files
 * (Go/Rust registration names, Java impl classes, TypeScript workflowsPath, shared constants).
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, SourceRecords>();
  private resolved: Resolved | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly engine: SourceEngine) {}

  /** Walks `roots`, analysing every supported file; yields to the event loop as it goes. */
  async build(
    roots: string | readonly string[],
    options: IndexBuildOptions = {},
  ): Promise<IndexBuildResult> {
    const started = performance.now();
    const maxBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
    const maxFiles = options.maxFiles ?? 20000;
    const token = options.token;
    const candidates: string[] = [];
    const rootList = typeof roots === 'string' ? [roots] : roots;
    for (const root of rootList) {
      await this.collect(root, candidates, maxFiles, token);
    }
    // Rebuilding forgets files under the roots that are gone (or now skipped).
    if (!token?.isCancellationRequested) {
      const found = new Set(candidates.map((c) => pathToFileURL(c).href));
      for (const uri of [...this.files.keys()]) {
        const p = uriToPath(uri);
        const underRoot =
          p &&
          rootList.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
        if (underRoot && !found.has(uri)) this.files.delete(uri);
      }
      this.resolved = undefined;
    }
    let done = 0;
    let skipped = 0;
    let lastYield = performance.now();
    options.onProgress?.({ done, total: candidates.length });
    // Reads run a few files ahead: one read is several thread-pool round trips (open, stat,
    // read, close), each waiting for an event-loop turn, and one after the other they left the
    // thread idle 7% of a 1,000-file index (profiled); in flight together they overlap.
    const reads: Promise<string | undefined>[] = [];
    const readAhead = (upTo: number) => {
      while (reads.length < Math.min(upTo, candidates.length)) {
        reads.push(readSource(candidates[reads.length], maxBytes));
      }
    };
    for (let i = 0; i < candidates.length; i++) {
      const file = candidates[i];
      if (token?.isCancellationRequested) {
        this.changed();
        return { files: done, skipped, cancelled: true, durationMs: performance.now() - started };
      }
      readAhead(i + READ_AHEAD);
      const text = await reads[i];
      delete reads[i];
      const analysed = text === undefined ? undefined : await this.analyzeText(file, text, false);
      if (analysed) done++;
      else skipped++;
      options.onProgress?.({ done: done + skipped, total: candidates.length, file });
      // Give other work (LSP requests) a turn every few milliseconds.
      if (performance.now() - lastYield > 8) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    this.changed();
    return { files: done, skipped, cancelled: false, durationMs: performance.now() - started };
  }

  private async collect(
    dir: string,
    out: string[],
    maxFiles: number,
    token?: CancellationFlag,
    scopes: readonly IgnoreScope[] = [],
  ): Promise<void> {
    if (out.length >= maxFiles || token?.isCancellationRequested) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // A virtual environment is any folder holding pyvenv.cfg, whatever its name.
    if (entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg')) return;
    // The folder's .gitignore applies below it, with the ones of the folders above (git's rules).
    if (entries.some((e) => e.isFile() && e.name === '.gitignore')) {
      const text = await fs.readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => '');
      scopes = [...scopes, { base: dir, rules: ignore().add(text) }];
    }
    const ignored = (full: string, directory: boolean) =>
      scopes.some(({ base, rules }) => {
        const relative = path.relative(base, full).split(path.sep).join('/');
        return relative !== '' && rules.ignores(directory ? `${relative}/` : relative);
      });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || SKIPPED_DIRECTORIES.has(e.name) || ignored(full, true))
          continue;
        await this.collect(full, out, maxFiles, token, scopes);
      } else if (e.isFile() && this.engine.languageForPath(full) && !ignored(full, false)) {
        out.push(full);
      }
    }
  }

  /** Reads and analyses one file; returns its records (undefined when skipped). */
  async analyzeFile(
    filePath: string,
    maxBytes = 2 * 1024 * 1024,
    notify = true,
  ): Promise<SourceRecords | undefined> {
    if (!this.engine.languageForPath(filePath)) return undefined;
    const text = await readSource(filePath, maxBytes);
    return text === undefined ? undefined : this.analyzeText(filePath, text, notify);
  }

  /** Analyses one file's text; returns its records (undefined when skipped). */
  private async analyzeText(
    filePath: string,
    text: string,
    notify: boolean,
  ): Promise<SourceRecords | undefined> {
    const language = this.engine.languageForPath(filePath);
    if (!language) return undefined;
    // Grammars load on first use: a workspace without C# never pays for the C# grammar.
    await this.engine.ensureLanguage(language);
    const uri = pathToFileURL(filePath).href;
    const records = this.engine.analyzeOnce(uri, language, text);
    if (!records) return undefined;
    this.files.set(uri, records);
    this.resolved = undefined;
    if (notify) this.changed();
    return records;
  }

  /** Stores fresh records for a document (for example after an edit), or forgets it. */
  updateFile(uri: string, records: SourceRecords | undefined): void {
    if (records) this.files.set(uri, records);
    else this.files.delete(uri);
    this.resolved = undefined;
    this.changed();
  }

  removeFile(uri: string): void {
    this.updateFile(uri, undefined);
  }

  /** Forgets every file under `folder` (a path or file uri). */
  removeFolder(folder: string): void {
    const root = uriToPath(folder) ?? folder;
    for (const uri of [...this.files.keys()]) {
      const p = uriToPath(uri);
      if (p && (p === root || p.startsWith(root + path.sep))) this.files.delete(uri);
    }
    this.resolved = undefined;
    this.changed();
  }

  clear(): void {
    this.files.clear();
    this.resolved = undefined;
    this.changed();
  }

  /** Called after the index changed (build finished, file updated or removed). */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  get fileCount(): number {
    return this.files.size;
  }

  uris(): string[] {
    return [...this.files.keys()].sort();
  }

  records(uri: string): SourceRecords | undefined {
    return this.files.get(uri);
  }

  /** Every workflow definition, names resolved, sorted by name. */
  workflowTypes(): WorkflowEntry[] {
    return this.resolve().workflows;
  }

  findWorkflow(name: string, language?: SourceLanguage): WorkflowEntry[] {
    return this.resolve().workflows.filter(
      (w) => w.name === name && (!language || w.language === language),
    );
  }

  /** Workflow definitions declared in one file (names resolved). */
  workflowsIn(uri: string): WorkflowEntry[] {
    return this.resolve().workflows.filter((w) => w.uri === uri);
  }

  /** Signal/query/update handlers of a workflow type. */
  handlersOf(workflowName: string, language?: SourceLanguage): HandlerEntry[] {
    return this.resolve().handlers.filter(
      (h) => h.workflow === workflowName && (!language || h.language === language),
    );
  }

  handlersIn(uri: string): HandlerEntry[] {
    return this.resolve().handlers.filter((h) => h.uri === uri);
  }

  /** Task queues of the workers registering a workflow type. */
  taskQueuesFor(workflowName: string, language?: SourceLanguage): string[] {
    const queues = new Set<string>();
    for (const w of this.findWorkflow(workflowName, language))
      for (const q of w.taskQueues) queues.add(q);
    return [...queues].sort();
  }

  activities(): ActivityEntry[] {
    return this.resolve().activities;
  }

  workers(): WorkerEntry[] {
    return this.resolve().workers;
  }

  /** Determinism diagnostics of the file plus workspace-level ones (unregistered workflows). */
  diagnosticsFor(uri: string): SourceDiagnostic[] {
    const own = this.files.get(uri)?.diagnostics ?? [];
    return [...own, ...(this.resolve().diagnostics.get(uri) ?? [])];
  }

  /** Workspace-level diagnostics only, per uri. */
  workspaceDiagnostics(): Map<string, SourceDiagnostic[]> {
    return new Map(this.resolve().diagnostics);
  }

  // ---- cross-file resolution -------------------------------------------------------------

  private resolve(): Resolved {
    if (this.resolved) return this.resolved;
    const all = [...this.files.values()].sort((a, b) =>
      a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0,
    );

    // Constants by language: name -> distinct values.
    const constants = new Map<string, Map<string, Set<string>>>();
    for (const r of all) {
      let byName = constants.get(r.language);
      if (!byName) constants.set(r.language, (byName = new Map()));
      for (const [k, v] of Object.entries(r.constants)) {
        let set = byName.get(k);
        if (!set) byName.set(k, (set = new Set()));
        set.add(v);
      }
    }
    const constant = (language: SourceLanguage, name: string | undefined): string | undefined => {
      if (name === undefined) return undefined;
      const values = constants.get(language)?.get(name);
      return values && values.size === 1 ? [...values][0] : undefined;
    };

    // Names given at registration (Go RegisterOptions, Rust register_wf, duroxide register).
    const registeredNames = new Map<string, string[]>(); // `${language}:${runtime}:${symbol}` -> names
    const dynamicSymbols = new Set<string>(); // `${language}:${runtime}:${symbol}`
    for (const r of all) {
      for (const w of r.workers) {
        for (const ref of w.workflows) {
          if (ref.dynamic && ref.symbol !== undefined)
            dynamicSymbols.add(`${r.language}:${w.runtime}:${ref.symbol}`);
          const name = ref.name ?? constant(r.language, ref.nameRef);
          if (ref.symbol !== undefined && name !== undefined) {
            const key = `${r.language}:${w.runtime}:${ref.symbol}`;
            const names = registeredNames.get(key) ?? [];
            if (!names.includes(name)) registeredNames.set(key, [...names, name]);
          }
        }
      }
    }

    // TypeScript: a module's workflows are what a worker's bundle (workflowsPath) exports; when
    // every bundle is visible, other modules' exported functions are not workflows.
    const bundled = new Map<string, BundleSelection>();
    let bundlesVisible = false;
    let bundleUnknown = false;
    for (const r of all) {
      for (const w of r.workers) {
        if (w.workflowsModule === undefined) continue;
        const exports = this.bundleExports(w.workflowsModule, all);
        if (exports.size === 0) bundleUnknown = true;
        else bundlesVisible = true;
        for (const [m, s] of exports) bundled.set(m, mergeSelection(bundled.get(m), s));
      }
    }
    const bundleNames = (r: SourceRecords, w: WorkflowDefinition): string[] | undefined | null => {
      // Bundles select Temporal workflows; duroxide's Node binding registers by name instead.
      if (r.language !== 'typescript' || w.runtime !== 'temporal') return undefined;
      if (!bundlesVisible || bundleUnknown) return undefined;
      const selection = bundled.get(modulePathOf(r.uri) ?? '');
      if (selection === undefined) return null;
      return selection === 'all' ? undefined : (selection.get(w.name) ?? null);
    };

    const workflows: WorkflowEntry[] = [];
    // Resolved names by `${language}:${symbol}` and by `${language}:${symbol}:${name in the file}`:
    // one function may be registered under several names.
    const renamed = new Map<string, string[]>();
    const rename = (key: string, name: string) =>
      renamed.set(key, [...(renamed.get(key) ?? []), name]);
    for (const r of all) {
      for (const w of r.workflows) {
        const base: WorkflowEntry = { ...w, uri: r.uri, language: r.language, taskQueues: [] };
        const key = `${r.language}:${w.runtime}:${w.symbol}`;
        if (dynamicSymbols.has(key)) base.dynamic = true;
        const value = constant(r.language, w.nameRef);
        if (value !== undefined) {
          base.name = value;
          delete base.nameRef;
        }
        // A name derived from the symbol gives way to the names given at registration.
        const exportedAs = bundleNames(r, w);
        if (exportedAs === null) continue;
        const registered =
          exportedAs ?? (w.nameSource === 'symbol' ? registeredNames.get(key) : undefined);
        const entries = (registered ?? [undefined]).map((name) =>
          name === undefined
            ? base
            : { ...base, name, nameSource: 'registration' as const, taskQueues: [] },
        );
        for (const entry of entries) {
          rename(`${r.language}:${w.symbol}`, entry.name);
          rename(`${r.language}:${w.symbol}:${w.name}`, entry.name);
          workflows.push(entry);
        }
      }
    }
    const ownersOf = (language: SourceLanguage, symbol: string, workflow: string | undefined) =>
      (workflow !== undefined ? renamed.get(`${language}:${symbol}:${workflow}`) : undefined) ??
      renamed.get(`${language}:${symbol}`);

    // Handlers: resolve constant names, renamed owners, and cross-file handler references.
    const handlers: HandlerEntry[] = [];
    for (const r of all) {
      for (const h of r.handlers) {
        const entry: HandlerEntry = { ...h, uri: r.uri, language: r.language };
        if (h.nameRef !== undefined) {
          const value = constant(r.language, h.nameRef);
          if (value !== undefined) {
            entry.name = value;
            delete entry.nameRef;
          }
        }
        const owners =
          h.workflowSymbol !== undefined
            ? ownersOf(r.language, h.workflowSymbol, h.workflow)
            : undefined;
        if (owners === undefined) handlers.push(entry);
        else for (const workflow of owners) handlers.push({ ...entry, workflow });
      }
    }
    // Handlers declared on a supertype in another file belong to the workflows extending it.
    const supertypes = new Map<string, Set<string>>(); // `${language}:${symbol}` -> direct supertypes
    for (const r of all) {
      for (const i of r.implementations) {
        const key = `${r.language}:${i.symbol}`;
        const set = supertypes.get(key) ?? new Set<string>();
        for (const s of i.interfaces) set.add(s);
        supertypes.set(key, set);
      }
    }
    const extendsType = (language: SourceLanguage, symbol: string, base: string): boolean => {
      const seen = new Set<string>();
      const queue = [symbol];
      while (queue.length > 0) {
        const s = queue.shift()!;
        if (seen.has(s)) continue;
        seen.add(s);
        for (const next of supertypes.get(`${language}:${s}`) ?? []) {
          if (next === base) return true;
          queue.push(next);
        }
      }
      return false;
    };
    for (const h of [...handlers]) {
      if (h.workflow !== undefined || h.workflowSymbol === undefined) continue;
      for (const w of workflows) {
        if (w.language !== h.language || !extendsType(w.language, w.symbol, h.workflowSymbol))
          continue;
        handlers.push({ ...h, workflow: w.name });
      }
    }
    for (const r of all) {
      for (const ref of r.handlerRefs) {
        const declaration = this.findDeclaration(all, r.language, ref.symbol, ref.module);
        if (!declaration) continue;
        handlers.push({
          kind: declaration.kind,
          name: declaration.name,
          nameSource: declaration.nameSource,
          symbol: ref.symbol,
          workflow: ownersOf(r.language, ref.workflowSymbol, undefined)?.[0] ?? ref.workflow,
          workflowSymbol: ref.workflowSymbol,
          range: ref.range,
          nameRange: ref.nameRange,
          parameters: ref.parameters,
          runtime: ref.runtime,
          uri: r.uri,
          language: r.language,
        });
      }
    }

    // Workers: which workflow types each registers, and on which queue.
    const workers: WorkerEntry[] = [];
    const registered = new Set<WorkflowEntry>();
    const incomplete = new Set<string>(); // `${language}:${runtime}` with registrations we cannot see through
    const hasWorkers = new Set<string>();
    for (const r of all) {
      for (const w of r.workers) {
        const key = `${r.language}:${w.runtime}`;
        hasWorkers.add(key);
        if (!w.complete) incomplete.add(key);
        const queue = w.taskQueue ?? constant(r.language, w.taskQueueRef);
        const covered = this.registeredBy(w, r, workflows, all);
        if (covered === undefined) incomplete.add(key);
        const types = new Set<string>();
        for (const wf of covered ?? []) {
          registered.add(wf);
          types.add(wf.name);
          if (queue !== undefined && !wf.taskQueues.includes(queue)) wf.taskQueues.push(queue);
        }
        for (const ref of w.workflows) {
          const name = ref.name ?? constant(r.language, ref.nameRef);
          if (name !== undefined) types.add(name);
        }
        const entry: WorkerEntry = {
          ...w,
          uri: r.uri,
          language: r.language,
          workflowTypes: [...types].sort(),
        };
        if (queue !== undefined) entry.resolvedTaskQueue = queue;
        workers.push(entry);
      }
    }
    // A registered class also registers the workflow interfaces it implements (C#, Java).
    for (const w of [...registered]) {
      for (const other of workflows) {
        if (
          other.language !== w.language ||
          registered.has(other) ||
          !extendsType(w.language, w.symbol, other.symbol)
        )
          continue;
        registered.add(other);
        for (const q of w.taskQueues) if (!other.taskQueues.includes(q)) other.taskQueues.push(q);
      }
    }
    for (const w of workflows) w.taskQueues.sort();

    // Unregistered workflows, only where every registration of that language is visible.
    const diagnostics = new Map<string, SourceDiagnostic[]>();
    for (const w of workflows) {
      const key = `${w.language}:${w.runtime}`;
      if (!hasWorkers.has(key) || incomplete.has(key) || registered.has(w)) continue;
      const list = diagnostics.get(w.uri) ?? [];
      list.push(
        diagnostic(
          w.nameRange,
          DiagnosticCodes.unregistered,
          `Workflow type '${w.name}' is not registered with any worker in this workspace.`,
          { workflow: w.name },
        ),
      );
      diagnostics.set(w.uri, list);
    }

    const byName = <T extends { name: string; uri: string; range: { start: { line: number } } }>(
      a: T,
      b: T,
    ) =>
      a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : a.uri < b.uri
            ? -1
            : a.uri > b.uri
              ? 1
              : a.range.start.line - b.range.start.line;
    const activities: ActivityEntry[] = all.flatMap((r) =>
      r.activities.map((a) => ({ ...a, uri: r.uri, language: r.language })),
    );
    this.resolved = {
      workflows: workflows.sort(byName),
      handlers,
      activities: activities.sort(byName),
      workers,
      diagnostics,
    };
    return this.resolved;
  }

  /** Workflow entries a worker registers; undefined when that cannot be known statically. */
  private registeredBy(
    w: WorkerRegistration,
    r: SourceRecords,
    workflows: WorkflowEntry[],
    all: SourceRecords[],
  ): WorkflowEntry[] | undefined {
    const sameLanguage = workflows.filter(
      (x) => x.language === r.language && x.runtime === w.runtime,
    );
    if (w.registersAll) return sameLanguage;
    const out = new Set<WorkflowEntry>();
    let known = true;
    for (const ref of w.workflows) {
      if (ref.symbol === undefined) {
        // Registered by name only (an inline duroxide closure, for example).
        const name = ref.name;
        if (name === undefined && ref.nameRef === undefined) known = false;
        if (name !== undefined)
          for (const m of sameLanguage.filter((x) => x.name === name)) out.add(m);
        continue;
      }
      let matches = sameLanguage.filter((x) => x.symbol === ref.symbol);
      if (matches.length === 0) {
        // Java/C#: an implementation class registered for a workflow interface.
        const interfaces = all
          .filter((x) => x.language === r.language)
          .flatMap((x) =>
            x.implementations.filter((i) => i.symbol === ref.symbol).flatMap((i) => i.interfaces),
          );
        matches = sameLanguage.filter((x) => interfaces.includes(x.symbol));
      }
      if (matches.length === 0 && ref.name !== undefined)
        matches = sameLanguage.filter((x) => x.name === ref.name);
      for (const m of matches) out.add(m);
    }
    if (w.workflowsModule !== undefined) {
      const modules = this.bundleExports(w.workflowsModule, all);
      if (modules.size === 0) known = false;
      for (const x of sameLanguage) {
        const p = uriToPath(x.uri);
        if (p && modules.has(p.replace(EXTENSIONS_STRIPPED, ''))) out.add(x);
      }
    }
    return known ? [...out] : undefined;
  }

  /** Modules (paths without extension) a bundle entry module takes workflows from, and which. */
  private bundleExports(module: string, all: SourceRecords[]): Map<string, BundleSelection> {
    const byModule = new Map<string, SourceRecords>();
    for (const r of all) {
      const m = r.language === 'typescript' ? modulePathOf(r.uri) : undefined;
      if (m !== undefined) byModule.set(m, r);
    }
    const out = new Map<string, BundleSelection>();
    const queue: [string, BundleSelection][] = [[module, 'all']];
    for (let steps = 0; queue.length > 0 && steps < 5000; steps++) {
      const [m, selection] = queue.shift()!;
      const record = byModule.get(m) ?? byModule.get(path.join(m, 'index'));
      if (!record) continue;
      const key = modulePathOf(record.uri)!;
      const previous = out.get(key);
      const merged = mergeSelection(previous, selection);
      if (previous !== undefined && sameSelection(previous, merged)) continue;
      out.set(key, merged);
      for (const child of record.reexports) queue.push([child, selection]);
      for (const n of record.reexportNames ?? []) {
        const names = selection === 'all' ? [n.exported] : selection.get(n.exported);
        if (names) queue.push([n.module, new Map([[n.local, names]])]);
      }
    }
    return out;
  }

  /** Handler declaration (define* result) a cross-file reference points at. */
  private findDeclaration(
    all: SourceRecords[],
    language: SourceLanguage,
    symbol: string,
    module: string | undefined,
  ): HandlerDefinition | undefined {
    for (const r of all) {
      if (r.language !== language) continue;
      if (module !== undefined) {
        const p = uriToPath(r.uri)?.replace(EXTENSIONS_STRIPPED, '');
        if (p !== module && p !== path.join(module, 'index')) continue;
      }
      const found = r.handlers.find((h) => h.symbol === symbol && h.workflow === undefined);
      if (found) return found;
    }
    return undefined;
  }
}

/** Files the index reads ahead of the one it analyses. */
const READ_AHEAD = 8;

/** A file's text; undefined when it is not a regular file, is over `maxBytes` or cannot be read. */
async function readSource(filePath: string, maxBytes: number): Promise<string | undefined> {
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return await fs.readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
