// JSON and XML calls to the console's session-authenticated API (/console-api, same origin).
// Every POST carries the CSRF token the page template puts into <meta name="_csrf">.

/** An HTTP answer that is not a success; `problem` is the RFC 9457 body when there is one. */
export class HttpError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function getText(url) {
  const response = await fetch(url, { headers: { Accept: 'application/xml, text/xml, */*' } });
  if (!response.ok) {
    throw await failure(response, `could not load ${url}`);
  }
  return response.text();
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw await failure(response, `could not load ${url}`);
  }
  return response.json();
}

/** POSTs the XML text; answers { status, body } for any JSON answer, so callers read 422 problems. */
export function postXml(url, xml) {
  return post(url, xml, { 'Content-Type': 'application/xml' });
}

/** POSTs a multipart form with one file field `file`. */
export function postFile(url, text, fileName, type) {
  const form = new FormData();
  form.append('file', new Blob([text], { type }), fileName);
  return post(url, form, {});
}

async function post(url, body, headers) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { Accept: 'application/json, application/problem+json', ...csrfHeader(), ...headers }
  });
  return { status: response.status, body: await jsonOrNull(response) };
}

function csrfHeader() {
  const name = document.querySelector('meta[name="_csrf_header"]')?.content;
  const token = document.querySelector('meta[name="_csrf"]')?.content;
  return name && token ? { [name]: token } : {};
}

async function failure(response, fallback) {
  return new HttpError(response.status, await jsonOrNull(response), `${fallback} (${response.status})`);
}

async function jsonOrNull(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}
