/** The implementations plug-ins register for one kind of component (losses, optimizers, schedules), by name. */
export class PluginComponents<T> {
  private readonly byName = new Map<string, T>();

  /** `kind`: what one is, in messages ("a loss"). */
  constructor(private readonly kind: string) {}

  register(name: string, implementation: T): void {
    if (this.byName.has(name)) throw new Error(`${this.kind} "${name}" is already registered`);
    this.byName.set(name, implementation);
  }

  unregister(name: string): void {
    this.byName.delete(name);
  }

  get(name: string): T | undefined {
    return this.byName.get(name);
  }
}
