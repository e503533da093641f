// A fetch that answers from a table of routes and records every request, so tests can check
// exactly what the add-in sent (URL, method, headers, body) without a network.

export function fakeFetch(routes = []) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const request = {
      url: new URL(url),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body: init.body,
    };
    requests.push(request);
    const route = routes.find((r) => r.method === request.method && r.path === request.url.pathname);
    if (!route) return json(404, { title: 'Not Found', status: 404, detail: `${request.method} ${request.url.pathname}` });
    return route.answer(request);
  };
  return { fetch, requests };
}

export function json(status, body, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function problem(status, title, detail) {
  return json(status, { title, detail, status }, 'application/problem+json');
}

/** The bytes of a request body the add-in sent (Uint8Array, Blob or string). */
export async function bodyBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  return new TextEncoder().encode(String(body));
}
