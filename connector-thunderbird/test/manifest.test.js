// Offline checks of manifest.json: what Thunderbird 128+ needs to load the add-in, and that every
// file the manifest and the pages name is in the package.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const EXTENSION = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension');
const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));

test('Manifest V3 with a gecko id and Thunderbird 128 as the minimum', () => {
  assert.equal(manifest.manifest_version, 3);
  const gecko = manifest.browser_specific_settings?.gecko;
  assert.match(gecko?.id ?? '', /^[^@\s]+@[^@\s]+$/);
  const major = Number.parseInt(gecko.strict_min_version, 10);
  assert.ok(major >= 128, `strict_min_version ${gecko.strict_min_version} must be 128 or later`);
  assert.match(manifest.version, /^\d+(\.\d+){0,3}$/);
  assert.ok(manifest.name && manifest.description);
});

test('permissions: read messages and accounts, storage; the server only on request', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['accountsRead', 'messagesRead', 'storage']);
  assert.equal(manifest.host_permissions, undefined, 'no host is granted at install time');
  assert.ok(manifest.optional_host_permissions.includes('https://*/*'));
  for (const pattern of manifest.optional_host_permissions) {
    assert.ok(pattern.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)\//.test(pattern), pattern);
  }
});

test('the popup and the options page exist', () => {
  for (const page of [manifest.message_display_action.default_popup, manifest.options_ui.page]) {
    assert.ok(existsSync(join(EXTENSION, page)), page);
  }
  assert.ok(existsSync(join(EXTENSION, manifest.message_display_action.default_icon)));
  for (const icon of Object.values(manifest.icons)) assert.ok(existsSync(join(EXTENSION, icon)), icon);
});

test('every script, stylesheet and import the pages use is packaged', () => {
  const files = walk(EXTENSION);
  for (const file of files.filter((f) => /\.(html|js)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const references = [
      ...text.matchAll(/(?:src|href)="([^"]+)"/g),
      ...text.matchAll(/^\s*import [^'"]*'([^']+)'/gm),
      ...text.matchAll(/^\s*} from '([^']+)'/gm),
    ].map((m) => m[1]).filter((ref) => !/^[a-z]+:/.test(ref));
    for (const ref of references) {
      assert.ok(existsSync(join(dirname(file), ref)), `${relative(EXTENSION, file)} names ${ref}`);
    }
  }
});

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]);
}
