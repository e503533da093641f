// The message exactly as received, to POST as message/rfc822.

/**
 * messages.getRaw gives a DOM File when asked for `data_format: "File"` (Thunderbird 117+, the default
 * in Manifest V3) and a "binary string" (one char per byte) otherwise; both become the same bytes.
 * The X-Mozilla-Status lines Thunderbird adds are left in: the server strips them.
 */
export async function rawMessageBytes(messenger, messageId) {
  const raw = await messenger.messages.getRaw(messageId, { data_format: 'File' });
  if (typeof raw === 'string') return binaryStringToBytes(raw);
  return new Uint8Array(await raw.arrayBuffer());
}

export function binaryStringToBytes(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
