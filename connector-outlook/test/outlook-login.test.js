import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { LoginCancelled, LoginRefused } from '../addin/lib/shared/login-errors.js';
import { logInWithDialog, readDialogMessage } from '../addin/lib/outlook-login.js';
import { serverUrlOfPage } from '../addin/lib/server-url.js';
import { tokenStore } from '../addin/lib/token-store.js';
import { fakeFetch, json, problem } from '../../connector-thunderbird/test-support/fake-fetch.js';
import { fakeLocalStorage, fakeOffice } from '../test-support/office-mock.js';

const SERVER = 'https://crm.example.com';
const USER = { id: 3, login: 'sam', name: 'Sam Seller' };

function setUp(dialog, answer = () => json(200, { token: 'tok-9', tokenId: 'tid-9', user: USER })) {
  const { Office, calls } = fakeOffice({ dialog });
  const localStorage = fakeLocalStorage();
  const store = tokenStore({ localStorage });
  const { fetch, requests } = fakeFetch([{ method: 'POST', path: '/api/connector/token', answer }]);
  return { login: () => logInWithDialog({ Office, serverUrl: SERVER, store, fetch }), calls, requests, localStorage, store };
}

test('login: dialog on the authorize page, code from messageParent, token exchanged and stored', async () => {
  const { login, calls, requests, localStorage, store } = setUp(() => ({ message: 'one-time-code' }));
  assert.deepEqual(await login(), USER);

  const authorize = new URL(calls.dialogsOpened[0].url);
  assert.equal(authorize.origin + authorize.pathname, `${SERVER}/connect/authorize`);
  assert.equal(authorize.searchParams.get('client'), 'outlook');
  const exchange = JSON.parse(requests[0].body);
  assert.equal(exchange.code, 'one-time-code');
  assert.equal(createHash('sha256').update(exchange.verifier).digest('base64url'), authorize.searchParams.get('challenge'));
  assert.equal(calls.dialogsClosed, 1);
  assert.equal(localStorage.getItem('switchboard.token'), 'tok-9');
  assert.deepEqual(await store.user(), USER);
  assert.equal(await store.session().token(), 'tok-9');
});

test('login: access denied in the dialog stores nothing', async () => {
  const { login, requests, localStorage } = setUp(() => ({ message: 'error:access_denied' }));
  await assert.rejects(login(), (e) => e instanceof LoginRefused && e.reason === 'access_denied');
  assert.equal(requests.length, 0);
  assert.equal(localStorage.data.size, 0);
});

test('login: closing the dialog cancels', async () => {
  const { login } = setUp(() => ({ event: 12006 }));
  await assert.rejects(login(), LoginCancelled);
});

test('login: an expired code (invalid_grant) stores nothing', async () => {
  const { login, localStorage } = setUp(() => ({ message: 'old' }), () => problem(400, 'invalid_grant', 'expired'));
  await assert.rejects(login(), { status: 400, title: 'invalid_grant' });
  assert.equal(localStorage.data.size, 0);
});

test('dialog messages: a code, or error:<reason>', () => {
  assert.deepEqual(readDialogMessage('abc'), { code: 'abc' });
  assert.deepEqual(readDialogMessage('error:access_denied'), { error: 'access_denied' });
  assert.deepEqual(readDialogMessage(''), { error: 'no_code' });
});

test('the token lives in OfficeRuntime.storage where Outlook has it', async () => {
  const saved = new Map();
  const OfficeRuntime = {
    storage: {
      getItem: async (k) => saved.get(k) ?? null,
      setItem: async (k, v) => void saved.set(k, v),
      removeItem: async (k) => void saved.delete(k),
    },
  };
  const localStorage = fakeLocalStorage();
  const store = tokenStore({ OfficeRuntime, localStorage });
  await store.saveLogin({ token: 't', tokenId: 'i', user: USER });
  assert.equal(saved.get('switchboard.token'), 't');
  assert.equal(localStorage.data.size, 0);
  await store.session().forget();
  assert.equal(saved.size, 0);
});

test('the server URL is where the task pane came from', () => {
  assert.equal(serverUrlOfPage('https://crm.example.com/connectors/outlook/taskpane.html?_host_Info=x'), 'https://crm.example.com');
  assert.equal(serverUrlOfPage('https://example.com/crm/connectors/outlook/taskpane.html'), 'https://example.com/crm');
});
