/** One instance per process, surviving module reloads and shared by every bundle that imports it. */
export function remember<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __quitpath?: Map<string, unknown> };
  store.__quitpath ??= new Map();
  if (!store.__quitpath.has(name)) store.__quitpath.set(name, create());
  return store.__quitpath.get(name) as T;
}

export function forget(name: string): void {
  const store = globalThis as unknown as { __quitpath?: Map<string, unknown> };
  store.__quitpath?.delete(name);
}
