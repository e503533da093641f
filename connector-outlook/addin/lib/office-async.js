// Office.js reports through callbacks with an AsyncResult; these turn them into promises.

export class OfficeCallFailed extends Error {
  constructor(error) {
    super(error?.message || 'Outlook could not do that.');
    this.name = 'OfficeCallFailed';
    this.code = error?.code ?? null;
  }
}

/** `officeCall(Office, (done) => item.body.getAsync('text', done))` → the result's value. */
export function officeCall(Office, start) {
  return new Promise((resolve, reject) => {
    start((result) => {
      if (result?.status === (Office.AsyncResultStatus?.Succeeded ?? 'succeeded')) resolve(result.value);
      else reject(new OfficeCallFailed(result?.error));
    });
  });
}

/** Whether this Outlook has requirement set Mailbox `version`. */
export function hasMailbox(Office, version) {
  return Boolean(Office.context.requirements?.isSetSupported('Mailbox', version));
}
