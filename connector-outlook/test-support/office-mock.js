// An Outlook for the tests, built with office-addin-mock (host "outlook": no load/sync bookkeeping).
// Every Office call the add-in makes is recorded in `calls`.
import { OfficeMockObject } from 'office-addin-mock';

export const SUCCEEDED = 'succeeded';

/**
 * @param mailboxVersion  the highest Mailbox requirement set this Outlook supports, e.g. '1.14' or '1.7'
 * @param item            the message in the reading pane (from/to/cc, subject, …)
 * @param eml             the raw message getAsFileAsync gives (as text; sent as base64 like Outlook does)
 * @param headers         what getAllInternetHeadersAsync gives
 * @param dialog          (url) => {message} | {event} — what the login dialog answers
 */
export function fakeOffice({ mailboxVersion = '1.14', item = {}, eml = '', headers = '', bodyText = '', dialog } = {}) {
  const calls = { getAsFile: 0, bodyGet: [], headersGet: 0, dialogsOpened: [], dialogsClosed: 0, setsAsked: [] };
  const done = (value) => ({ status: SUCCEEDED, value });
  const data = {
    host: 'outlook',
    AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: 'failed' },
    CoercionType: { Text: 'text', Html: 'html' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived', ItemChanged: 'olkItemSelectedChanged' },
    context: {
      requirements: {
        isSetSupported(name, version) {
          calls.setsAsked.push(`${name} ${version}`);
          return name === 'Mailbox' && compareVersions(version, mailboxVersion) <= 0;
        },
      },
      mailbox: {
        userProfile: { emailAddress: 'sam@switchboard.example', displayName: 'Sam' },
        item: {
          itemType: 'message',
          ...item,
          getAsFileAsync(callback) {
            calls.getAsFile++;
            callback(done(Buffer.from(eml, 'utf8').toString('base64')));
          },
          getAllInternetHeadersAsync(callback) {
            calls.headersGet++;
            callback(done(headers));
          },
          body: {
            getAsync(coercion, callback) {
              calls.bodyGet.push(coercion);
              callback(done(bodyText));
            },
          },
        },
      },
      ui: {
        displayDialogAsync(url, options, callback) {
          calls.dialogsOpened.push({ url, options });
          const handlers = {};
          callback(done({
            addEventHandler: (type, handler) => {
              handlers[type] = handler;
            },
            close: () => {
              calls.dialogsClosed++;
            },
          }));
          // The user logs in and allows (or not) a moment later.
          setTimeout(async () => {
            const answer = await dialog(url);
            if ('message' in answer) handlers.dialogMessageReceived({ message: answer.message, origin: new URL(url).origin });
            else handlers.dialogEventReceived({ error: answer.event });
          }, 1);
        },
      },
    },
  };
  const Office = new OfficeMockObject(data);
  return { Office, calls };
}

function compareVersions(a, b) {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

/** localStorage as the task pane has it. */
export function fakeLocalStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}
