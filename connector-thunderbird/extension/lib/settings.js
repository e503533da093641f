// What the add-in keeps in messenger.storage.local, and the server URL the user typed.

export const CLIENT = 'thunderbird';

export class InvalidServerUrl extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidServerUrl';
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `crm.example.com/` → `https://crm.example.com`. HTTPS only, except on loopback for development:
 * the token travels in every request.
 */
export function normaliseServerUrl(input) {
  let text = String(input ?? '').trim();
  if (!text) throw new InvalidServerUrl('Enter the address of your Switchboard server.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidServerUrl(`Not a web address: ${input}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new InvalidServerUrl('The server address must start with https://');
  }
  if (url.search || url.hash) throw new InvalidServerUrl('The server address takes no ?query or #fragment.');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * The host permission to request for the server (optional_host_permissions in the manifest). Match patterns
 * have no port (they match every port): Thunderbird refuses `http://localhost:8080/*` as "not declared in
 * the manifest" even though `http://localhost/*` is, so the port is left out.
 */
export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The session ConnectorApi needs: where the token is read, and how it is forgotten on a 401. */
export function storedSession(storage) {
  return {
    async token() {
      const { token } = await storage.get('token');
      return token ?? null;
    },
    forget: () => storage.remove(['token', 'tokenId', 'user']),
  };
}

export async function readSettings(storage) {
  const { serverUrl = null, token = null, user = null } = await storage.get(['serverUrl', 'token', 'user']);
  return { serverUrl, loggedIn: Boolean(token), user };
}
