// Hash-based routing: the path lives after '#', so the static build works from any
// sub-path and on any file server without rewrite rules.

export interface Location {
  /** Path after the '#', always starting with '/'. */
  path: string;
  query: URLSearchParams;
}

function readLocation(): Location {
  const raw = window.location.hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path, query: new URLSearchParams(queryPart) };
}

class Router {
  location = $state<Location>(readLocation());

  constructor() {
    window.addEventListener('hashchange', () => {
      this.location = readLocation();
    });
  }

  /** Goes to `path` (such as '/domains/abc?tab=x'), adding a history entry. */
  navigate(path: string): void {
    const target = `#${path}`;
    if (window.location.hash === target) {
      this.location = readLocation();
      return;
    }
    window.location.hash = path;
  }
}

export const router = new Router();

/** Returns the href for an in-app path, for use in links. */
export function hrefFor(path: string): string {
  return `#${path}`;
}
