// Just enough RFC 5322 header reading to find a thread: Message-ID, In-Reply-To, References.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

/** The header section of a raw message (bytes), decoded; the body is never decoded. */
export function headerTextOf(bytes) {
  let end = bytes.length;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 10 && (bytes[i + 1] === 10 || (bytes[i + 1] === 13 && bytes[i + 2] === 10))) {
      end = i;
      break;
    }
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, end));
}

/** Header fields by lower-case name, each a list of unfolded values (RFC 5322 §2.2.3). */
export function readHeaders(text) {
  const fields = new Map();
  let last = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // end of the header section
    if (/^[ \t]/.test(line) && last) {
      last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() };
    if (!fields.has(last.name)) fields.set(last.name, []);
    fields.get(last.name).push(last);
  }
  const values = new Map();
  for (const [name, list] of fields) values.set(name, list.map((f) => f.value));
  return values;
}

const MAX_THREAD_IDS = 20; // keeps the /threads URL short; the nearest ancestors matter most

/**
 * The ids that can link this message to a logged thread, without angle brackets: its own Message-ID,
 * then In-Reply-To, then References from the newest ancestor to the oldest.
 */
export function threadMessageIds(headerText) {
  const headers = readHeaders(headerText);
  const first = (name) => headers.get(name)?.[0] ?? '';
  const ids = [
    ...idsIn(first('message-id')),
    ...idsIn(first('in-reply-to')),
    ...idsIn(first('references')).reverse(),
  ];
  return [...new Set(ids)].slice(0, MAX_THREAD_IDS);
}

/** `<a@x> <b@y>` → ['a@x', 'b@y']; a bare id without brackets is taken as it is. */
export function idsIn(value) {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  if (bracketed.length > 0) return bracketed;
  const bare = value.trim();
  return bare && !/\s/.test(bare) ? [bare] : [];
}
