// End to end with the real Thunderbird (Debian package `thunderbird`, 128+): side-loads the built
// target/switchboard-thunderbird.xpi into a fresh profile, starts Thunderbird headless and waits until
// its add-on database lists the add-in as active, enabled and with the permissions of the manifest.
// Skipped when thunderbird is not installed, unless SWITCHBOARD_TEST_THUNDERBIRD=required.
// Maven runs it in the integration-test phase, after the .xpi is built: node --test e2e/thunderbird-load.e2e.js
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const MODULE = join(dirname(fileURLToPath(import.meta.url)), '..');
const XPI = join(MODULE, 'target', 'switchboard-thunderbird.xpi');
const manifest = JSON.parse(readFileSync(join(MODULE, 'extension', 'manifest.json'), 'utf8'));
const ID = manifest.browser_specific_settings.gecko.id;
const thunderbird = onPath('thunderbird');
const required = process.env.SWITCHBOARD_TEST_THUNDERBIRD === 'required';

// An unsigned add-on in <profile>/extensions/<id>.xpi loads with these (see shared/design/stack.md).
const USER_JS = `
user_pref("xpinstall.signatures.required", false);
user_pref("extensions.autoDisableScopes", 0);
user_pref("extensions.enabledScopes", 15);
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("app.update.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
`;

test('Thunderbird loads the side-loaded .xpi, active and with the manifest permissions',
  { skip: !thunderbird && !required && 'thunderbird is not installed', timeout: 180_000 }, async () => {
    assert.ok(thunderbird, 'SWITCHBOARD_TEST_THUNDERBIRD=required but thunderbird is not on the PATH');
    assert.ok(existsSync(XPI), `${XPI} is built first (mvn package)`);
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-tb-'));
    mkdirSync(join(profile, 'extensions'));
    copyFileSync(XPI, join(profile, 'extensions', `${ID}.xpi`));
    writeFileSync(join(profile, 'user.js'), USER_JS);

    // Its own process group, so stopping it stops its content processes too and nothing else.
    const child = spawn(thunderbird, ['--headless', '--no-remote', '--profile', profile], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output = (output + d).slice(-4000); });
    child.stderr.on('data', (d) => { output = (output + d).slice(-4000); });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const addon = await poll(() => addonIn(profile), 120_000, () => exited);
      assert.ok(addon, `Thunderbird never listed ${ID}. Its output ended with:\n${output}`);
      assert.equal(addon.active, true);
      assert.equal(addon.appDisabled, false, 'not disabled as incompatible or unsigned');
      assert.equal(addon.userDisabled, false);
      assert.equal(addon.manifestVersion, 3);
      assert.equal(addon.version, manifest.version);
      assert.deepEqual([...addon.userPermissions.permissions].sort(), [...manifest.permissions].sort());
      assert.deepEqual(addon.optionalPermissions.origins, manifest.optional_host_permissions);
    } finally {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      rmSync(profile, { recursive: true, force: true });
    }
  });

/** Our add-on's entry in the profile's extensions.json, once Thunderbird has written it. */
function addonIn(profile) {
  try {
    const db = JSON.parse(readFileSync(join(profile, 'extensions.json'), 'utf8'));
    return db.addons.find((a) => a.id === ID && a.active !== undefined) ?? null;
  } catch {
    return null; // not written yet, or being written
  }
}

async function poll(read, timeoutMs, exited) {
  let stopped = false;
  exited().then(() => { stopped = true; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = read();
    if (found && (found.active || found.appDisabled || found.userDisabled)) return found; // settled
    if (stopped) return read();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return read();
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}
