import { EventType, IncrementalSource } from "../../protocol/rrweb";

interface TimedEvent {
  type: number;
  timestamp: number;
  data: Record<string, unknown>;
}

function isInput(event: TimedEvent): boolean {
  return event.type === EventType.IncrementalSnapshot && event.data.source === IncrementalSource.Input;
}

/**
 * Keeps only the last value of a burst of typing (option `sampling.input: "last"`): an input event
 * is held until something else happens, and replaced by the next input event of the same field.
 * rrweb's own "last" listens to change events only, which miss typing in shadow roots and values
 * set by script, so rrweb reports every input and the burst is cut here.
 */
export class InputBurst<E extends TimedEvent> {
  private held: E | null = null;

  constructor(private readonly enabled: boolean) {}

  /** The events to buffer now, in order (none while a burst goes on). */
  pass(event: E): E[] {
    if (!this.enabled) return [event];
    const held = this.held;
    if (isInput(event)) {
      this.held = event;
      return held && held.data.id !== event.data.id ? [held] : [];
    }
    this.held = null;
    return held ? [held, event] : [event];
  }

  /** The held event, if any (taken before a chunk is cut, so nothing waits past a flush). */
  take(): E | null {
    const held = this.held;
    this.held = null;
    return held;
  }
}
