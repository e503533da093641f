// The CRM's connector API (/api/connector/*), as both add-ins call it.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

/** An error answer of the server (RFC 9457 problem: title, detail, status). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    const body = problem && typeof problem === 'object' ? problem : {};
    // A proxy's HTML error page is no message for a user: only a short plain text answer is shown.
    const text = typeof problem === 'string' && problem.length <= 200 && !problem.includes('<') ? problem : null;
    super(body.detail || body.title || text || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.title = body.title ?? null;
    this.detail = body.detail ?? null;
    this.problem = body;
  }
}

/** No token, or the server refused it (revoked or expired): the user must log in again. */
export class LoginRequired extends Error {
  constructor(message = 'Log in to Switchboard first.') {
    super(message);
    this.name = 'LoginRequired';
  }
}

const RFC822 = 'message/rfc822';

export class ConnectorApi {
  /**
   * @param serverUrl  the CRM's base URL, without a trailing slash (https://crm.example.com)
   * @param session    { token(): Promise<string|null>, forget(): Promise<void> } — where the token lives
   * @param fetch      the Fetch API (injected so tests can record requests)
   */
  constructor({ serverUrl, session, fetch: fetchImpl = (...args) => globalThis.fetch(...args) }) {
    this.serverUrl = serverUrl;
    this.session = session;
    this.fetch = fetchImpl;
  }

  /** Partners and open cases of these addresses, one entry per address. */
  async people(addresses) {
    if (addresses.length === 0) return [];
    const { body } = await this.#call('GET', '/api/connector/people', { query: { address: addresses } });
    return body;
  }

  /** A lead or opportunity made from the raw message; `alreadyLogged` when its Message-ID was seen before. */
  async createCaseFromMessage(type, rawMessage) {
    const answer = await this.#call('POST', '/api/connector/cases', { query: { type }, raw: rawMessage });
    return loggedOutcome(answer);
  }

  /** The structured fallback when the client cannot give the raw message. */
  async createCase({ type, name, partnerId, contactName, email, description }) {
    const { body } = await this.#call('POST', '/api/connector/cases', {
      json: { type, name, partnerId, contactName, email, description },
    });
    return { alreadyLogged: false, case: body };
  }

  /** Adds the raw message to a case's history. */
  async logMessage(caseId, rawMessage) {
    const answer = await this.#call('POST', `/api/connector/cases/${encodeURIComponent(caseId)}/messages`, {
      raw: rawMessage,
    });
    return loggedOutcome(answer);
  }

  /** Open cases whose name matches `q` (all open cases the user may see when `q` is empty). */
  async searchCases(q, limit = 20) {
    const { body } = await this.#call('GET', '/api/connector/cases', { query: { q: q ?? '', limit } });
    return body;
  }

  /** The case this thread is already linked to, or null. */
  async threadCase(messageIds) {
    if (messageIds.length === 0) return null;
    const { body } = await this.#call('GET', '/api/connector/threads', { query: { messageId: messageIds } });
    return body?.case ?? null;
  }

  /** A new contact; `{created:false}` when the address already belongs to a partner (409). */
  async createContact({ name, email, companyName }) {
    try {
      const { body } = await this.#call('POST', '/api/connector/contacts', { json: { name, email, companyName } });
      return { created: true, partner: body };
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 409) return { created: false, problem: e };
      throw e;
    }
  }

  /** Trades the one-time login code for an API token: `{token, tokenId, user}`. */
  async exchangeCode(code, verifier) {
    const { body } = await this.#call('POST', '/api/connector/token', { json: { code, verifier }, anonymous: true });
    return body;
  }

  async #call(method, path, { query, json, raw, anonymous = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (!anonymous) {
      const token = await this.session.token();
      if (!token) throw new LoginRequired();
      headers.Authorization = `Bearer ${token}`;
    }
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (raw !== undefined) {
      headers['Content-Type'] = RFC822;
      body = raw;
    }
    const response = await this.fetch(urlOf(this.serverUrl, path, query), { method, headers, body });
    if (response.status === 401 && !anonymous) {
      // The token was revoked or has expired: keeping it would fail every later call the same way.
      await this.session.forget();
      throw new LoginRequired('Your Switchboard login has expired or was revoked. Log in again.');
    }
    const answer = await readBody(response);
    if (!response.ok) throw new ApiProblem(response.status, answer);
    return { status: response.status, body: answer };
  }
}

function urlOf(serverUrl, path, query = {}) {
  const url = new URL(serverUrl + path);
  for (const [name, value] of Object.entries(query)) {
    for (const one of [].concat(value)) url.searchParams.append(name, String(one));
  }
  return url.href;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  const type = response.headers?.get?.('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

// 201: the new case. 200 with alreadyLogged: the server had this Message-ID already.
function loggedOutcome({ status, body }) {
  if (status === 200 && body && body.alreadyLogged) {
    return { alreadyLogged: true, case: body.case ?? null };
  }
  return { alreadyLogged: false, case: body };
}
