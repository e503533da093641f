import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginRequired } from '../addin/lib/shared/api.js';
import { ATTACHMENTS_NOTE } from '../addin/lib/outlook-message.js';
import { outlookActions } from '../addin/lib/outlook-actions.js';
import { readHeaders } from '../addin/lib/shared/message-headers.js';
import { tokenStore } from '../addin/lib/token-store.js';
import { bodyBytes, fakeFetch, json, problem } from '../../connector-thunderbird/test-support/fake-fetch.js';
import { fakeLocalStorage, fakeOffice } from '../test-support/office-mock.js';

const SERVER = 'https://crm.example.com';
const HEADERS = [
  'From: "Doe, Jane" <jane@acme.example>',
  'To: Sam <sam@switchboard.example>, bob@beta.example',
  'Subject: Quote for 40 seats',
  'Message-ID: <reply-2@acme.example>',
  'In-Reply-To: <first@switchboard.example>',
  'References: <first@switchboard.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
].join('\r\n');
const EML = `${HEADERS}\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Sam, grüße.\r\n--b1--\r\n`;
const ITEM = {
  from: { displayName: 'Doe, Jane', emailAddress: 'jane@acme.example' },
  to: [{ displayName: 'Sam', emailAddress: 'sam@switchboard.example' }, { displayName: '', emailAddress: 'bob@beta.example' }],
  cc: [{ displayName: 'Jane', emailAddress: 'JANE@acme.example' }, { displayName: 'Ann Lee', emailAddress: 'ann@acme.example' }],
  subject: 'Quote for 40 seats — grüße',
  internetMessageId: '<reply-2@acme.example>',
  dateTimeCreated: new Date('2025-03-04T10:20:30Z'),
};
const LINKED = { id: 5, type: 'opportunity', name: 'Acme seats', stage: 'Proposal', state: 'open', partnerId: 9 };
const JANE = { name: 'Doe, Jane', address: 'jane@acme.example', role: 'sender', partner: { id: 9, name: 'Jane Doe' } };

function setUp({ mailboxVersion = '1.14', routes = [], token = 'tok-1' } = {}) {
  const { Office, calls } = fakeOffice({ mailboxVersion, item: ITEM, eml: EML, headers: HEADERS, bodyText: 'Hello Sam,\nsee the quote.' });
  const localStorage = fakeLocalStorage(token ? { 'switchboard.token': token } : {});
  const store = tokenStore({ OfficeRuntime: undefined, localStorage });
  const { fetch, requests } = fakeFetch(routes);
  return { actions: outlookActions({ Office, serverUrl: SERVER, store, fetch }), calls, requests, localStorage };
}

const createdCase = { method: 'POST', path: '/api/connector/cases', answer: () => json(201, { id: 77, type: 'lead', name: 'Quote' }) };

test('participants: from, to and cc, each once, not the user', async () => {
  const { actions } = setUp();
  const people = await actions.participants();
  assert.deepEqual(people.map((p) => [p.address, p.role]), [
    ['jane@acme.example', 'sender'], ['bob@beta.example', 'recipient'], ['ann@acme.example', 'recipient'],
  ]);
});

test('Mailbox 1.14: create posts the .eml from getAsFileAsync as message/rfc822', async () => {
  const { actions, calls, requests } = setUp({ routes: [createdCase] });
  const outcome = await actions.createCase('lead', JANE);
  assert.deepEqual(outcome, { alreadyLogged: false, case: { id: 77, type: 'lead', name: 'Quote' } });
  assert.equal(calls.getAsFile, 1);
  assert.deepEqual(calls.bodyGet, [], 'no need for the parts');
  const [request] = requests;
  assert.equal(request.url.searchParams.get('type'), 'lead');
  assert.equal(request.headers['content-type'], 'message/rfc822');
  assert.equal(request.headers.authorization, 'Bearer tok-1');
  assert.deepEqual(await bodyBytes(request.body), new TextEncoder().encode(EML));
});

test('before 1.14: create falls back to the structured endpoint, body and headers, no attachments', async () => {
  const { actions, calls, requests } = setUp({ mailboxVersion: '1.8', routes: [createdCase] });
  const outcome = await actions.createCase('opportunity', JANE);
  assert.equal(outcome.note, ATTACHMENTS_NOTE);
  assert.equal(calls.getAsFile, 0);
  assert.deepEqual(calls.bodyGet, ['text']);
  assert.equal(calls.headersGet, 1);
  const [request] = requests;
  assert.equal(request.url.search, '', 'type goes in the JSON body');
  assert.equal(request.headers['content-type'], 'application/json');
  const sent = JSON.parse(request.body);
  assert.equal(sent.type, 'opportunity');
  assert.equal(sent.name, ITEM.subject);
  assert.equal(sent.partnerId, 9);
  assert.equal(sent.contactName, 'Doe, Jane');
  assert.equal(sent.email, 'jane@acme.example');
  assert.match(sent.description, /see the quote\./);
  assert.ok(sent.description.includes(ATTACHMENTS_NOTE));
  assert.match(sent.description, /Message-ID: <reply-2@acme.example>/);
});

