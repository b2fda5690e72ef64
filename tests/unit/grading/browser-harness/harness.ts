// Page that grader-browser.test.ts builds with Vite and drives in Chromium: it exposes
// GraderClient on window so the test can call the real worker through it.

import { GraderClient, GraderError } from '../../../../src/grading/grader-client';

declare global {
  interface Window {
    GraderClient: typeof GraderClient;
    GraderError: typeof GraderError;
    /** One loaded client that several tests share, because each load takes seconds. */
    sharedClient: GraderClient;
  }
}

window.GraderClient = GraderClient;
window.GraderError = GraderError;
window.sharedClient = new GraderClient();
document.body.dataset.ready = 'true';
