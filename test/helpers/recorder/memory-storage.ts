/**
 * A Web Storage (localStorage/sessionStorage) in memory, for unit tests of recorder modules that
 * persist. Like a browser's, it throws a QuotaExceededError once keys and values together would
 * pass `quotaChars`, and `blocked` makes every call throw, as storage blocked by privacy settings does.
 */
export class MemoryStorage implements Storage {
  [name: string]: unknown;
  private readonly items = new Map<string, string>();
  blocked = false;

  constructor(private readonly quotaChars = Infinity) {}

  get length(): number {
    this.check();
    return this.items.size;
  }

  key(index: number): string | null {
    this.check();
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    this.check();
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.check();
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quotaChars) throw new DOMException("quota exceeded", "QuotaExceededError");
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.check();
    this.items.delete(key);
  }

  clear(): void {
    this.check();
    this.items.clear();
  }

  /** Every key, for assertions. */
  keys(): string[] {
    return [...this.items.keys()];
  }

  private check(): void {
    if (this.blocked) throw new DOMException("blocked", "SecurityError");
  }
}
