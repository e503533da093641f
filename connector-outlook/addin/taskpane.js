// The task pane: DOM glue only, the behaviour is in lib/.
import { mountMessagePanel } from './lib/shared/message-panel.js';
import { outlookActions } from './lib/outlook-actions.js';
import { serverUrlOfPage } from './lib/server-url.js';
import { tokenStore } from './lib/token-store.js';

const root = document.getElementById('panel');
const serverUrl = serverUrlOfPage(window.location.href);
const store = tokenStore();

function showItem() {
  if (!Office.context.mailbox.item) {
    root.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Select one message.' }));
    return;
  }
  mountMessagePanel(root, outlookActions({ Office, serverUrl, store }));
}

Office.onReady(() => {
  showItem();
  // A pinned task pane stays open while the user moves to another message (Mailbox 1.5).
  Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, showItem);
});
