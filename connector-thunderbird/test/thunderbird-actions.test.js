import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginRequired } from '../extension/lib/shared/api.js';
import { displayedMessage, thunderbirdActions } from '../extension/lib/thunderbird-actions.js';
import { bodyBytes, fakeFetch, json, problem } from '../test-support/fake-fetch.js';
import { fakeMessenger } from '../test-support/fake-messenger.js';

const SERVER = 'https://crm.example.com';
const RAW = [
  'X-Mozilla-Status: 0001',
  'From: Jane Doe <jane@acme.example>',
  'To: Sam <sam@switchboard.example>, bob@beta.example',
  'Subject: Quote for 40 seats (é)',
  'Message-ID: <reply-2@acme.example>',
  'In-Reply-To: <first@switchboard.example>',
  'References: <first@switchboard.example>',
  '',
  'Hello Sam, bonjour ünd so weiter.',
  '',
].join('\r\n');
const HEADER = {
  id: 11,
  author: 'Jane Doe <jane@acme.example>',
  recipients: ['Sam <sam@switchboard.example>', 'bob@beta.example'],
  ccList: [],
  headerMessageId: 'reply-2@acme.example',
};
const LINKED = { id: 5, type: 'opportunity', name: 'Acme seats', stage: 'Proposal', state: 'open', partnerId: 9 };

function setUp({ routes = [], rawAs = 'File', token = 'tok-1' } = {}) {
  const messenger = fakeMessenger({
    raw: { 11: RAW },
    rawAs,
    displayed: [HEADER],
    identities: ['sam@switchboard.example'],
    storage: token ? { serverUrl: SERVER, token, tokenId: 'tid', user: { id: 1 } } : { serverUrl: SERVER },
  });
  const { fetch, requests } = fakeFetch(routes);
  const actions = thunderbirdActions({ messenger, message: HEADER, serverUrl: SERVER, fetch });
  return { messenger, actions, requests };
}

const created = { method: 'POST', path: '/api/connector/cases', answer: () => json(201, { id: 77, type: 'opportunity', name: 'Quote for 40 seats' }) };

test('the displayed message is read from the active tab (Manifest V3 MessageList)', async () => {
  const { messenger } = setUp();
  assert.equal((await displayedMessage(messenger)).id, 11);
});

test('participants: sender and other recipients, not the user', async () => {
  const { actions } = setUp();
  const people = await actions.participants();
  assert.deepEqual(people.map((p) => p.address), ['jane@acme.example', 'bob@beta.example']);
});

test('people lookup sends each address as its own parameter, with the token', async () => {
  const { actions, requests } = setUp({
    routes: [{ method: 'GET', path: '/api/connector/people', answer: () => json(200, []) }],
  });
  await actions.people(['jane@acme.example', 'bob@beta.example']);
  assert.deepEqual(requests[0].url.searchParams.getAll('address'), ['jane@acme.example', 'bob@beta.example']);
  assert.equal(requests[0].headers.authorization, 'Bearer tok-1');
});

for (const rawAs of ['File', 'binary-string']) {
  test(`create opportunity posts the raw message as message/rfc822 (getRaw gives a ${rawAs})`, async () => {
    const { actions, requests, messenger } = setUp({ routes: [created], rawAs });
    const outcome = await actions.createCase('opportunity');
    assert.deepEqual(outcome, { alreadyLogged: false, case: { id: 77, type: 'opportunity', name: 'Quote for 40 seats' } });
    const [request] = requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url.searchParams.get('type'), 'opportunity');
    assert.equal(request.headers['content-type'], 'message/rfc822');
    assert.equal(request.headers.authorization, 'Bearer tok-1');
    assert.deepEqual(await bodyBytes(request.body), new TextEncoder().encode(RAW), 'byte for byte, 8-bit text intact');
    assert.deepEqual(messenger.calls.getRaw, [{ id: 11, options: { data_format: 'File' } }]);
  });
}

test('create lead names the type', async () => {
  const { actions, requests } = setUp({ routes: [created] });
  await actions.createCase('lead');
  assert.equal(requests[0].url.searchParams.get('type'), 'lead');
});

