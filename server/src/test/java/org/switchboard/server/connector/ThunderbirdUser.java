package org.switchboard.server.connector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.switchboard.server.testing.Thunderbird;
import tools.jackson.databind.JsonNode;

/**
 * What a user does in a running Thunderbird, done through Marionette's chrome context with the same
 * Thunderbird functions its windows call: the address book's sync and card editor (nsIAbDirectory.addCard /
 * modifyCard, which PUT to the CardDAV server), File › Open-and-copy of an .eml into a local folder
 * (nsIMsgCopyService.copyFileMessage, as messages.import does), opening the message in a tab and clicking
 * the Switchboard button of the message header. Every wait has a deadline and says what it waited for.
 */
final class ThunderbirdUser {
    /** The address book's uid, fixed in user.js so the scripts find it. */
    static final String BOOK_UID = "switchboard-crm-e2e";

    private final Thunderbird thunderbird;

    ThunderbirdUser(Thunderbird thunderbird) {
        this.thunderbird = thunderbird;
    }

    /** user.js lines of a CardDAV address book, as Thunderbird's "New CardDAV Address Book" dialog writes them. */
    static Map<String, Object> carddavBook(String url, String username) {
        String p = "ldap_2.servers.switchboard.";
        return Map.of(p + "description", "Switchboard CRM", p + "dirType", 102, p + "filename", "switchboard-crm.sqlite",
                p + "uid", BOOK_UID, p + "carddav.url", url, p + "carddav.username", username,
                // No sync timer (it would start 30 s after launch): the test syncs when it wants to.
                p + "carddav.syncinterval", 0);
    }

    /**
     * user.js line that answers the add-on's optional host permission request (the options page's Log in) as
     * its prompt's Allow would; headless, the prompt could not be clicked.
     */
    static final Map<String, Object> NO_PERMISSION_PROMPT = Map.of("extensions.webextOptionalPermissionPrompts", false);

    /**
     * The password in Thunderbird's password manager, where its CardDAV code looks first (by origin and
     * username); what "Remember this password" in its prompt stores. Headless, a prompt could not be answered.
     */
    void rememberPassword(String origin, String username, String password) throws IOException {
        thunderbird.marionette().run("""
                const login = Cc['@mozilla.org/login-manager/loginInfo;1'].createInstance(Ci.nsILoginInfo);
                login.init(args[0], null, 'Switchboard', args[1], args[2], '', '');
                await Services.logins.addLoginAsync(login);
                """, origin, username, password);
    }

    /** Syncs the CRM book now (what the Synchronize button does) and returns its cards as vCards by UID. */
    JsonNode syncAddressBook() throws IOException {
        return thunderbird.marionette().run(BOOK + """
                await dir.wrappedJSObject.syncWithServer();
                const cards = {};
                for (const card of dir.childCards) cards[card.UID] = card.getProperty('_vCard', '');
                return cards;
                """, BOOK_UID);
    }

    /** Adds {@code values} (vCard property name → value) to a card, as the contact editor's Save does. */
    void editCard(String uid, Map<String, String> values) throws IOException {
        thunderbird.marionette().run(BOOK + """
                const card = dir.childCards.find(c => c.UID == args[1]);
                if (!card) throw new Error('no card ' + args[1] + ' in the book');
                for (const [name, value] of Object.entries(args[2])) {
                  for (const old of card.vCardProperties.getAllEntries(name)) card.vCardProperties.removeEntry(old);
                  card.vCardProperties.addValue(name, value);
                }
                dir.modifyCard(card);
                """, BOOK_UID, uid, values);
    }

    /** A new card from vCard text, saved in the CRM book (Thunderbird PUTs it to the server). Returns its UID. */
    String addCard(String vcard) throws IOException {
        return thunderbird.marionette().run(BOOK + """
                const { VCardUtils } = ChromeUtils.importESModule('resource:///modules/VCardUtils.sys.mjs');
                return dir.addCard(VCardUtils.vCardToAbCard(args[1])).UID;
                """, BOOK_UID, vcard).asString();
    }

