import assert from 'node:assert/strict';
import { test } from 'node:test';
import { removeUnboundApiKeys } from '../../../client/src/legacyApiKeys';
import { apiKeySecretKey } from '../../../shared/src/protocol';

function store(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    get: async (k: string) => map.get(k),
    delete: async (k: string) => void map.delete(k),
  };
}

test('keys stored under a profile name alone are removed; bound keys and other names stay', async () => {
  const bound = apiKeySecretKey({ source: 'settings', name: 'prod', address: 'prod:7233' });
  const s = store({
    'temporal.apiKey.prod': 'old-key',
    'temporal.apiKey.staging': 'other-old-key',
    [bound]: 'new-key',
  });
  assert.deepEqual(await removeUnboundApiKeys(s, ['prod', 'prod', 'dev']), ['prod']);
  assert.deepEqual([...s.map.keys()].sort(), [bound, 'temporal.apiKey.staging'].sort());
});

test('a profile whose name reads like the bound-key prefix never deletes a bound key', async () => {
  const bound = apiKeySecretKey({ source: 'settings', name: 'x', address: 'a:1' });
  const name = bound.slice('temporal.apiKey.'.length);
  const s = store({ [bound]: 'new-key' });
  assert.deepEqual(await removeUnboundApiKeys(s, [name]), []);
  assert.equal(s.map.get(bound), 'new-key');
});
