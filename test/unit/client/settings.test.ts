// package.json's contributes.configuration must say what shared/src/settings.ts types: the same
// setting names, JSON types, defaults and scopes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  defaultClientSettings,
  defaultSettings,
  settingScopes,
  computedSettings,
} from '../../../shared/src/settings';

const manifest = JSON.parse(
  readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'),
) as {
  contributes: {
    configuration: {
      properties: Record<string, { type: string; default: unknown; scope?: string }>;
    };
  };
};
const contributed = manifest.contributes.configuration.properties;
const typed: Record<string, unknown> = Object.fromEntries(
  Object.entries({ ...defaultSettings, ...defaultClientSettings }).filter(
    ([k]) => !(computedSettings as readonly string[]).includes(k),
  ),
);

const jsonType = (v: unknown) =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : (typeof v as string);

test('package.json contributes exactly the settings shared/src/settings.ts types', () => {
  assert.deepEqual(
    Object.keys(contributed).sort(),
    Object.keys(typed)
      .map((k) => `temporal.${k}`)
      .sort(),
  );
  assert.deepEqual(Object.keys(settingScopes).sort(), Object.keys(typed).sort());
});

test('each contributed setting has the typed JSON type, default and scope', () => {
  for (const [key, value] of Object.entries(typed)) {
    const c = contributed[`temporal.${key}`];
    assert.ok(c, `temporal.${key} is contributed`);
    assert.equal(c.type, jsonType(value), `temporal.${key} type`);
    assert.deepEqual(c.default, value, `temporal.${key} default`);
    assert.equal(
      c.scope,
      settingScopes[key as keyof typeof settingScopes],
      `temporal.${key} scope`,
    );
  }
});
