import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ApiProblem } from '../extension/lib/shared/api.js';
import { LoginCancelled, LoginRefused, logIn, logOut } from '../extension/lib/login.js';
import { fakeFetch, json, problem } from '../test-support/fake-fetch.js';
import { fakeMessenger } from '../test-support/fake-messenger.js';
import { until } from '../test-support/until.js';

const SERVER = 'https://crm.example.com';
const USER = { id: 3, login: 'sam', name: 'Sam Seller' };

function tokenEndpoint(answer = () => json(200, { token: 'tok-1', tokenId: 'tid-1', user: USER })) {
  return fakeFetch([{ method: 'POST', path: '/api/connector/token', answer }]);
}

/** Starts a login and waits for its window; returns the pending login and that window. */
async function startLogin(messenger, fetch) {
  const pending = logIn({ messenger, serverUrl: SERVER, fetch });
  await until(() => messenger.calls.windowsCreated.length === 1);
  const { options, window } = messenger.calls.windowsCreated[0];
  return { pending, options, window, visit: (url) => messenger.tabs.onUpdated.fire(window.tabs[0].id, { url }, { id: window.tabs[0].id, windowId: window.id, url }) };
}

test('login: popup on the authorize page, code read from the done page, token exchanged and stored', async () => {
  const messenger = fakeMessenger();
  const { fetch, requests } = tokenEndpoint();
  const { pending, options, window, visit } = await startLogin(messenger, fetch);

  assert.equal(options.type, 'popup');
  const authorize = new URL(options.url);
  assert.equal(authorize.origin + authorize.pathname, `${SERVER}/connect/authorize`);
  assert.equal(authorize.searchParams.get('client'), 'thunderbird');

  visit(`${SERVER}/login`); // the user is still logging in: nothing happens
  visit(`${SERVER}/connect/authorize?client=thunderbird`);
  assert.equal(requests.length, 0);
  visit(`${SERVER}/connect/done?code=one-time-code`);

  assert.deepEqual(await pending, USER);
  assert.equal(requests.length, 1);
  const exchange = JSON.parse(requests[0].body);
  assert.equal(exchange.code, 'one-time-code');
  // The verifier sent now is the one whose hash went out in the window's URL.
  assert.equal(createHash('sha256').update(exchange.verifier).digest('base64url'), authorize.searchParams.get('challenge'));
  assert.equal(requests[0].headers.authorization, undefined);
  assert.deepEqual(messenger.storage.local.data, { token: 'tok-1', tokenId: 'tid-1', user: USER });
  assert.deepEqual(messenger.calls.windowsRemoved, [window.id]);
  assert.equal(messenger.tabs.onUpdated.count, 0, 'listeners are removed once the login ends');
  assert.equal(messenger.windows.onRemoved.count, 0);
});

test('login: a done page in another window is not ours', async () => {
  const messenger = fakeMessenger();
  const { fetch, requests } = tokenEndpoint();
  const { pending, visit } = await startLogin(messenger, fetch);
  messenger.tabs.onUpdated.fire(1, { url: `${SERVER}/connect/done?code=stolen` }, { id: 1, windowId: 1 });
  assert.equal(requests.length, 0);
  visit(`${SERVER}/connect/done?code=ours`);
  await pending;
  assert.equal(JSON.parse(requests[0].body).code, 'ours');
});

test('login: access_denied ends the login without a token', async () => {
  const messenger = fakeMessenger();
  const { fetch, requests } = tokenEndpoint();
  const { pending, window, visit } = await startLogin(messenger, fetch);
  visit(`${SERVER}/connect/done?error=access_denied`);
  await assert.rejects(pending, (e) => e instanceof LoginRefused && e.reason === 'access_denied');
  assert.equal(requests.length, 0);
  assert.deepEqual(messenger.storage.local.data, {});
  assert.deepEqual(messenger.calls.windowsRemoved, [window.id]);
});

test('login: closing the window cancels', async () => {
  const messenger = fakeMessenger();
  const { fetch } = tokenEndpoint();
  const { pending, window } = await startLogin(messenger, fetch);
  messenger.windows.onRemoved.fire(window.id + 1); // some other window
  messenger.windows.onRemoved.fire(window.id);
  await assert.rejects(pending, LoginCancelled);
  assert.equal(messenger.tabs.onUpdated.count, 0);
});

test('login: a refused code (invalid_grant) stores nothing', async () => {
  const messenger = fakeMessenger();
  const { fetch } = tokenEndpoint(() => problem(400, 'invalid_grant', 'The code has expired.'));
  const { pending, visit } = await startLogin(messenger, fetch);
  visit(`${SERVER}/connect/done?code=old`);
  await assert.rejects(pending, (e) => e instanceof ApiProblem && e.status === 400 && e.title === 'invalid_grant');
  assert.deepEqual(messenger.storage.local.data, {});
});

test('log out forgets the token but keeps the server', async () => {
  const messenger = fakeMessenger({ storage: { serverUrl: SERVER, token: 't', tokenId: 'i', user: USER } });
  await logOut(messenger);
  assert.deepEqual(messenger.storage.local.data, { serverUrl: SERVER });
});
