/** Returns a keydown handler that calls `cancel` when Escape is pressed. */
export function cancelOnEscape(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };
}
