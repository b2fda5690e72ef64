// Calendar days in the device's time zone, which is how a learner counts "today".

/** Returns the local midnight that starts the day containing `time` (ms since the epoch). */
export function startOfLocalDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Returns the local midnight `days` days after the one starting at `dayStart`; days may be 23 or 25 hours long. */
export function addLocalDays(dayStart: number, days: number): number {
  const date = new Date(dayStart);
  date.setDate(date.getDate() + days);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Returns the local day as YYYY-MM-DD. */
export function localDayLabel(time: number): string {
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
