// Options page: the server URL, Log in, Log out. DOM glue only; the login itself is lib/login.js.
import { logIn, logOut } from '../lib/login.js';
import { normaliseServerUrl, originPattern, readSettings } from '../lib/settings.js';

const storage = messenger.storage.local;
const serverInput = document.getElementById('server-url');
const status = document.getElementById('status');
const logInButton = document.getElementById('log-in');
const logOutButton = document.getElementById('log-out');

function say(text, kind = 'info') {
  status.textContent = text;
  status.dataset.kind = kind;
}

async function show() {
  const settings = await readSettings(storage);
  serverInput.value = settings.serverUrl ?? '';
  logOutButton.disabled = !settings.loggedIn;
  say(settings.loggedIn ? `Logged in as ${settings.user?.name ?? settings.user?.login ?? '?'}.` : 'Not logged in.');
}

logInButton.addEventListener('click', () => {
  let serverUrl;
  try {
    serverUrl = normaliseServerUrl(serverInput.value);
  } catch (e) {
    say(e.message, 'error');
    return;
  }
  // permissions.request must be called while handling the click, before anything is awaited.
  const granted = messenger.permissions.request({ origins: [originPattern(serverUrl)] });
  (async () => {
    if (!(await granted)) {
      say('Switchboard needs access to the server to log in.', 'error');
      return;
    }
    const previous = (await storage.get('serverUrl')).serverUrl;
    if (previous !== serverUrl) await logOut(messenger); // a token belongs to one server
    await storage.set({ serverUrl });
    say('Log in and allow Thunderbird in the window that opened…');
    const user = await logIn({ messenger, serverUrl });
    say(`Logged in as ${user?.name ?? user?.login}.`, 'ok');
    logOutButton.disabled = false;
  })().catch((e) => say(e.message, 'error'));
});

logOutButton.addEventListener('click', async () => {
  await logOut(messenger);
  await show();
});

show();
