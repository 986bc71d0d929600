import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import { localDate } from "~/lib/local-date";
import { liveConsent, questionsToday, threadMessages, threadsOf } from "./coach.server";
import { providerLabel } from "./providers.server";
import { crisisResources, resourcesFor } from "./resources";

/** Everything /app/ai-coach shows, in a fixed number of statements. */
export async function aiCoachPage(
  db: Database,
  member: { id: string; timeZone: string },
  a: { locale: AppLocale; threadId: string | null; limit: number; now?: Date },
) {
  const now = a.now ?? new Date();
  const [consent, threads, used, messages] = await Promise.all([
    liveConsent(db, member.id),
    threadsOf(db, member.id),
    questionsToday(db, member.id, localDate(now, member.timeZone)),
    a.threadId ? threadMessages(db, member.id, a.threadId) : Promise.resolve([]),
  ]);
  return {
    provider: providerLabel(),
    consent,
    threads,
    quota: { limit: a.limit, left: Math.max(0, a.limit - used) },
    messages,
    resources: resourcesFor(crisisResources(env().AI_CRISIS_RESOURCES), null, a.locale),
  };
}
