// What the task pane's buttons do in Outlook, for the item open in the reading pane.
import { ConnectorApi } from './shared/api.js';
import { caseChoices } from './shared/case-choices.js';
import { logInWithDialog } from './outlook-login.js';
import {
  ATTACHMENTS_NOTE, fallbackDescription, participantsOfItem, readMessage, rebuildRfc822, threadIdsOf,
} from './outlook-message.js';

/**
 * @param Office     the Office.js namespace (a mock in tests)
 * @param serverUrl  the CRM's base URL (the page's own origin, see server-url.js)
 * @param store      token-store.js
 * @param fetch      injected for tests
 */
export function outlookActions({ Office, serverUrl, store, fetch, crypto }) {
  const api = new ConnectorApi({ serverUrl, session: store.session(), fetch });
  let message = null;
  const readOnce = () => (message ??= readMessage(Office)); // one export per item, whatever the buttons
  const threadCase = async () => api.threadCase(threadIdsOf(await readOnce()));

  return {
    api,
    participants: async () => participantsOfItem(Office),
    people: (addresses) => api.people(addresses),
    async createCase(type, sender) {
      const m = await readOnce();
      if (m.raw) return api.createCaseFromMessage(type, m.raw);
      // No raw message before Mailbox 1.14: the structured endpoint, with what Outlook can give.
      const from = sender ?? (m.from ? { name: m.from.name, address: m.from.address, partner: null } : null);
      const outcome = await api.createCase({
        type,
        name: m.subject || '(no subject)',
        partnerId: from?.partner?.id ?? null,
        contactName: from?.name || null,
        email: from?.address ?? null,
        description: fallbackDescription(m),
      });
      return { ...outcome, note: ATTACHMENTS_NOTE };
    },
    threadCase,
    async logChoices(query) {
      const [linked, open] = await Promise.all([threadCase(), api.searchCases(query)]);
      return caseChoices(linked, open);
    },
    async logToCase(caseId) {
      const m = await readOnce();
      if (m.raw) return api.logMessage(caseId, m.raw);
      return { ...(await api.logMessage(caseId, rebuildRfc822(m))), note: ATTACHMENTS_NOTE };
    },
    createContact: (fields) => api.createContact(fields),
    logIn: () => logInWithDialog({ Office, serverUrl, store, fetch, crypto }),
  };
}
