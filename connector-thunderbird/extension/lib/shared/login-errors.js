// How a login can end without a token.
// Shared file: connector-thunderbird and connector-outlook carry identical copies (a test checks).

/** The server's done page reported an error, e.g. the user did not allow access (`access_denied`). */
export class LoginRefused extends Error {
  constructor(reason) {
    super(reason === 'access_denied' ? 'Access was not allowed.' : `Login failed: ${reason}`);
    this.name = 'LoginRefused';
    this.reason = reason;
  }
}

/** The user closed the login window before the login finished. */
export class LoginCancelled extends Error {
  constructor() {
    super('The login window was closed before the login finished.');
    this.name = 'LoginCancelled';
  }
}
