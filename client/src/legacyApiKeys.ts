// API keys stored by the first versions under the profile's name alone (`temporal.apiKey.<name>`)
// are bound to no server and never read; they are removed, so that no key outlives what it was
// for. The current keys (`temporal.apiKey.v2:` + binding) are left alone.
import { apiKeySecretPrefix } from '../../shared/src/protocol';

const legacyPrefix = 'temporal.apiKey.';

/** The part of SecretStorage this needs (a small fake in unit tests). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  delete(key: string): PromiseLike<void>;
}

/** Deletes the unbound keys of these profile names; returns the names that had one. */
export async function removeUnboundApiKeys(
  secrets: SecretStore,
  profileNames: readonly string[],
): Promise<string[]> {
  const removed: string[] = [];
  for (const name of new Set(profileNames)) {
    const key = legacyPrefix + name;
    if (key.startsWith(apiKeySecretPrefix)) continue;
    if ((await secrets.get(key)) === undefined) continue;
    await secrets.delete(key);
    removed.push(name);
  }
  return removed;
}
