// The substitution the server makes when it hands out manifest.xml (see the comment at its top and
// docs/connectors-addins.md): the tests check the manifest as Outlook will receive it.

export const PLACEHOLDERS = ['${SWITCHBOARD_URL}', '${SWITCHBOARD_ORIGIN}'];

export function renderManifest(template, serverUrl) {
  const url = serverUrl.replace(/\/+$/, '');
  return template.replaceAll('${SWITCHBOARD_URL}', url).replaceAll('${SWITCHBOARD_ORIGIN}', new URL(url).origin);
}
