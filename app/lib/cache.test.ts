import { describe, expect, it } from "vitest";
import { boundedCache, cacheStats } from "./cache";

describe("boundedCache", () => {
  it("keeps at most its size, dropping the least recently used entry", () => {
    const cache = boundedCache<string, number>("test:lru", 2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.stats()).toMatchObject({ size: 2, max: 2 });
  });

  it("counts hits and misses, and computes a missing value once", () => {
    const cache = boundedCache<string, string>("test:counts", 10);
    let computed = 0;
    const create = () => `value ${++computed}`;
    expect(cache.getOrCreate("k", create)).toBe("value 1");
    expect(cache.getOrCreate("k", create)).toBe("value 1");
    expect(computed).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it("is registered by name, so asking again gives the same cache and stats list it", () => {
    const first = boundedCache<string, number>("test:named", 5);
    first.set("x", 1);
    expect(boundedCache<string, number>("test:named", 5).get("x")).toBe(1);
    expect(cacheStats().map((s) => s.name)).toContain("test:named");
  });

  it("misses every lookup when CACHES=off, the benchmarks' cold runs", () => {
    process.env.CACHES = "off";
    try {
      const cache = boundedCache<string, number>("test:cold", 5);
      let computed = 0;
      cache.getOrCreate("k", () => ++computed);
      cache.getOrCreate("k", () => ++computed);
      expect(computed).toBe(2);
      expect(cache.stats()).toMatchObject({ hits: 0, misses: 2, size: 0 });
      // A cache of tools (Intl formatters) keeps working: a cold run is about data, not about building formatters.
      const tools = boundedCache<string, number>("test:cold-tools", 5, { evenWhenCachesOff: true });
      tools.getOrCreate("k", () => ++computed);
      tools.getOrCreate("k", () => ++computed);
      expect(computed).toBe(3);
    } finally {
      delete process.env.CACHES;
    }
  });
});