test('before 1.8: no internet headers are asked for', async () => {
  const { actions, calls, requests } = setUp({ mailboxVersion: '1.5', routes: [createdCase] });
  await actions.createCase('lead', null);
  assert.equal(calls.headersGet, 0);
  const sent = JSON.parse(requests[0].body);
  assert.doesNotMatch(sent.description, /Headers:/);
  assert.equal(sent.email, 'jane@acme.example', 'the item sender when the pane knows no partner');
  assert.equal(sent.partnerId, null);
});

test('before 1.14: log to case sends a text/plain message rebuilt from the headers and body', async () => {
  const { actions, requests } = setUp({
    mailboxVersion: '1.8',
    routes: [{ method: 'POST', path: '/api/connector/cases/5/messages', answer: () => json(201, LINKED) }],
  });
  const outcome = await actions.logToCase('5');
  assert.equal(outcome.note, ATTACHMENTS_NOTE);
  const [request] = requests;
  assert.equal(request.headers['content-type'], 'message/rfc822');
  const text = new TextDecoder().decode(await bodyBytes(request.body));
  const [head, body] = text.split('\r\n\r\n');
  const headers = readHeaders(head);
  assert.deepEqual(headers.get('message-id'), ['<reply-2@acme.example>']);
  assert.deepEqual(headers.get('from'), ['"Doe, Jane" <jane@acme.example>']);
  assert.deepEqual(headers.get('content-type'), ['text/plain; charset=utf-8'], 'the multipart type is gone');
  assert.match(body, /^Hello Sam,\r\nsee the quote\./);
});

test('before 1.8: the rebuilt message takes its headers from the item', async () => {
  const { actions, requests } = setUp({
    mailboxVersion: '1.7',
    routes: [{ method: 'POST', path: '/api/connector/cases/5/messages', answer: () => json(201, LINKED) }],
  });
  await actions.logToCase('5');
  const head = new TextDecoder().decode(await bodyBytes(requests[0].body)).split('\r\n\r\n')[0];
  const headers = readHeaders(head);
  assert.deepEqual(headers.get('from'), ['"Doe, Jane" <jane@acme.example>']);
  assert.deepEqual(headers.get('to'), ['Sam <sam@switchboard.example>, bob@beta.example']);
  assert.deepEqual(headers.get('subject'), [`=?UTF-8?B?${Buffer.from(ITEM.subject).toString('base64')}?=`]);
  assert.deepEqual(headers.get('date'), ['Tue, 04 Mar 2025 10:20:30 +0000']);
  assert.deepEqual(headers.get('message-id'), ['<reply-2@acme.example>']);
});

for (const [version, expected] of [
  ['1.14', ['reply-2@acme.example', 'first@switchboard.example']],
  ['1.8', ['reply-2@acme.example', 'first@switchboard.example']],
  ['1.5', ['reply-2@acme.example']],
]) {
  test(`Mailbox ${version}: log to case offers the thread case first, found by ${expected.length} id(s)`, async () => {
    const other = { id: 6, type: 'lead', name: 'Beta lead', stage: 'New', state: 'open', partnerId: 2 };
    const { actions, requests } = setUp({
      mailboxVersion: version,
      routes: [
        { method: 'GET', path: '/api/connector/threads', answer: () => json(200, { case: LINKED }) },
        { method: 'GET', path: '/api/connector/cases', answer: () => json(200, [other, LINKED]) },
      ],
    });
    const choices = await actions.logChoices('');
    assert.deepEqual(choices.map((c) => [c.case.id, c.linked]), [[5, true], [6, false]]);
    const threads = requests.find((r) => r.url.pathname === '/api/connector/threads');
    assert.deepEqual(threads.url.searchParams.getAll('messageId'), expected);
  });
}

test('a 200 with alreadyLogged is reported as already logged', async () => {
  const { actions } = setUp({
    routes: [{ method: 'POST', path: '/api/connector/cases', answer: () => json(200, { alreadyLogged: true, case: LINKED }) }],
  });
  assert.deepEqual(await actions.createCase('opportunity', JANE), { alreadyLogged: true, case: LINKED });
});

test('a 401 forgets the token and asks to log in again', async () => {
  const { actions, localStorage } = setUp({
    routes: [{ method: 'GET', path: '/api/connector/people', answer: () => problem(401, 'Unauthorized', 'expired') }],
  });
  localStorage.setItem('switchboard.user', '{"id":1}');
  await assert.rejects(actions.people(['jane@acme.example']), LoginRequired);
  assert.equal(localStorage.data.size, 0);
});

test('create contact: 201 created, 409 already a partner', async () => {
  let status = 201;
  const { actions, requests } = setUp({
    routes: [{
      method: 'POST',
      path: '/api/connector/contacts',
      answer: () => (status === 201 ? json(201, { id: 12 }) : problem(409, 'Conflict', 'taken')),
    }],
  });
  const fields = { name: 'Doe, Jane', email: 'jane@acme.example', companyName: null };
  assert.equal((await actions.createContact(fields)).created, true);
  assert.deepEqual(JSON.parse(requests[0].body), fields);
  status = 409;
  assert.equal((await actions.createContact(fields)).created, false);
});
