// One confirmation dialog for the whole app: a screen awaits `confirmAction(...)`, and
// the dialog component rendered by App shows the request and settles the promise.

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
}

interface PendingConfirm extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

class ConfirmState {
  pending = $state<PendingConfirm | null>(null);

  /** Shows the dialog and resolves true when the learner confirms, false when they cancel. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.pending?.resolve(false);
    return new Promise<boolean>((resolve) => {
      this.pending = { ...request, resolve };
    });
  }

  settle(confirmed: boolean): void {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(confirmed);
  }
}

export const confirmation = new ConfirmState();

export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return confirmation.ask(request);
}
