// The message open in Outlook's reading pane, as the CRM wants it.
// Mailbox 1.14 gives the raw .eml (item.getAsFileAsync). Older Outlooks give the parts only: the text
// body, the internet headers (Mailbox 1.8) and the item's fields; attachments are then left out.
import { headerTextOf, readHeaders, threadMessageIds, idsIn } from './shared/message-headers.js';
import { participantsOf } from './shared/participants.js';
import { hasMailbox, officeCall } from './office-async.js';

export const RAW_MESSAGE_SET = '1.14';
export const INTERNET_HEADERS_SET = '1.8';
export const ATTACHMENTS_NOTE = 'Attachments are not included: this Outlook cannot export the whole message (it needs Mailbox 1.14).';

const mailbox = (details) => (details?.emailAddress ? { name: details.displayName ?? '', address: details.emailAddress } : null);

/** Sender first, then To and Cc, without the user's own address. */
export function participantsOfItem(Office) {
  const { item, userProfile } = Office.context.mailbox;
  return participantsOf(
    { from: mailbox(item.from), to: (item.to ?? []).map(mailbox), cc: (item.cc ?? []).map(mailbox) },
    [userProfile?.emailAddress],
  );
}

/**
 * `{raw}` (bytes of the .eml) where Mailbox 1.14 is supported, otherwise
 * `{subject, bodyText, headers, from, to, cc, date, internetMessageId}` with headers null before 1.8.
 */
export async function readMessage(Office) {
  const { item } = Office.context.mailbox;
  if (hasMailbox(Office, RAW_MESSAGE_SET)) {
    const base64 = await officeCall(Office, (done) => item.getAsFileAsync(done));
    return { raw: base64ToBytes(base64) };
  }
  const bodyText = await officeCall(Office, (done) => item.body.getAsync(Office.CoercionType?.Text ?? 'text', done));
  const headers = hasMailbox(Office, INTERNET_HEADERS_SET)
    ? await officeCall(Office, (done) => item.getAllInternetHeadersAsync(done))
    : null;
  return {
    subject: item.subject ?? '',
    bodyText: bodyText ?? '',
    headers,
    from: mailbox(item.from),
    to: (item.to ?? []).map(mailbox).filter(Boolean),
    cc: (item.cc ?? []).map(mailbox).filter(Boolean),
    date: item.dateTimeCreated ?? null,
    internetMessageId: item.internetMessageId ?? null,
  };
}

/** The ids that may link this message to a logged thread (see threadMessageIds). */
export function threadIdsOf(message) {
  if (message.raw) return threadMessageIds(headerTextOf(message.raw));
  if (message.headers) return threadMessageIds(message.headers);
  return message.internetMessageId ? idsIn(message.internetMessageId) : [];
}

/** The description of a case made without the raw message: the body, what is missing, the headers. */
export function fallbackDescription(message) {
  const parts = [message.bodyText.trim(), `(${ATTACHMENTS_NOTE})`];
  if (message.headers) parts.push(`Headers:\n${message.headers.trim()}`);
  return parts.filter(Boolean).join('\n\n');
}

// Headers that describe the original MIME body; the rebuilt message has a text body of its own.
const BODY_HEADERS = new Set(['content-type', 'content-transfer-encoding', 'mime-version', 'content-disposition']);

/**
 * A text/plain RFC 5322 message rebuilt from the parts, so "Log to case" works without Mailbox 1.14:
 * the original headers where Outlook gives them (1.8), otherwise From/To/Cc/Subject/Date/Message-ID
 * from the item.
 */
export function rebuildRfc822(message) {
  const lines = [];
  if (message.headers) {
    for (const [name, values] of readHeaders(message.headers)) {
      if (BODY_HEADERS.has(name)) continue;
      for (const value of values) lines.push(`${headerName(name)}: ${value}`);
    }
  } else {
    const list = (boxes) => boxes.map(formatMailbox).join(', ');
    if (message.from) lines.push(`From: ${formatMailbox(message.from)}`);
    if (message.to.length) lines.push(`To: ${list(message.to)}`);
    if (message.cc.length) lines.push(`Cc: ${list(message.cc)}`);
    lines.push(`Subject: ${encodeWord(message.subject)}`);
    if (message.date) lines.push(`Date: ${rfc5322Date(new Date(message.date))}`);
    if (message.internetMessageId) lines.push(`Message-ID: ${message.internetMessageId}`);
  }
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  const body = `${message.bodyText.replace(/\r?\n/g, '\r\n')}\r\n\r\n(${ATTACHMENTS_NOTE})\r\n`;
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

export function base64ToBytes(base64) {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const headerName = (lower) => lower.replace(/(^|-)([a-z])/g, (m, dash, ch) => dash + ch.toUpperCase());

function formatMailbox({ name, address }) {
  if (!name) return address;
  const phrase = /[()<>[\]:;@\\,."]/.test(name) && /^[\x20-\x7e]*$/.test(name)
    ? `"${name.replace(/(["\\])/g, '\\$1')}"` // RFC 5322 §3.2.4 quoted-string
    : encodeWord(name);
  return `${phrase} <${address}>`;
}

// RFC 2047: non-ASCII text in a header becomes an encoded word.
function encodeWord(text) {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `=?UTF-8?B?${btoa(binary)}?=`;
}

// RFC 5322 §3.3, in UTC.
function rfc5322Date(date) {
  return date.toUTCString().replace('GMT', '+0000');
}
