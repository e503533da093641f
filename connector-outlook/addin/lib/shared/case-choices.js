// The cases offered by "Log to case": the case the thread is already linked to comes first, so
// logging a reply is one click; the open cases found by the search follow, each once.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

export function caseChoices(threadCase, openCases = []) {
  const choices = [];
  if (threadCase) choices.push({ case: threadCase, linked: true });
  for (const found of openCases) {
    if (threadCase && String(found.id) === String(threadCase.id)) continue;
    choices.push({ case: found, linked: false });
  }
  return choices;
}

/** One line naming a case: `Opportunity · Big deal (Proposal)`. */
export function describeCase(c) {
  const kind = c.type === 'lead' ? 'Lead' : 'Opportunity';
  const stage = c.stage ? ` (${c.stage})` : '';
  return `${kind} · ${c.name}${stage}`;
}
