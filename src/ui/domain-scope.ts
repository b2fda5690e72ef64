/** Returns the route `path` limited to one domain, or to every domain when `domainId` is null. */
export function scopedPath(path: string, domainId: string | null): string {
  return domainId === null ? path : `${path}?domain=${encodeURIComponent(domainId)}`;
}
