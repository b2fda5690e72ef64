/** Returns a new random row id (a UUID), unique across devices so that packs can carry ids. */
export function newId(): string {
  return crypto.randomUUID();
}
