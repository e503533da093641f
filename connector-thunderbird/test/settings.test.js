import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidServerUrl, normaliseServerUrl, originPattern } from '../extension/lib/settings.js';

test('server URL: https added, trailing slashes dropped, path prefix kept', () => {
  assert.equal(normaliseServerUrl('crm.example.com/'), 'https://crm.example.com');
  assert.equal(normaliseServerUrl(' https://crm.example.com/switchboard// '), 'https://crm.example.com/switchboard');
  assert.equal(normaliseServerUrl('http://localhost:8080'), 'http://localhost:8080');
});

test('server URL: plain http refused except on loopback', () => {
  assert.throws(() => normaliseServerUrl('http://crm.example.com'), InvalidServerUrl);
  assert.throws(() => normaliseServerUrl(''), InvalidServerUrl);
  assert.throws(() => normaliseServerUrl('https://crm.example.com/?x=1'), InvalidServerUrl);
});

test('host permission pattern covers the server origin', () => {
  assert.equal(originPattern('https://crm.example.com/switchboard'), 'https://crm.example.com/*');
  // no port in a match pattern: the real Thunderbird refused http://localhost:8080/* (server e2e test)
  assert.equal(originPattern('http://localhost:8080'), 'http://localhost/*');
  assert.equal(originPattern('https://crm.example.com:8443/sb'), 'https://crm.example.com/*');
  assert.equal(originPattern('http://[::1]:8080'), 'http://[::1]/*');
});
