// The panel both add-ins show beside a message (Thunderbird's popup, Outlook's task pane).
// Only DOM glue lives here; what each button does is in the `actions` object the add-in passes:
//   participants()            → [{name, address, role}]
//   people(addresses)         → the /people answer
//   createCase(type, sender)  → {alreadyLogged, case, note?}   sender: {name, address, partner}
//   logChoices(query)         → [{case, linked}]
//   logToCase(caseId)         → {alreadyLogged, case, note?}
//   createContact(fields)     → {created, partner?}
//   logIn()                   → resolves once the user can call the API again
// Text from the server or the message is only ever set with textContent, never parsed as HTML.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).
import { LoginRequired } from './api.js';
import { describeCase } from './case-choices.js';

export function mountMessagePanel(root, actions) {
  const doc = root.ownerDocument;
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(doc.createElement(tag), props);
    for (const child of children) node.append(child);
    return node;
  };
  let sender = null;

  const status = el('p', { className: 'status', role: 'status' });
  const peopleList = el('ul', { className: 'people' });
  const typeSelect = el('select', { id: 'case-type' },
    el('option', { value: 'opportunity', textContent: 'Opportunity' }),
    el('option', { value: 'lead', textContent: 'Lead' }));
  const createButton = el('button', { type: 'button', textContent: 'Create' });
  const search = el('input', { type: 'search', placeholder: 'Search open cases' });
  const choiceList = el('ul', { className: 'choices' });
  const logButton = el('button', { type: 'button', textContent: 'Log to case' });
  const company = el('input', { type: 'text', placeholder: 'Company (optional)' });
  const contactButton = el('button', { type: 'button', textContent: 'Create contact from sender' });
  const loginButton = el('button', { type: 'button', textContent: 'Log in', hidden: true });

  root.replaceChildren(
    status, loginButton,
    el('h2', { textContent: 'People' }), peopleList,
    el('h2', { textContent: 'Create' }), el('div', { className: 'row' }, typeSelect, createButton),
    el('h2', { textContent: 'Log to case' }), search, choiceList, logButton,
    el('h2', { textContent: 'Contact' }), el('div', { className: 'row' }, company, contactButton),
  );

  const say = (text, kind = 'info') => {
    status.textContent = text;
    status.dataset.kind = kind;
  };

  // Every button runs through here: one message for errors, and a Log in button when the token is gone.
  const run = async (work) => {
    try {
      await work();
    } catch (e) {
      if (e instanceof LoginRequired) {
        loginButton.hidden = false;
        say(e.message, 'error');
      } else {
        say(e.message || String(e), 'error');
      }
    }
  };

  const showPeople = (people, found) => {
    const byAddress = new Map((found ?? []).map((p) => [String(p.address).toLowerCase(), p]));
    peopleList.replaceChildren();
    sender = null;
    for (const person of people) {
      const info = byAddress.get(person.address);
      const partner = info?.partner ?? null;
      if (person.role === 'sender') sender = { ...person, partner };
      const label = person.name ? `${person.name} <${person.address}>` : person.address;
      const item = el('li', {}, el('strong', { textContent: label }));
      item.append(el('div', {
        className: 'partner',
        textContent: partner
          ? `${partner.name}${partner.companyName ? ` · ${partner.companyName}` : ''}`
          : 'Not in the CRM',
      }));
      const cases = el('ul', { className: 'cases' });
      for (const c of info?.openCases ?? []) {
        cases.append(el('li', { textContent: `${describeCase(c)}${c.responsible ? ` — ${c.responsible}` : ''}` }));
      }
      item.append(cases);
      peopleList.append(item);
    }
    contactButton.disabled = !sender || Boolean(sender.partner);
  };

  const showChoices = (choices) => {
    choiceList.replaceChildren();
    choices.forEach((choice, index) => {
      const radio = el('input', { type: 'radio', name: 'case', value: String(choice.case.id), checked: index === 0 });
      const text = `${describeCase(choice.case)}${choice.linked ? ' — this thread' : ''}`;
      choiceList.append(el('li', {}, el('label', {}, radio, ' ', text)));
    });
    logButton.disabled = choices.length === 0;
  };

  const loadChoices = () => run(async () => showChoices(await actions.logChoices(search.value.trim())));

  // After a button's work the status keeps its outcome; only the first load talks about loading.
  const load = ({ afterAction = false } = {}) => run(async () => {
    loginButton.hidden = true;
    if (!afterAction) say('Looking up the people of this message…');
    const people = await actions.participants();
    showPeople(people, await actions.people(people.map((p) => p.address)));
    if (!afterAction) say(people.length ? '' : 'No other participants.');
    await loadChoices();
  });

  const reportLogged = (outcome, what) => {
    const name = outcome.case?.name ? ` "${outcome.case.name}"` : '';
    const text = outcome.alreadyLogged ? `Already logged${name}.` : `${what}${name}.`;
    say(outcome.note ? `${text} ${outcome.note}` : text, outcome.alreadyLogged ? 'warn' : 'ok');
  };

  createButton.addEventListener('click', () => run(async () => {
    say('Creating…');
    reportLogged(await actions.createCase(typeSelect.value, sender), 'Created');
    await load({ afterAction: true });
  }));
  logButton.addEventListener('click', () => run(async () => {
    const picked = choiceList.querySelector('input[name=case]:checked');
    if (!picked) return;
    say('Logging…');
    reportLogged(await actions.logToCase(picked.value), 'Logged to');
  }));
  contactButton.addEventListener('click', () => run(async () => {
    if (!sender) return;
    const result = await actions.createContact({
      name: sender.name || sender.address,
      email: sender.address,
      companyName: company.value.trim() || null,
    });
    say(result.created ? `Contact ${sender.address} created.` : `${sender.address} already belongs to a partner.`,
      result.created ? 'ok' : 'warn');
    await load({ afterAction: true });
  }));
  let searchTimer;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(loadChoices, 300); // one request per pause in typing, not per key
  });
  loginButton.addEventListener('click', () => run(async () => {
    await actions.logIn();
    await load();
  }));

  return load();
}
