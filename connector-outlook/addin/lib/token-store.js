// Where the Outlook add-in keeps its token. OfficeRuntime.storage exists only where the add-in runs
// in a shared runtime; the task pane's own localStorage serves everywhere else.

const KEYS = { token: 'switchboard.token', tokenId: 'switchboard.tokenId', user: 'switchboard.user' };

export function tokenStore({ OfficeRuntime = globalThis.OfficeRuntime, localStorage = globalThis.localStorage } = {}) {
  const area = OfficeRuntime?.storage
    ? {
        get: (key) => OfficeRuntime.storage.getItem(key),
        set: (key, value) => OfficeRuntime.storage.setItem(key, value),
        remove: (key) => OfficeRuntime.storage.removeItem(key),
      }
    : {
        get: async (key) => localStorage.getItem(key),
        set: async (key, value) => localStorage.setItem(key, value),
        remove: async (key) => localStorage.removeItem(key),
      };
  const forget = async () => {
    for (const key of Object.values(KEYS)) await area.remove(key);
  };
  return {
    async saveLogin({ token, tokenId, user }) {
      await area.set(KEYS.token, token);
      await area.set(KEYS.tokenId, String(tokenId ?? ''));
      await area.set(KEYS.user, JSON.stringify(user ?? null));
    },
    async user() {
      const text = await area.get(KEYS.user);
      return text ? JSON.parse(text) : null;
    },
    forget,
    /** The session ConnectorApi needs. */
    session: () => ({ token: async () => (await area.get(KEYS.token)) || null, forget }),
  };
}
