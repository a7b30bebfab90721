/**
 * Write coalescing: the first write of a connection in an event-loop turn corks its socket and
 * registers it here; one shared nextTick callback uncorks them all, so every frame a connection
 * got during the turn (a burst of publishes) leaves in a single writev system call.
 */
export interface Corked {
  uncork(): void;
}

export class WriteCoalescer {
  private pending: Corked[] = [];
  private spare: Corked[] = [];
  private scheduled = false;

  add(connection: Corked): void {
    this.pending.push(connection);
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(this.flush);
  }

  private readonly flush = (): void => {
    const list = this.pending;
    this.pending = this.spare;
    this.spare = list;
    this.scheduled = false;
    for (let i = 0; i < list.length; i++) list[i]?.uncork();
    list.length = 0;
  };
}
