// The message display action's popup: DOM glue only, the behaviour is in lib/.
import { mountMessagePanel } from '../lib/shared/message-panel.js';
import { readSettings } from '../lib/settings.js';
import { displayedMessage, thunderbirdActions } from '../lib/thunderbird-actions.js';

const root = document.getElementById('panel');

async function start() {
  const settings = await readSettings(messenger.storage.local);
  if (!settings.serverUrl || !settings.loggedIn) {
    const open = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Open settings' });
    open.addEventListener('click', () => messenger.runtime.openOptionsPage());
    root.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: 'Set up your Switchboard server and log in first.' }),
      open,
    );
    return;
  }
  const message = await displayedMessage(messenger);
  if (!message) {
    root.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Select one message.' }));
    return;
  }
  await mountMessagePanel(root, thunderbirdActions({ messenger, message, serverUrl: settings.serverUrl }));
}

start().catch((e) => {
  root.replaceChildren(Object.assign(document.createElement('p'), { className: 'status', textContent: e.message }));
});
