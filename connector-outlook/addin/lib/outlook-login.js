// Logging in to the CRM from Outlook: the server's login page opens in an Office dialog; after the
// user logs in and allows, the server's /connect/done page calls Office.context.ui.messageParent(code)
// (or messageParent("error:<reason>") when refused), and the task pane trades the code for a token.
import { ConnectorApi } from './shared/api.js';
import { LoginCancelled, LoginRefused } from './shared/login-errors.js';
import { authorizeUrl, createPkcePair } from './shared/pkce.js';

export const CLIENT = 'outlook';
const DIALOG_CLOSED_BY_USER = 12006; // Office's code for "the user closed the dialog"

export async function logInWithDialog({ Office, serverUrl, store, fetch, crypto = globalThis.crypto }) {
  const { verifier, challenge } = await createPkcePair(crypto);
  const code = await codeFromDialog(Office, authorizeUrl(serverUrl, CLIENT, challenge));
  const grant = await new ConnectorApi({ serverUrl, session: null, fetch }).exchangeCode(code, verifier);
  await store.saveLogin(grant);
  return grant.user;
}

/** What the done page sent: the code, or `error:<reason>`. */
export function readDialogMessage(message) {
  const text = String(message ?? '');
  if (text.startsWith('error:')) return { error: text.slice('error:'.length) || 'unknown' };
  return text ? { code: text } : { error: 'no_code' };
}

function codeFromDialog(Office, url) {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url, { height: 70, width: 35 }, (opened) => {
      if (opened.status !== (Office.AsyncResultStatus?.Succeeded ?? 'succeeded')) {
        reject(new Error(opened.error?.message || 'Outlook could not open the login window.'));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const answer = readDialogMessage(arg.message);
        if (answer.code) resolve(answer.code);
        else reject(new LoginRefused(answer.error));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        reject(arg.error === DIALOG_CLOSED_BY_USER ? new LoginCancelled() : new Error(`The login window failed (${arg.error}).`));
      });
    });
  });
}
