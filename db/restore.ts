import { configuredBackupTarget, restoreBackup } from "../app/modules/backups/backup.server";
import { EnvError, parseEnv } from "../app/lib/env.server";

// npm run db:restore -- [name|latest]: restores a backup from the configured target into DATABASE_URL, which must be empty.
try {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) throw new EnvError(["DATABASE_URL is not set: point it at the new, empty database to restore into"]);
  const wanted = process.argv[2] ?? "latest";
  const target = configuredBackupTarget(env);
  const result = await restoreBackup(env.DATABASE_URL, target, wanted, { pgBinDir: env.PG_BIN_DIR });
  console.log(`Restored ${result.name} from ${target.description} in ${(result.ms / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
