// A hand-written stand-in for Thunderbird's `messenger` object: just the calls the add-in makes,
// with their Manifest V3 shapes, and records of what was called.

export function fakeEvent() {
  const listeners = new Set();
  return {
    addListener: (fn) => listeners.add(fn),
    removeListener: (fn) => listeners.delete(fn),
    hasListener: (fn) => listeners.has(fn),
    get count() {
      return listeners.size;
    },
    fire: (...args) => [...listeners].forEach((fn) => fn(...args)),
  };
}

export function fakeStorageArea(initial = {}) {
  const data = { ...initial };
  const pick = (keys) => {
    if (keys == null) return { ...data };
    if (typeof keys === 'string') keys = [keys];
    if (Array.isArray(keys)) return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]));
    return Object.fromEntries(Object.entries(keys).map(([k, fallback]) => [k, k in data ? data[k] : fallback]));
  };
  return {
    data,
    get: async (keys) => structuredClone(pick(keys)),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => [].concat(keys).forEach((k) => delete data[k]),
  };
}

/**
 * @param raw         message id → raw message text
 * @param rawAs       'File' (Thunderbird 117+ with data_format) or 'binary-string' (older behaviour)
 * @param displayed   the MessageHeaders shown in the active tab
 * @param identities  the user's own addresses
 */
export function fakeMessenger({ raw = {}, rawAs = 'File', displayed = [], identities = [], storage = {} } = {}) {
  const calls = { getRaw: [], windowsCreated: [], windowsRemoved: [], optionsOpened: 0 };
  let nextWindowId = 40;
  return {
    calls,
    storage: { local: fakeStorageArea(storage) },
    messages: {
      async getRaw(id, options) {
        calls.getRaw.push({ id, options });
        if (!(id in raw)) throw new Error(`no message ${id}`);
        const bytes = new TextEncoder().encode(raw[id]);
        if (rawAs === 'File' && options?.data_format === 'File') {
          return new File([bytes], 'message.eml', { type: 'message/rfc822' });
        }
        return String.fromCharCode(...bytes);
      },
    },
    messageDisplay: {
      getDisplayedMessages: async (tabId) => ({ id: null, messages: tabId === 7 ? displayed : [] }),
    },
    tabs: {
      query: async () => [{ id: 7, windowId: 1, active: true }],
      onUpdated: fakeEvent(),
    },
    windows: {
      async create(options) {
        const window = { id: ++nextWindowId, type: options.type, tabs: [{ id: nextWindowId * 10, url: options.url }] };
        calls.windowsCreated.push({ options, window });
        return window;
      },
      async remove(id) {
        calls.windowsRemoved.push(id);
      },
      onRemoved: fakeEvent(),
    },
    accounts: {
      list: async () => [{ id: 'account1', identities: identities.map((email) => ({ email })) }],
    },
    permissions: { request: async () => true },
    runtime: {
      openOptionsPage: async () => {
        calls.optionsOpened++;
      },
    },
  };
}
