/**
 * What the bundled Altair IDE needs from a Content-Security-Policy: its own scripts, inline styles
 * (Angular and the editor add them at run time), its sandbox iframe and web workers from this
 * origin, and requests to this origin only (HTTP and, by 'self', the websocket of subscriptions).
 * Nothing from another origin: the IDE works offline. Checked in headless Chromium: the IDE loads
 * and sends a query without a single violation.
 */
const IDE_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/**
 * The IDE page's policy: its one inline script (the start-up options) runs by a nonce fresh for
 * each page; no eval.
 */
export function idePagePolicy(nonce: string): string {
  return Object.entries({
    ...IDE_DIRECTIVES,
    'script-src': ["'self'", `'nonce-${nonce}'`],
  })
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The policy of the IDE's assets under /graphql-ide/. It counts for the documents and workers
 * among them: the sandbox page, and the worker that runs a user's pre- and post-request scripts,
 * which it evaluates as code ('unsafe-eval', there only: a worker has no DOM and no cookies).
 */
export function ideAssetDirectives(): Record<string, string[]> {
  return { ...IDE_DIRECTIVES, 'script-src': ["'self'", "'unsafe-eval'"] };
}
