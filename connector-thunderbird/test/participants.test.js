import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMailbox, parseMailboxList, participantsOf } from '../extension/lib/shared/participants.js';
import { participantsOfHeader } from '../extension/lib/thunderbird-actions.js';

test('parses the usual mailbox forms', () => {
  assert.deepEqual(parseMailbox('Jane Doe <jane@acme.example>'), { name: 'Jane Doe', address: 'jane@acme.example' });
  assert.deepEqual(parseMailbox('"Doe, Jane" <jane@acme.example>'), { name: 'Doe, Jane', address: 'jane@acme.example' });
  assert.deepEqual(parseMailbox('  jane@acme.example '), { name: '', address: 'jane@acme.example' });
  assert.equal(parseMailbox('undisclosed-recipients:;'), null);
  assert.equal(parseMailbox(undefined), null);
});

test('splits a list on commas outside quotes', () => {
  const boxes = parseMailboxList('"Doe, Jane" <jane@acme.example>, bob@beta.example, Carl <carl@gamma.example>');
  assert.deepEqual(boxes.map((b) => b.address), ['jane@acme.example', 'bob@beta.example', 'carl@gamma.example']);
  assert.equal(boxes[0].name, 'Doe, Jane');
});

test('sender first, each address once whatever its case, own addresses left out', () => {
  const people = participantsOf(
    {
      from: { name: 'Jane', address: 'Jane@Acme.example' },
      to: [{ name: 'Me', address: 'me@switchboard.example' }, { name: '', address: 'bob@beta.example' }],
      cc: [{ name: 'Jane again', address: 'jane@acme.example' }, { name: 'Bob B', address: 'BOB@beta.example' }],
    },
    ['ME@switchboard.example'],
  );
  assert.deepEqual(people, [
    { name: 'Jane', address: 'jane@acme.example', role: 'sender' },
    { name: '', address: 'bob@beta.example', role: 'recipient' },
  ]);
});

test('a message the user sent lists only the recipients', () => {
  const people = participantsOf(
    { from: { name: 'Me', address: 'me@switchboard.example' }, to: [{ name: 'Jane', address: 'jane@acme.example' }] },
    ['me@switchboard.example'],
  );
  assert.deepEqual(people.map((p) => [p.address, p.role]), [['jane@acme.example', 'recipient']]);
});

test('reads a Thunderbird MessageHeader (author, recipients, ccList strings)', () => {
  const header = {
    author: 'Jane Doe <jane@acme.example>',
    recipients: ['Me <me@switchboard.example>', 'bob@beta.example, "Lee, Ann" <ann@acme.example>'],
    ccList: ['jane@acme.example'],
  };
  const people = participantsOfHeader(header, ['me@switchboard.example']);
  assert.deepEqual(people.map((p) => p.address), ['jane@acme.example', 'bob@beta.example', 'ann@acme.example']);
  assert.equal(people[2].name, 'Lee, Ann');
});
