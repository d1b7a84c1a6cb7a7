// Opening a duroxide store through the native client (never with our own SQL), and duroxide's
// errors as WorkbenchErrors that name the store.
import { WorkbenchError } from '../../errors';
import { displayStore, isPostgresStore, type ProfileDefinition } from '../../connection/profiles';
import { loadDuroxide, type DuroxideClient } from './binding';

/** A SQLite path as the provider wants it (`sqlite:` URL), or the PostgreSQL URL with its password. */
export function storeUrl(store: string, password: string | undefined): string {
  if (isPostgresStore(store)) {
    if (password === undefined) return store;
    const url = new URL(store);
    url.password = password;
    return url.toString();
  }
  return store.startsWith('sqlite:') ? store : `sqlite:${store}`;
}

export async function openStore(
  profile: ProfileDefinition,
  password: string | undefined,
): Promise<DuroxideClient> {
  if (!profile.store) {
    throw new WorkbenchError(
      'ProfileConfig',
      `duroxide profile '${profile.name}' has no store: set "store" to a SQLite file or a PostgreSQL URL`,
    );
  }
  if (profile.passwordInSecretStorage && password === undefined) {
    throw new WorkbenchError(
      'Unauthenticated',
      `Profile '${profile.name}' needs its PostgreSQL password: run "Temporal: Set Store Password" to store it`,
      { address: profile.address },
    );
  }
  const dx = loadDuroxide();
  const url = storeUrl(profile.store, password);
  try {
    if (isPostgresStore(profile.store))
      return dx.JsClient.fromPostgres(await dx.JsPostgresProvider.connect(url));
    return new dx.JsClient(await dx.JsSqliteProvider.open(url));
  } catch (err) {
    throw storeError(err, profile.store, `open the duroxide store`);
  }
}

/** A failure of the native client -> a WorkbenchError naming the store (never its password). */
export function storeError(err: unknown, store: string, doing: string): WorkbenchError {
  if (err instanceof WorkbenchError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const where = displayStore(store);
  // The store's own text may repeat a connection URL: never let a password through.
  const detail = raw.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]*@/gi, '$1***@');
  const data = { address: where, detail };
  if (/not found/i.test(detail))
    return new WorkbenchError('NotFound', `${detail} (store ${where})`, data);
  if (
    /connect|refused|timed out|pool|unable to open|no such file|password authentication/i.test(
      detail,
    )
  ) {
    return new WorkbenchError('Unavailable', `Could not ${doing} at ${where}: ${detail}`, data);
  }
  return new WorkbenchError('Internal', `Could not ${doing} at ${where}: ${detail}`, data);
}
