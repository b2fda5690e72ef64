/** File name of the built service worker, next to index.html, so that its scope is the app's folder. */
export const SERVICE_WORKER_FILE_NAME = 'sw.js';
