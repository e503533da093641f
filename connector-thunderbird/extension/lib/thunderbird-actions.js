// What the popup's buttons do in Thunderbird, for the message displayed in the current tab.
import { ConnectorApi } from './shared/api.js';
import { caseChoices } from './shared/case-choices.js';
import { headerTextOf, threadMessageIds } from './shared/message-headers.js';
import { parseMailbox, parseMailboxList, participantsOf } from './shared/participants.js';
import { rawMessageBytes } from './raw-message.js';
import { storedSession } from './settings.js';

/** The one message displayed in the active tab, or null (none, or several selected). */
export async function displayedMessage(messenger) {
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  if (!tab) return null;
  // Manifest V3 answers a MessageList ({messages}); V2 answered an array.
  const list = await messenger.messageDisplay.getDisplayedMessages(tab.id);
  const messages = Array.isArray(list) ? list : (list?.messages ?? []);
  return messages.length === 1 ? messages[0] : null;
}

/** The addresses of the user's own identities, to leave out of the participants. */
export async function ownAddresses(messenger) {
  const accounts = await messenger.accounts.list(false);
  return accounts.flatMap((a) => a.identities ?? []).map((i) => i.email).filter(Boolean);
}

/** Participants of a MessageHeader (author, recipients, ccList are RFC 5322 strings). */
export function participantsOfHeader(header, own) {
  const list = (values) => (values ?? []).flatMap(parseMailboxList);
  return participantsOf({ from: parseMailbox(header.author), to: list(header.recipients), cc: list(header.ccList) }, own);
}

/**
 * @param messenger  the MailExtension API
 * @param message    the displayed MessageHeader
 * @param serverUrl  the CRM's base URL from the options
 * @param fetch      injected for tests
 */
export function thunderbirdActions({ messenger, message, serverUrl, fetch }) {
  const api = new ConnectorApi({ serverUrl, session: storedSession(messenger.storage.local), fetch });
  let raw = null;
  const rawMessage = () => (raw ??= rawMessageBytes(messenger, message.id)); // read once, used by every button
  const threadCase = async () => api.threadCase(threadMessageIds(headerTextOf(await rawMessage())));

  return {
    api,
    async participants() {
      return participantsOfHeader(message, await ownAddresses(messenger));
    },
    people: (addresses) => api.people(addresses),
    async createCase(type) {
      return api.createCaseFromMessage(type, await rawMessage());
    },
    threadCase,
    async logChoices(query) {
      const [linked, open] = await Promise.all([threadCase(), api.searchCases(query)]);
      return caseChoices(linked, open);
    },
    async logToCase(caseId) {
      return api.logMessage(caseId, await rawMessage());
    },
    createContact: (fields) => api.createContact(fields),
    // Logging in needs the host permission, which Thunderbird only grants from a user action in the
    // options page; the popup sends the user there.
    logIn: () => messenger.runtime.openOptionsPage(),
  };
}
