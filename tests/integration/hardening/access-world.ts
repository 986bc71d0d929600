import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import {
  aiCoachMessages,
  aiCoachThreads,
  badgeAwards,
  badges,
  coachingSessions,
  communityModerators,
  contentItems,
  contentTranslations,
  dataExports,
  messages,
  packages,
  payments,
  promotions,
  sessionSettings,
  storedFiles,
  subscriptions,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { seedDemoContent } from "#db/seed/content";
import { createSignedInUser, createUser } from "#db/seed/factories";
import { createSession } from "~/modules/identity/session.server";
import { ensureBadgeCatalogue } from "~/modules/badges/awards.server";
import { createPost } from "~/modules/community/posts.server";
import { createCalendarFeed } from "~/modules/sessions/calendar-feed.server";
import { assign, coachWithProfile, makePremium, memberWithJourney } from "../coaching/helpers";
import type { Role } from "./access-matrix";

/** Everyone the matrix signs in as, and the rows whose ids fill the routes' params (member A's, unless said otherwise). */
export type World = {
  users: Record<Exclude<Role, "anonymous">, string>;
  ids: {
    memberId: string;
    attemptId: string;
    postId: string;
    awardId: string;
    paymentId: string;
    sessionId: string;
    conversationId: string;
    photoMessageId: string;
    exportId: string;
    answerId: string;
    imageId: string;
    /** The stored files behind A's chat photo and A's data export: nobody else's through /resources/images. */
    chatPhotoFileId: string;
    exportFileId: string;
    calendarToken: string;
    badgeId: string;
    packageId: string;
    promotionId: string;
    contentId: string;
    articleSlug: string;
    blogSlug: string;
    storyId: string;
  };
};

const DAY = 86_400_000;

async function privateFile(db: Database, ownerId: string, contentType = "image/png") {
  const bytes = Buffer.from("89504e470d0a1a0a", "hex");
  const [file] = await db.insert(storedFiles).values({ ownerId, contentType, byteSize: bytes.length, bytes }).returning();
  return file!.id;
}

async function post(db: Database, authorId: string, kind: "post" | "story", text: string) {
  await db.execute(sql`update users set created_at = now() - interval '30 days' where id = ${authorId}`);
  return (
    await createPost(db, authorId, {
      body: { version: 1, kind, text, tags: [], imageIds: [] } as never,
      anonymous: false,
      publicConsent: kind === "story",
    })
  ).id;
}

/**
 * Member A (premium, journey, coach X with a conversation and a booked session, a badge award, a post,
 * a payment, an export, an AI answer, a private image, a calendar feed); member B (premium, their own
 * journey and post); a Basic member; coach C unrelated; a moderator (a coach made one); an editor; an admin.
 */
export async function buildWorld(db: Database): Promise<World> {
  // Content first (the published terms and privacy notice among it), so every user below has accepted them.
  const author = await createUser(db, { role: "editor", acceptedDocuments: false });
  const reviewer = await createUser(db, { role: "admin", acceptedDocuments: false });
  await seedDemoContent(db, author.id, reviewer.id);
  const a = await memberWithJourney(db, { quitDaysAgo: 10, checkInDaysAgo: [1, 2, 3], cravings: { 1: 2 } });
  await makePremium(db, a.user.id);
  const b = await memberWithJourney(db, { quitDaysAgo: 5, checkInDaysAgo: [1] });
  await makePremium(db, b.user.id);
  const basic = await memberWithJourney(db, { quitDaysAgo: 3 });
  const coach = await coachWithProfile(db, { capacity: 20 });
  await db
    .insert(sessionSettings)
    .values({ coachId: coach.user.id, sessionMinutes: 45, bufferMinutes: 15, autoConfirm: true, noticeMinutes: 60 });
  const otherCoach = await coachWithProfile(db, { capacity: 20 });
  const moderator = await createSignedInUser(db, { role: "coach" });
  await db.insert(communityModerators).values({ userId: moderator.user.id });
  const editor = await createSignedInUser(db, { role: "editor" });
  const admin = await createSignedInUser(db, { role: "admin" });

  const { conversation } = await assign(db, coach.user.id, a.user.id, { coachMayEditPlan: true });
  const photoId = await privateFile(db, a.user.id);
  const [photoMessage] = await db
    .insert(messages)
    .values({ conversationId: conversation.id, seq: 1, senderId: a.user.id, clientId: randomUUID(), body: "photo", attachmentId: photoId })
    .returning();
  await db.execute(sql`update conversations set last_seq = 1, last_message_at = now() where id = ${conversation.id}`);

  // Five minutes from now: the call is open (from 10 minutes before the start), so its routes answer their participants.
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const [session] = await db
    .insert(coachingSessions)
    .values({
      memberId: a.user.id,
      coachId: coach.user.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      status: "confirmed",
      bookedBy: a.user.id,
      confirmedAt: new Date(),
    })
    .returning();

  await ensureBadgeCatalogue(db);
  const [badge] = await db.select().from(badges).limit(1);
  const [award] = await db.insert(badgeAwards).values({ userId: a.user.id, badgeId: badge!.id, shared: true }).returning();

  const postId = await post(db, a.user.id, "post", "A's first week without smoking.");
  await post(db, b.user.id, "post", "B's own post.");
  const storyId = await post(db, a.user.id, "story", "A's story, featured.");
  await db.execute(sql`update community_posts set featured_at = now() where id = ${storyId}`);

  const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.userId, a.user.id));
  const [payment] = await db
    .insert(payments)
    .values({
      userId: a.user.id,
      subscriptionId: subscription!.id,
      packageId: subscription!.packageId,
      provider: "test",
      amountMinor: 1500,
      currency: "USD",
      status: "paid",
      receiptNumber: `QP-ACCESS-${randomUUID().slice(0, 8)}`,
      paidAt: new Date(),
    })
    .returning();

  const exportFile = await privateFile(db, a.user.id, "application/zip");
  const [dataExport] = await db
    .insert(dataExports)
    .values({
      userId: a.user.id,
      status: "ready",
      progress: 1,
      fileId: exportFile,
      byteSize: 8,
      completedAt: new Date(),
      expiresAt: new Date(Date.now() + 7 * DAY),
    })
    .returning();

  const [thread] = await db.insert(aiCoachThreads).values({ userId: a.user.id, title: "Cravings" }).returning();
  const [question] = await db
    .insert(aiCoachMessages)
    .values({ threadId: thread!.id, userId: a.user.id, role: "member", kind: "question", locale: "en", body: "How do I handle cravings?" })
    .returning();
  const [answer] = await db
    .insert(aiCoachMessages)
    .values({
      threadId: thread!.id,
      userId: a.user.id,
      role: "coach",
      kind: "answer",
      locale: "en",
      body: "Breathe.",
      questionId: question!.id,
    })
    .returning();

  const imageId = await privateFile(db, a.user.id);
  const { url: calendarUrl } = await createCalendarFeed(db, a.user.id);
  const calendarToken = /\/resources\/calendar\/([^/]+)\.ics$/.exec(calendarUrl)![1]!;

  const [premium] = await db.select().from(packages).where(eq(packages.slug, "premium"));
  const [promotion] = await db
    .insert(promotions)
    .values({ code: `ACCESS${randomUUID().slice(0, 6)}`.toUpperCase(), kind: "percent", percentOff: 10 })
    .returning();
  const content = async (kind: "article" | "blog-post") =>
    (
      await db
        .select({ id: contentItems.id, slug: contentTranslations.slug })
        .from(contentItems)
        .innerJoin(contentTranslations, and(eq(contentTranslations.itemId, contentItems.id), eq(contentTranslations.locale, "en")))
        .where(and(eq(contentItems.kind, kind), eq(contentItems.status, "published")))
        .limit(1)
    )[0];
  const article = await content("article");
  const blog = await content("blog-post");
  const [anyItem] = await db.select({ id: contentItems.id }).from(contentItems).limit(1);

  return {
    users: {
      basic: basic.user.id,
      premium: a.user.id,
      foreign: b.user.id,
      coach: coach.user.id,
      otherCoach: otherCoach.user.id,
      moderator: moderator.user.id,
      editor: editor.user.id,
      admin: admin.user.id,
    },
    ids: {
      memberId: a.user.id,
      attemptId: a.attempt.id,
      postId,
      awardId: award!.id,
      paymentId: payment!.id,
      sessionId: session!.id,
      conversationId: conversation.id,
      photoMessageId: photoMessage!.id,
      exportId: dataExport!.id,
      answerId: answer!.id,
      imageId,
      chatPhotoFileId: photoId,
      exportFileId: exportFile,
      calendarToken,
      badgeId: badge!.id,
      packageId: premium!.id,
      promotionId: promotion!.id,
      contentId: article?.id ?? anyItem!.id,
      articleSlug: article?.slug ?? "no-article-seeded",
      blogSlug: blog?.slug ?? "no-blog-post-seeded",
      storyId,
    },
  };
}

/** A fresh session cookie for a user: every request signs in anew, so a sign-out or "sign out everywhere" post spoils nothing. */
export async function cookieFor(db: Database, userId: string): Promise<string> {
  const session = await createSession(db, userId, "test");
  return session.setCookie.split(";")[0]!;
}