test('a 200 with alreadyLogged is reported as already logged', async () => {
  const { actions } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases/5/messages', answer: () => json(200, { alreadyLogged: true, case: LINKED }) }],
  });
  assert.deepEqual(await actions.logToCase('5'), { alreadyLogged: true, case: LINKED });
});

test('a 401 forgets the token and asks to log in again', async () => {
  const { actions, messenger } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases', answer: () => problem(401, 'Unauthorized', 'token revoked') }],
  });
  await assert.rejects(actions.createCase('opportunity'), LoginRequired);
  assert.deepEqual(messenger.storage.local.data, { serverUrl: SERVER });
});

test('without a token nothing is sent', async () => {
  const { actions, requests } = setUp({ token: null, routes: [created] });
  await assert.rejects(actions.createCase('opportunity'), LoginRequired);
  assert.equal(requests.length, 0);
});

test('log to case offers the thread case first, found by the message ids, and not twice', async () => {
  const other = { id: 6, type: 'lead', name: 'Beta lead', stage: 'New', state: 'open', partnerId: 2 };
  const { actions, requests } = setUp({
    routes: [
      { method: 'GET', path: '/api/connector/threads', answer: () => json(200, { case: LINKED }) },
      { method: 'GET', path: '/api/connector/cases', answer: () => json(200, [other, { ...LINKED }]) },
    ],
  });
  const choices = await actions.logChoices('acme');
  assert.deepEqual(choices.map((c) => [c.case.id, c.linked]), [[5, true], [6, false]]);
  const threads = requests.find((r) => r.url.pathname === '/api/connector/threads');
  assert.deepEqual(threads.url.searchParams.getAll('messageId'), ['reply-2@acme.example', 'first@switchboard.example']);
  const search = requests.find((r) => r.url.pathname === '/api/connector/cases');
  assert.equal(search.url.searchParams.get('q'), 'acme');
  assert.equal(search.url.searchParams.get('limit'), '20');
});

test('log to case without a linked thread lists the search results only', async () => {
  const { actions } = setUp({
    routes: [
      { method: 'GET', path: '/api/connector/threads', answer: () => json(200, { case: null }) },
      { method: 'GET', path: '/api/connector/cases', answer: () => json(200, [LINKED]) },
    ],
  });
  assert.deepEqual((await actions.logChoices('')).map((c) => c.linked), [false]);
});

test('logging posts the raw message to the chosen case', async () => {
  const { actions, requests } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases/5/messages', answer: () => json(201, LINKED) }],
  });
  assert.deepEqual(await actions.logToCase('5'), { alreadyLogged: false, case: LINKED });
  assert.equal(requests[0].headers['content-type'], 'message/rfc822');
});

test('create contact: 201 created, 409 already a partner', async () => {
  let status = 201;
  const { actions, requests } = setUp({
    routes: [{
      method: 'POST',
      path: '/api/connector/contacts',
      answer: () => (status === 201 ? json(201, { id: 12, name: 'Jane Doe' }) : problem(409, 'Conflict', 'address belongs to partner 9')),
    }],
  });
  const fields = { name: 'Jane Doe', email: 'jane@acme.example', companyName: 'Acme' };
  assert.deepEqual(await actions.createContact(fields), { created: true, partner: { id: 12, name: 'Jane Doe' } });
  assert.deepEqual(JSON.parse(requests[0].body), fields);
  assert.equal(requests[0].headers['content-type'], 'application/json');
  status = 409;
  const again = await actions.createContact(fields);
  assert.equal(again.created, false);
  assert.equal(again.problem.detail, 'address belongs to partner 9');
});

test('a server error surfaces the problem detail', async () => {
  const { actions } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases', answer: () => problem(422, 'Unprocessable', 'No From address') }],
  });
  await assert.rejects(actions.createCase('lead'), { name: 'ApiProblem', status: 422, message: 'No From address' });
});

test('log in from the popup opens the options page', async () => {
  const { actions, messenger } = setUp();
  await actions.logIn();
  assert.equal(messenger.calls.optionsOpened, 1);
});

test('an HTML error page from a proxy is not shown as the message', async () => {
  const { actions } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases', answer: () => new Response('<html><body>Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }) }],
  });
  await assert.rejects(actions.createCase('lead'), { name: 'ApiProblem', status: 502, message: 'HTTP 502' });
});
