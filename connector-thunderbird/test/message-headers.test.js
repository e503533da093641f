import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerTextOf, readHeaders, threadMessageIds } from '../extension/lib/shared/message-headers.js';

const reply = [
  'X-Mozilla-Status: 0001',
  'Message-ID: <reply-2@acme.example>',
  'In-Reply-To: <reply-1@switchboard.example>',
  'References: <first@acme.example>',
  '\t<reply-1@switchboard.example>',
  'Subject: Re: Quote',
  '',
  'Message-ID: <in-the-body@nowhere>',
].join('\r\n');

test('thread ids: own id, then parent, then older ancestors; no brackets, no repeats', () => {
  assert.deepEqual(threadMessageIds(reply), ['reply-2@acme.example', 'reply-1@switchboard.example', 'first@acme.example']);
});

test('the header section ends at the first empty line, LF or CRLF', () => {
  const bytes = new TextEncoder().encode(reply);
  const text = headerTextOf(bytes);
  assert.ok(text.includes('Subject: Re: Quote'));
  assert.ok(!text.includes('in-the-body'));
  assert.equal(headerTextOf(new TextEncoder().encode('A: 1\nB: 2\n\nbody')), 'A: 1\nB: 2');
});

test('folded fields are unfolded and names are case-insensitive', () => {
  const headers = readHeaders('SUBJECT: one\r\n two\r\nsubject: three');
  assert.deepEqual(headers.get('subject'), ['one two', 'three']);
});

test('a message without thread headers gives no ids', () => {
  assert.deepEqual(threadMessageIds('Subject: hello'), []);
});
