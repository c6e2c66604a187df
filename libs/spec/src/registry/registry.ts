/**
 * A catalog of one component kind: entries by name, in the order they were added (tables, lists
 * and hints show them in that order). Built-ins are added when the module loads; later additions
 * (a plug-in's) may not take a name already there.
 */
export interface RegistryEntry {
  name: string;
  /** One sentence for the reference docs and hints. */
  description: string;
}

export class Registry<E extends RegistryEntry> {
  private readonly byName = new Map<string, E>();

  constructor(
    /** What an entry is, in error messages: "metric", "layer". */
    readonly kind: string,
    entries: readonly E[] = [],
  ) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: E): void {
    if (this.byName.has(entry.name)) throw new Error(`a ${this.kind} named "${entry.name}" is already registered`);
    this.byName.set(entry.name, entry);
  }

  get(name: string): E | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): E[] {
    return [...this.byName.values()];
  }
}
