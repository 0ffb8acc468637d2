import type { EventName, EventPayload } from '../../shared/ipc/contract';

type Listener = (name: EventName, payload: unknown) => void;

/** Events main pushes to every connected renderer (Electron windows, bridge sockets). */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
