// The popup's panel wired to the real Thunderbird actions, with a fake DOM, messenger and server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mountMessagePanel } from '../extension/lib/shared/message-panel.js';
import { thunderbirdActions } from '../extension/lib/thunderbird-actions.js';
import { fakeDocument } from '../test-support/fake-dom.js';
import { fakeFetch, json, problem } from '../test-support/fake-fetch.js';
import { fakeMessenger } from '../test-support/fake-messenger.js';

const SERVER = 'https://crm.example.com';
const RAW = 'From: Jane <jane@acme.example>\r\nMessage-ID: <m1@acme.example>\r\nSubject: Seats\r\n\r\nHi\r\n';
const HEADER = { id: 11, author: 'Jane <jane@acme.example>', recipients: ['bob@beta.example'], ccList: [] };
const LINKED = { id: 5, type: 'opportunity', name: 'Acme seats', stage: 'Proposal', state: 'open', partnerId: 9 };
const PEOPLE = [
  { address: 'jane@acme.example', partner: { id: 9, name: 'Jane Doe', kind: 'person', companyId: 2, companyName: 'Acme' }, openCases: [{ ...LINKED, responsible: 'Sam' }] },
  { address: 'bob@beta.example', partner: null, openCases: [] },
];

async function mount(routes) {
  const messenger = fakeMessenger({ raw: { 11: RAW }, displayed: [HEADER], storage: { serverUrl: SERVER, token: 'tok' } });
  const { fetch, requests } = fakeFetch([
    { method: 'GET', path: '/api/connector/people', answer: () => json(200, PEOPLE) },
    { method: 'GET', path: '/api/connector/threads', answer: () => json(200, { case: LINKED }) },
    { method: 'GET', path: '/api/connector/cases', answer: () => json(200, [LINKED]) },
    ...routes,
  ]);
  const root = fakeDocument().createElement('main');
  await mountMessagePanel(root, thunderbirdActions({ messenger, message: HEADER, serverUrl: SERVER, fetch }));
  const status = () => root.findAll((el) => el.className === 'status')[0];
  return { root, requests, messenger, status };
}

test('shows each participant with partner and open cases; no contact button for a known sender', async () => {
  const { root } = await mount([]);
  const people = root.findAll((el) => el.className === 'people')[0].children;
  assert.equal(people.length, 2);
  assert.match(people[0].textContent, /Jane <jane@acme\.example>Jane Doe · AcmeOpportunity · Acme seats \(Proposal\) — Sam/);
  assert.match(people[1].textContent, /bob@beta\.example.*Not in the CRM/);
  assert.equal(root.button('Create contact from sender').disabled, true);
});

test('Create posts the chosen type and keeps the outcome on screen', async () => {
  const { root, requests, status } = await mount([
    { method: 'POST', path: '/api/connector/cases', answer: () => json(201, { id: 80, type: 'lead', name: 'Seats' }) },
  ]);
  root.findAll((el) => el.tagName === 'SELECT')[0].value = 'lead';
  await root.button('Create').click();
  const post = requests.find((r) => r.method === 'POST');
  assert.equal(post.url.searchParams.get('type'), 'lead');
  assert.equal(status().textContent, 'Created "Seats".');
});

test('Log to case: the thread case is listed first and picked; a second log says already logged', async () => {
  const { root, status } = await mount([
    { method: 'POST', path: '/api/connector/cases/5/messages', answer: () => json(200, { alreadyLogged: true, case: LINKED }) },
  ]);
  const radios = root.findAll((el) => el.tagName === 'INPUT' && el.type === 'radio');
  assert.equal(radios.length, 1, 'the linked case is not listed twice');
  assert.equal(radios[0].checked, true);
  assert.match(root.findAll((el) => el.className === 'choices')[0].textContent, /Acme seats \(Proposal\) — this thread/);
  await root.button('Log to case').click();
  assert.equal(status().textContent, 'Already logged "Acme seats".');
});

test('an expired token: the panel says so and offers Log in, which opens the options', async () => {
  const { root, messenger, status } = await mount([
    { method: 'POST', path: '/api/connector/cases', answer: () => problem(401, 'Unauthorized', 'expired') },
  ]);
  assert.equal(root.button('Log in').hidden, true);
  await root.button('Create').click();
  assert.equal(status().dataset.kind, 'error');
  assert.match(status().textContent, /Log in again/);
  assert.equal(root.button('Log in').hidden, false);
  assert.equal(messenger.storage.local.data.token, undefined);
  await root.button('Log in').click();
  assert.equal(messenger.calls.optionsOpened, 1);
});
