import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { authorizeUrl, challengeFor, createPkcePair, readDoneUrl } from '../extension/lib/shared/pkce.js';

test('the challenge is base64url(SHA-256(verifier)), as node:crypto computes it', async () => {
  for (let i = 0; i < 20; i++) {
    const { verifier, challenge } = await createPkcePair();
    assert.equal(challenge, createHash('sha256').update(verifier).digest('base64url'));
  }
});

test('the verifier is 32 random bytes in base64url without padding', async () => {
  const { verifier } = await createPkcePair();
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(verifier, 'base64url').length, 32);
  assert.notEqual((await createPkcePair()).verifier, verifier);
});

test('RFC 7636 appendix B example', async () => {
  // The verifier and challenge printed in RFC 7636, Appendix B.
  assert.equal(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('authorize URL names the client and carries the challenge, under a path prefix too', () => {
  const url = new URL(authorizeUrl('https://crm.example.com/sb', 'thunderbird', 'a-b_c'));
  assert.equal(url.origin + url.pathname, 'https://crm.example.com/sb/connect/authorize');
  assert.equal(url.searchParams.get('client'), 'thunderbird');
  assert.equal(url.searchParams.get('challenge'), 'a-b_c');
});

test('only the server done page ends the login', () => {
  const server = 'https://crm.example.com';
  assert.deepEqual(readDoneUrl(server, 'https://crm.example.com/connect/done?code=abc'), { code: 'abc' });
  assert.deepEqual(readDoneUrl(server, 'https://crm.example.com/connect/done?error=access_denied'), { error: 'access_denied' });
  assert.equal(readDoneUrl(server, 'https://crm.example.com/connect/authorize?client=x'), null);
  assert.equal(readDoneUrl(server, 'https://evil.example/connect/done?code=abc'), null);
  assert.equal(readDoneUrl(server, 'about:blank'), null);
  assert.equal(readDoneUrl(server, undefined), null);
});
