// The task pane is served by the CRM itself (/connectors/outlook/taskpane.html), so the server's
// base URL is where the page came from: nothing to configure in Outlook.

const PANE_PATH = '/connectors/outlook/';

export function serverUrlOfPage(href) {
  const url = new URL(href);
  const at = url.pathname.lastIndexOf(PANE_PATH);
  const prefix = at >= 0 ? url.pathname.slice(0, at) : '';
  return url.origin + prefix.replace(/\/+$/, '');
}
