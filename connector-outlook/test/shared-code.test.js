// lib/shared/ is the same code in both add-ins (each must ship whole, so each carries a copy):
// this test fails when one copy is changed without the other.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OURS = join(HERE, '..', 'addin', 'lib', 'shared');
const THUNDERBIRD = join(HERE, '..', '..', 'connector-thunderbird', 'extension', 'lib', 'shared');

test('lib/shared is identical in connector-outlook and connector-thunderbird', { skip: !existsSync(THUNDERBIRD) && 'no connector-thunderbird beside this module' }, () => {
  const ours = readdirSync(OURS).sort();
  assert.deepEqual(ours, readdirSync(THUNDERBIRD).sort());
  for (const file of ours) {
    assert.equal(readFileSync(join(OURS, file), 'utf8'), readFileSync(join(THUNDERBIRD, file), 'utf8'), `${file} differs`);
  }
});
