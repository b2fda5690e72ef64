// Wording of due times on the review and progress screens.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** Describes how long until `due`, such as "in 10 minutes" or "in 3 days"; "now" when it has passed. */
export function dueIn(due: number, now: number): string {
  const wait = due - now;
  if (wait <= 0) {
    return 'now';
  }
  if (wait < HOUR) {
    return relativeTime.format(Math.max(1, Math.round(wait / MINUTE)), 'minute');
  }
  if (wait < DAY) {
    return relativeTime.format(Math.round(wait / HOUR), 'hour');
  }
  return relativeTime.format(Math.round(wait / DAY), 'day');
}

/** Formats a time as a local date and time, such as "3 Mar 2025, 09:10". */
export function formatDateTime(time: number): string {
  return new Date(time).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
