// The little of the DOM that message-panel.js uses, enough to click its buttons in node.

class FakeElement {
  constructor(document, tag) {
    this.ownerDocument = document;
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.dataset = {};
    this.listeners = {};
    this.hidden = false;
    this.disabled = false;
    this.ownText = '';
    this.chosen = null;
  }

  // As in a browser: an input starts empty, a select shows its first option.
  get value() {
    if (this.chosen !== null) return this.chosen;
    if (this.tagName === 'SELECT') return this.children.find((c) => c.tagName === 'OPTION')?.value ?? '';
    return '';
  }

  set value(value) {
    this.chosen = String(value);
  }

  get textContent() {
    return this.ownText + this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }

  set textContent(text) {
    this.ownText = String(text);
    this.children = [];
  }

  append(...nodes) {
    this.children.push(...nodes);
  }

  replaceChildren(...nodes) {
    this.ownText = '';
    this.children = nodes;
  }

  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }

  /** Runs the listeners and waits for what they started (they return run()'s promise via the panel). */
  click() {
    return Promise.all((this.listeners.click ?? []).map((listener) => listener()));
  }

  *descendants() {
    for (const child of this.children) {
      if (typeof child === 'string') continue;
      yield child;
      yield* child.descendants();
    }
  }

  /** Supports the one selector the panel uses: `tag[name=value]:checked`. */
  querySelector(selector) {
    const [, tag, name, value, checked] = selector.match(/^(\w+)\[(\w+)=(\w+)\](:checked)?$/);
    for (const el of this.descendants()) {
      if (el.tagName === tag.toUpperCase() && el[name] === value && (!checked || el.checked)) return el;
    }
    return null;
  }

  findAll(predicate) {
    return [...this.descendants()].filter(predicate);
  }

  button(label) {
    const found = this.findAll((el) => el.tagName === 'BUTTON' && el.textContent === label);
    if (found.length !== 1) throw new Error(`${found.length} buttons labelled ${label}`);
    return found[0];
  }
}

export function fakeDocument() {
  const document = { createElement: (tag) => new FakeElement(document, tag) };
  return document;
}
