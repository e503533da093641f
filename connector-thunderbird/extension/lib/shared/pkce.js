// Login without passwords (RFC 7636 style): the add-in keeps a random verifier, sends only its
// SHA-256 challenge to the browser window, and proves possession when it exchanges the code.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

/** Base64url without padding (RFC 4648 §5). */
export function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function challengeFor(verifier, cryptoImpl = globalThis.crypto) {
  const digest = await cryptoImpl.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier (32 random bytes, base64url) and its S256 challenge. */
export async function createPkcePair(cryptoImpl = globalThis.crypto) {
  const verifier = base64url(cryptoImpl.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await challengeFor(verifier, cryptoImpl) };
}

/** The page where the user logs in to the CRM and allows this client. */
export function authorizeUrl(serverUrl, client, challenge) {
  const url = new URL(`${serverUrl}/connect/authorize`);
  url.searchParams.set('client', client);
  url.searchParams.set('challenge', challenge);
  return url.href;
}

/**
 * Reads the server's final page of the login: `{code}` or `{error}` when `url` is
 * `{serverUrl}/connect/done?...`, null for any other page (the user is still logging in).
 */
export function readDoneUrl(serverUrl, url) {
  if (typeof url !== 'string') return null;
  let page;
  try {
    page = new URL(url);
  } catch {
    return null;
  }
  const done = new URL(`${serverUrl}/connect/done`);
  if (page.origin !== done.origin || page.pathname !== done.pathname) return null;
  const code = page.searchParams.get('code');
  if (code) return { code };
  return { error: page.searchParams.get('error') || 'no_code' };
}
