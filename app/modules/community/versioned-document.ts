import { z } from "zod";

/** One superseded version of a stored document: how to read it and how to lift it one version up. */
export type OlderVersion = { schema: z.ZodTypeAny; upgrade: (document: never) => unknown };

/**
 * A parser for JSONB documents that carry a `version` number. Stored documents of an older
 * version are validated by that version's schema and upgraded step by step (v1 → v2 → …) until
 * they reach the current version, which is validated last. Adding v2 means: keep v1's schema in
 * `older` with an `upgrade` to v2, and make v2 `current`.
 */
export function versionedDocument<Current>(config: {
  current: { version: number; schema: z.ZodType<Current, z.ZodTypeDef, unknown> };
  older?: Record<number, OlderVersion>;
  unsupportedMessage: string;
}): (document: unknown) => z.SafeParseReturnType<unknown, Current> {
  const maxUpgrades = Object.keys(config.older ?? {}).length;
  return (document) => {
    let value = document;
    for (let upgrades = 0; upgrades <= maxUpgrades; upgrades++) {
      const version = readVersion(value);
      if (version === config.current.version) return config.current.schema.safeParse(value);
      const older = version === null ? undefined : config.older?.[version];
      if (!older) break;
      const parsed = older.schema.safeParse(value);
      if (!parsed.success) return parsed;
      value = older.upgrade(parsed.data as never);
    }
    return { success: false, error: new z.ZodError([{ code: "custom", path: ["version"], message: config.unsupportedMessage }]) };
  };
}

function readVersion(document: unknown): number | null {
  if (typeof document !== "object" || document === null || !("version" in document)) return null;
  const { version } = document;
  return typeof version === "number" && Number.isInteger(version) ? version : null;
}