    /** Copies an .eml file into the local folder {@code folderName} (made if missing); returns the Message-ID Thunderbird read. */
    String importMessage(Path eml, String folderName) throws IOException {
        return thunderbird.marionette().run("""
                const { MailServices } = ChromeUtils.importESModule('resource:///modules/MailServices.sys.mjs');
                try { MailServices.accounts.localFoldersServer; } catch { MailServices.accounts.createLocalMailAccount(); }
                const root = MailServices.accounts.localFoldersServer.rootFolder;
                if (!root.containsChildNamed(args[1])) root.createSubfolder(args[1], null);
                const folder = root.getChildNamed(args[1]);
                const key = await new Promise((resolve, reject) => MailServices.copy.copyFileMessage(
                  new FileUtils.File(args[0]), folder, null, false, 0, '', {
                    key: null,
                    onStartCopy() {}, onProgress() {}, getMessageId() { return null; },
                    setMessageKey(k) { this.key = k; },
                    onStopCopy(status) { status == Cr.NS_OK ? resolve(this.key) : reject(new Error('copy failed: ' + status)); },
                  }, null));
                return folder.msgDatabase.getMsgHdrForKey(key).messageId;
                """, eml.toAbsolutePath().toString(), folderName).asString();
    }

    /**
     * The add-on's login as a user does it: its options page (in a tab), the server address typed, **Log in**
     * clicked with a real mouse event (permissions.request only works from user input; the permission itself
     * is granted by the profile's {@code extensions.webextOptionalPermissionPrompts=false}, what the prompt's
     * Allow does), then in the login window the add-on opens: username, password, Log in, Allow. Returns the
     * options page's status once the window has closed ("Logged in as …").
     */
    String logInFromOptionsPage(String serverUrl, String username, String password) throws IOException {
        return thunderbird.marionette().run(UNTIL + IN_PAGE + """
                const [addonId, serverUrl, username, password] = args;
                const win = Services.wm.getMostRecentWindow('mail:3pane');
                const tabmail = win.document.getElementById('tabmail');
                const host = WebExtensionPolicy.getByID(addonId).mozExtensionHostname;
                const tab = tabmail.openTab('contentTab', { url: `moz-extension://${host}/options/options.html`, background: false });
                const options = tab.browser;
                await until('the options page', async () => (await inPage(options, `return doc.getElementById('status')?.textContent`))
                  == 'Not logged in.');
                const typed = await inPage(options, `
                  doc.getElementById('server-url').value = ${JSON.stringify(serverUrl)};
                  const r = doc.getElementById('log-in').getBoundingClientRect();
                  for (const type of ['mousedown', 'mouseup']) {
                    content.synthesizeMouseEvent(type, r.left + r.width / 2, r.top + r.height / 2, { button: 0, clickCount: 1, modifiers: 0 },
                      { isDOMEventSynthesized: true, isWidgetEventSynthesized: false });
                  }
                  return true;`);
                if (typed !== true) throw new Error('could not click Log in: ' + JSON.stringify(typed));
                const login = await until('the login window', () => [...Services.wm.getEnumerator('mail:extensionPopup')][0]);
                const browser = await until('its browser', () => login.document.querySelector('browser'));
                const loaded = (path) => browser.currentURI.spec.startsWith(serverUrl + path) && !browser.webProgress?.isLoadingDocument;
                await until('the login form of the server', () => loaded('/login'));
                const form = await inPage(browser, `
                  if (!doc.getElementById('username')) return doc.body && doc.body.innerText;
                  doc.getElementById('username').value = ${JSON.stringify(username)};
                  doc.getElementById('password').value = ${JSON.stringify(password)};
                  doc.getElementById('login').click();
                  return true;`);
                if (form !== true) throw new Error('no login form: ' + JSON.stringify(form));
                await until('the Allow question', () => loaded('/connect/authorize'));
                const question = await inPage(browser, `
                  const allow = doc.getElementById('allow');
                  const text = doc.body.innerText;
                  if (allow) allow.click();
                  return text;`);
                await until('the login window to close', () => login.closed);
                const status = await until('the options page to say it is logged in', async () => {
                  const s = await inPage(options, `return doc.getElementById('status').textContent`);
                  return s && !s.startsWith('Log in and allow') ? s : null;
                });
                tabmail.closeTab(tab);
                return { question, status };
                """, Thunderbird.ADDON_ID, serverUrl, username, password).toString();
    }

