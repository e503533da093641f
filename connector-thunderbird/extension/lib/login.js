// Logging in to the CRM from Thunderbird: the user logs in on the server's own page in a popup
// window, so the add-in never sees a password; it watches that window for the final
// /connect/done?code=… page, then trades the code (with its PKCE verifier) for an API token.
import { ConnectorApi } from './shared/api.js';
import { LoginCancelled, LoginRefused } from './shared/login-errors.js';
import { authorizeUrl, createPkcePair, readDoneUrl } from './shared/pkce.js';
import { CLIENT } from './settings.js';

export { LoginCancelled, LoginRefused };

/** Runs the whole login; resolves with the user the token belongs to, which is stored with it. */
export async function logIn({ messenger, serverUrl, fetch, crypto = globalThis.crypto }) {
  const { verifier, challenge } = await createPkcePair(crypto);
  const code = await codeFromLoginWindow(messenger, serverUrl, authorizeUrl(serverUrl, CLIENT, challenge));
  const api = new ConnectorApi({ serverUrl, session: null, fetch });
  const { token, tokenId, user } = await api.exchangeCode(code, verifier);
  await messenger.storage.local.set({ token, tokenId, user });
  return user;
}

/** Forgets the token on this computer (the server-side token is revoked from the CRM's profile page). */
export function logOut(messenger) {
  return messenger.storage.local.remove(['token', 'tokenId', 'user']);
}

function codeFromLoginWindow(messenger, serverUrl, url) {
  return new Promise((resolve, reject) => {
    let windowId = null;
    let finished = false;
    const early = new Map(); // done pages seen before windows.create answered, by window id
    const finish = () => {
      finished = true;
      messenger.tabs.onUpdated.removeListener(onUpdated);
      messenger.windows.onRemoved.removeListener(onRemoved);
    };
    // The tab's URL is visible to us because the user granted the server's host permission.
    const onUpdated = (tabId, changeInfo, tab) => {
      if (finished) return;
      const done = readDoneUrl(serverUrl, changeInfo?.url ?? tab?.url);
      if (!done) return;
      if (windowId === null) early.set(tab?.windowId, done);
      else if (tab?.windowId === windowId) settle(done);
    };
    const settle = (done) => {
      finish();
      Promise.resolve(messenger.windows.remove(windowId)).catch(() => {}); // already closed: fine
      if (done.code) resolve(done.code);
      else reject(new LoginRefused(done.error));
    };
    const onRemoved = (closedId) => {
      if (finished || closedId !== windowId) return;
      finish();
      reject(new LoginCancelled());
    };
    messenger.tabs.onUpdated.addListener(onUpdated);
    messenger.windows.onRemoved.addListener(onRemoved);
    messenger.windows.create({ type: 'popup', url, width: 520, height: 720 }).then(
      (window) => {
        windowId = window.id;
        if (early.has(windowId)) settle(early.get(windowId));
      },
      (e) => {
        finish();
        reject(e);
      },
    );
  });
}
