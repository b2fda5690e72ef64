// The one message line under the header: confirmations, errors and undo offers. It is
// rendered inside a live region, so screen readers announce each new message.

export type NoticeKind = 'info' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
  /** Label and action of an undo button, when the change can be undone. */
  undo?: { label: string; run: () => Promise<void> };
}

class Notices {
  current = $state<Notice | null>(null);
  #nextId = 1;

  info(text: string, undo?: Notice['undo']): void {
    this.current = { id: this.#nextId++, kind: 'info', text, ...(undo ? { undo } : {}) };
  }

  error(text: string): void {
    this.current = { id: this.#nextId++, kind: 'error', text };
  }

  /** Shows `error`'s message, which storage and grader errors write for the learner. */
  failure(error: unknown): void {
    this.error(error instanceof Error ? error.message : String(error));
  }

  dismiss(): void {
    this.current = null;
  }

  /** Clears a message when the learner moves to another screen; an undo offer stays until the next change. */
  leaveScreen(): void {
    if (this.current !== null && this.current.undo === undefined) {
      this.current = null;
    }
  }
}

export const notices = new Notices();
