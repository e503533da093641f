// An offline check of manifest.xml (office-addin-manifest's validator needs the internet): well-formed,
// the elements Outlook requires in the order the schema wants, HTTPS everywhere, the files it names
// exist, and every resource id it uses is defined.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { PLACEHOLDERS, renderManifest } from '../test-support/manifest-template.js';

const ADDIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'addin');
const TEMPLATE = readFileSync(join(ADDIN, 'manifest.xml'), 'utf8');
const SERVER = 'https://crm.example.com/sb';
const OFFICE_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

const parse = (xml) => new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
const doc = parse(renderManifest(TEMPLATE, SERVER));
const root = doc.documentElement;
const children = (el) => [...el.childNodes].filter((n) => n.nodeType === 1);
const child = (el, name) => children(el).find((c) => c.localName === name);
const all = (name, ns = '*') => [...doc.getElementsByTagNameNS(ns, name)];
const xsiType = (el) => el.getAttributeNS(XSI, 'type');

test('well-formed, a MailApp in the add-in namespace', () => {
  assert.doesNotThrow(() => parse(TEMPLATE));
  assert.equal(root.localName, 'OfficeApp');
  assert.equal(root.namespaceURI, OFFICE_APP);
  assert.equal(xsiType(root), 'MailApp');
});

test('the required elements, in schema order', () => {
  const order = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'FormSettings', 'Permissions',
    'Rule', 'DisableEntityHighlighting', 'VersionOverrides'];
  const present = children(root).map((c) => c.localName).filter((name) => order.includes(name));
  assert.deepEqual(present, order);
  assert.match(child(root, 'Id').textContent, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(child(root, 'Version').textContent, /^\d+\.\d+\.\d+\.\d+$/);
  for (const name of ['DisplayName', 'Description']) assert.ok(child(root, name).getAttribute('DefaultValue'));
  assert.ok(child(root, 'Description').getAttribute('DefaultValue').length <= 250, 'Description is at most 250 characters');
  assert.ok(child(root, 'DisplayName').getAttribute('DefaultValue').length <= 125);
});

test('host Mailbox, requirement set Mailbox 1.5 or later, read permission only', () => {
  assert.deepEqual(children(child(root, 'Hosts')).map((h) => h.getAttribute('Name')), ['Mailbox']);
  const sets = children(child(child(root, 'Requirements'), 'Sets'));
  const mailbox = sets.find((s) => s.getAttribute('Name') === 'Mailbox');
  assert.ok(atLeast(mailbox.getAttribute('MinVersion'), '1.5'));
  assert.ok(['ReadItem', 'ReadWriteItem'].includes(child(root, 'Permissions').textContent.trim()));
  for (const bt of all('Sets', BT)) assert.ok(atLeast(bt.getAttribute('DefaultMinVersion'), '1.5'));
});

test('the task pane opens on messages being read', () => {
  const form = children(child(root, 'FormSettings')).find((f) => xsiType(f) === 'ItemRead');
  assert.ok(form, 'an ItemRead form');
  assert.ok(child(child(form, 'DesktopSettings'), 'SourceLocation').getAttribute('DefaultValue').endsWith('/taskpane.html'));
  const rules = all('Rule').filter((r) => xsiType(r) === 'ItemIs');
  assert.ok(rules.some((r) => r.getAttribute('ItemType') === 'Message' && r.getAttribute('FormType') === 'Read'));
});

test('VersionOverrides: a MailHost button on MessageReadCommandSurface showing the task pane, pinnable in 1.1', () => {
  const overrides = all('VersionOverrides');
  assert.deepEqual(overrides.map(xsiType), ['VersionOverridesV1_0', 'VersionOverridesV1_1']);
  for (const vo of overrides) {
    const host = children(child(vo, 'Hosts'))[0];
    assert.equal(xsiType(host), 'MailHost');
    const point = children(child(host, 'DesktopFormFactor')).find((e) => e.localName === 'ExtensionPoint');
    assert.equal(xsiType(point), 'MessageReadCommandSurface');
    const actions = [...point.getElementsByTagNameNS('*', 'Action')];
    assert.deepEqual(actions.map(xsiType), ['ShowTaskpane']);
  }
  // SupportsPinning is a 1.1 element: only in the inner block.
  const pinning = (vo) => [...vo.getElementsByTagNameNS('*', 'SupportsPinning')].map((e) => e.textContent);
  assert.deepEqual(pinning(overrides[1]), ['true']);
  assert.deepEqual(pinning(overrides[0]), ['true'], 'the 1.0 block contains the 1.1 block');
  const outerOwn = [...child(overrides[0], 'Hosts').getElementsByTagNameNS('*', 'SupportsPinning')];
  assert.equal(outerOwn.length, 0, 'the 1.0 block itself does not pin');
});

test('every resid is defined in its VersionOverrides resources', () => {
  for (const vo of all('VersionOverrides')) {
    const resources = child(vo, 'Resources');
    const defined = new Set([...resources.getElementsByTagNameNS('*', '*')].map((e) => e.getAttribute('id')).filter(Boolean));
    const used = [...child(vo, 'Hosts').getElementsByTagNameNS('*', '*')].map((e) => e.getAttribute('resid')).filter(Boolean);
    assert.ok(used.length > 0);
    for (const id of used) assert.ok(defined.has(id), `resid ${id} is defined`);
  }
});

test('every URL is HTTPS, on the server, and names a file the add-in ships', () => {
  const urls = [
    ...all('*').map((e) => e.getAttribute('DefaultValue')).filter((v) => v && /^[a-z]+:\/\//i.test(v)),
    ...all('AppDomain').map((e) => e.textContent.trim()),
  ];
  assert.ok(urls.length >= 10);
  for (const url of urls) {
    assert.ok(url.startsWith('https://'), `${url} is https`);
    assert.ok(url.startsWith(new URL(SERVER).origin), `${url} is on the server`);
    const served = url.startsWith(`${SERVER}/connectors/outlook/`) ? url.slice(`${SERVER}/connectors/outlook/`.length) : null;
    if (served) assert.ok(existsSync(join(ADDIN, served)), `${served} exists in addin/`);
  }
});

test('the template has no URL but the placeholders, so no server address is baked in', () => {
  const urls = [...TEMPLATE.matchAll(/DefaultValue="([^"]*:\/\/[^"]*|\$\{[^"]*)"/g)].map((m) => m[1]);
  for (const url of urls) assert.ok(PLACEHOLDERS.some((p) => url.startsWith(p)), url);
  assert.ok(!/\$\{/.test(renderManifest(TEMPLATE, SERVER)), 'every placeholder is substituted');
});

test('icons are PNGs of the sizes the manifest says', () => {
  for (const image of all('Image', BT).filter((i) => i.hasAttribute('DefaultValue'))) {
    const file = join(ADDIN, image.getAttribute('DefaultValue').slice(`${SERVER}/connectors/outlook/`.length));
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), Number(image.getAttribute('id').split('.')[1]));
  }
});

function atLeast(version, minimum) {
  const [a, b] = version.split('.').map(Number);
  const [c, d] = minimum.split('.').map(Number);
  return a > c || (a === c && b >= d);
}