    /**
     * Opens the message in a tab, clicks the Switchboard button in its header, waits for the popup to show
     * the message's people, chooses {@code type} and clicks Create; returns the popup's final status
     * ({kind, text, people}).
     */
    JsonNode createCaseFromMessage(String folderName, String messageId, String type) throws IOException {
        return thunderbird.marionette().run(UNTIL + """
                const [folderName, messageId, type, addonId] = args;
                const { MailServices } = ChromeUtils.importESModule('resource:///modules/MailServices.sys.mjs');
                const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
                const folder = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName);
                const header = [...folder.messages].find(m => m.messageId == messageId);
                const win = Services.wm.getMostRecentWindow('mail:3pane');
                const tabmail = win.document.getElementById('tabmail');
                tabmail.openTab('mailMessageTab', { messageURI: folder.getUriForMsg(header), background: false });
                const about = await until('the message in its tab', () => tabmail.currentAboutMessage?.gMessage?.messageId == messageId
                  && tabmail.currentAboutMessage);
                // The button's id is Thunderbird's makeWidgetId(add-on id) + '-messageDisplayAction-toolbarbutton'.
                const buttonId = addonId.toLowerCase().replace(/[^a-z0-9_-]/g, '_') + '-messageDisplayAction-toolbarbutton';
                const button = await until('the Switchboard button', () => about.document.getElementById(buttonId));
                button.click();
                const extension = WebExtensionPolicy.getByID(addonId).extension;
                const popup = await until('the popup', () => ViewPopup.for(extension, win)?.browser && ViewPopup.for(extension, win));
                // The popup runs in the extensions' content process: a frame script clicks in it and reports back.
                const mm = popup.browser.messageManager;
                const outcome = new Promise(resolve => mm.addMessageListener('switchboard-test:outcome', m => resolve(m.data)));
                mm.loadFrameScript('data:,' + encodeURIComponent(`
                  const started = Date.now();
                  let clicked = false;
                  const step = () => {
                    const doc = content.document;
                    const status = doc.querySelector('.status');
                    const people = [...doc.querySelectorAll('ul.people > li')].map(li => li.textContent);
                    const create = [...doc.querySelectorAll('button')].find(b => b.textContent == 'Create');
                    if (!clicked && create && people.length && status && status.dataset.kind == 'info' && status.textContent == '') {
                      doc.getElementById('case-type').value = ${JSON.stringify(type)};
                      create.click();
                      clicked = true;
                    } else if (clicked && ['ok', 'warn', 'error'].includes(status.dataset.kind)) {
                      sendAsyncMessage('switchboard-test:outcome', { kind: status.dataset.kind, text: status.textContent, people });
                      return;
                    } else if (Date.now() - started > 30000) {
                      sendAsyncMessage('switchboard-test:outcome', { kind: 'timeout', clicked, text: status && status.textContent,
                        page: doc.body && doc.body.innerText });
                      return;
                    }
                    content.setTimeout(step, 100);
                  };
                  step();
                `), false);
                return await outcome;
                """, folderName, messageId, type, Thunderbird.ADDON_ID);
    }

    /** {@code await until(what, read, ms)}: polls {@code read} every 100 ms until it gives something truthy, or fails naming {@code what}. */
    private static final String UNTIL = """
            const until = async (what, read, ms = 30000) => {
              const deadline = Date.now() + ms;
              for (;;) {
                const value = await read();
                if (value) return value;
                if (Date.now() > deadline) throw new Error('waited ' + ms + ' ms for ' + what);
                await new Promise(r => setTimeout(r, 100));
              }
            };
            """;

    /**
     * {@code await inPage(browser, code)}: runs {@code code} (a function body; {@code doc} is the page's document)
     * in a content browser's process through a frame script, and gives what it returns (JSON).
     */
    private static final String IN_PAGE = """
            const inPage = (browser, code) => new Promise(resolve => {
              const mm = browser.messageManager;
              const name = 'switchboard-test:' + Math.random();
              const listener = m => { mm.removeMessageListener(name, listener); resolve(m.data); };
              mm.addMessageListener(name, listener);
              // a page being replaced never answers: null, and the caller's until() asks again
              setTimeout(() => { mm.removeMessageListener(name, listener); resolve(null); }, 3000);
              mm.loadFrameScript('data:,' + encodeURIComponent(`try {
                const doc = content.document;
                sendAsyncMessage(${JSON.stringify(name)}, (() => { ${code} })());
              } catch (e) { sendAsyncMessage(${JSON.stringify(name)}, { error: String(e) }); }`), false);
            });
            """;

    private static final String BOOK = """
            const { MailServices } = ChromeUtils.importESModule('resource:///modules/MailServices.sys.mjs');
            const dir = MailServices.ab.getDirectoryFromUID(args[0]);
            if (!dir) throw new Error('no address book ' + args[0] + ': is it in user.js?');
            """;
}
