/**
 * The one way QuitPath keeps computed values in memory: a named LRU cache with a fixed number of
 * entries and hit/miss counters. Every cache registers itself by name, so `cacheStats()` shows
 * what each one earns, and `CACHES=off` (benchmarks' "cold" runs) makes every lookup a miss.
 */
export type BoundedCache<K, V> = {
  readonly name: string;
  readonly max: number;
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  /** The cached value, or `create()`'s, kept for next time. */
  getOrCreate(key: K, create: () => V): V;
  delete(key: K): void;
  clear(): void;
  stats(): CacheStats;
};

export type CacheStats = { name: string; max: number; size: number; hits: number; misses: number };

type Registry = Map<string, BoundedCache<unknown, unknown>>;

// On globalThis: server.ts and the Remix build each bundle this module, and both should report.
function registry(): Registry {
  const holder = globalThis as unknown as { __quitpathCaches?: Registry };
  return (holder.__quitpathCaches ??= new Map());
}

function cachesDisabled(): boolean {
  return typeof process !== "undefined" && process.env?.CACHES === "off";
}

export type CacheOptions = {
  /**
   * Keep working under `CACHES=off`: for caches of tools (Intl formatters) that a process builds
   * once and never sees change, so a cold run would only measure building them again and again.
   */
  evenWhenCachesOff?: boolean;
};

export function boundedCache<K, V>(name: string, max: number, options: CacheOptions = {}): BoundedCache<K, V> {
  const existing = registry().get(name);
  if (existing) return existing as BoundedCache<K, V>;
  const entries = new Map<K, V>();
  const disabled = !options.evenWhenCachesOff && cachesDisabled();
  let hits = 0;
  let misses = 0;
  const cache: BoundedCache<K, V> = {
    name,
    max,
    get(key) {
      const value = disabled ? undefined : entries.get(key);
      if (value === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      // Map keeps insertion order: re-inserting makes this the most recently used entry.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      if (disabled) return;
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value as K);
      entries.set(key, value);
    },
    getOrCreate(key, create) {
      let value = cache.get(key);
      if (value === undefined) {
        value = create();
        cache.set(key, value);
      }
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    stats: () => ({ name, max, size: entries.size, hits, misses }),
  };
  registry().set(name, cache as BoundedCache<unknown, unknown>);
  return cache;
}

/** Every named cache's size and hit counts, for operators and benchmarks. */
export function cacheStats(): CacheStats[] {
  return [...registry().values()].map((cache) => cache.stats());
}
