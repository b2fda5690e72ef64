/** Moves keyboard and screen reader focus to the current screen's main heading. */
export function focusScreenHeading(): void {
  const heading = document.querySelector<HTMLElement>('#main-content h1');
  if (heading === null) {
    return;
  }
  if (!heading.hasAttribute('tabindex')) {
    heading.setAttribute('tabindex', '-1');
  }
  heading.focus();
}

/** Focuses the element with `id` once it exists in the page; used after a re-render. */
export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}
