// Who took part in a message: the sender first, then the other recipients, each address once,
// without the user's own addresses (for a message the user sent, the customers are the recipients).
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

/** Parses one mailbox: `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>` or `jane@x.com`. */
export function parseMailbox(text) {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const angle = trimmed.match(/^(.*)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/);
  if (angle) return mailbox(unquote(angle[1]), angle[2]);
  const bare = trimmed.match(/^[^\s<>@",]+@[^\s<>@",]+$/);
  return bare ? mailbox('', trimmed) : null;
}

/** Parses a header value listing mailboxes separated by commas (commas inside quotes don't count). */
export function parseMailboxList(text) {
  if (typeof text !== 'string') return [];
  const parts = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if (ch === ',' && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(parseMailbox).filter(Boolean);
}

/**
 * @param from   the sender's mailbox ({name, address}) or null
 * @param to,cc  arrays of mailboxes
 * @param own    the user's own addresses, any case
 * @returns [{name, address, role: 'sender'|'recipient'}], addresses lower-cased, each once
 */
export function participantsOf({ from = null, to = [], cc = [] }, own = []) {
  const skip = new Set(own.filter(Boolean).map((a) => a.toLowerCase()));
  const seen = new Set();
  const people = [];
  const add = (box, role) => {
    if (!box || !box.address) return;
    const address = box.address.toLowerCase();
    if (skip.has(address) || seen.has(address)) return;
    seen.add(address);
    people.push({ name: box.name || '', address, role });
  };
  add(from, 'sender');
  for (const box of [...to, ...cc]) add(box, 'recipient');
  return people;
}

function mailbox(name, address) {
  return { name: name.trim(), address: address.trim() };
}

function unquote(name) {
  const trimmed = name.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}
