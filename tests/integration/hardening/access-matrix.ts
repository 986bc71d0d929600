import type { World } from "./access-world";

/**
 * Who may do what: every route of the built app, for every role, for GET and POST, in one table.
 * tests/integration/hardening/access-matrix.test.ts reads the route list from the build and fails
 * on a route missing here, on a route named here that no longer exists, and on any answer that
 * differs from what this table declares.
 *
 * Params are filled with member A's ids. `foreign` is member B signed in against A's ids: a foreign
 * id is always a 404 (never a 403, never a 200). `basic` is a member without a subscription (their
 * own journey); `premium` is member A; `coach` is A's coach; `otherCoach` is an unrelated coach;
 * `moderator` is a coach an admin made a community moderator.
 */
export const ROLES = ["anonymous", "basic", "premium", "foreign", "coach", "otherCoach", "moderator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * A status, "signin" (a redirect to /login?redirectTo=…), "→here" (a redirect to the same path), or
 * "→/path" (a redirect to that path; A's ids in it written as `:memberId`, `:postId`, …).
 */
export type Answer = number | "signin" | `→${string}`;

type Group = "members" | "coaches" | "staff" | "signedIn" | "rest";
/** One answer for everyone, or per role / group; a role's own key wins over its group's, `rest` is the fallback. */
export type ByRole = Answer | Partial<Record<Role | Group, Answer>>;

export type Rule =
  /** A layout without a URL of its own (pathless, or its index child answers): covered through its children. */
  | "layout"
  | {
      /** The URL to request when the path's params need more than A's ids by param name. */
      url?: (ids: World["ids"]) => string;
      get?: ByRole;
      /** More URLs of the same route to GET, when one id cannot show everything the route decides. */
      more?: { url: (ids: World["ids"]) => string; get: ByRole }[];
      /** Default: 405 without an action; otherwise the GET answer, with 200 becoming 400 (the guard passed, the empty form did not). */
      post?: ByRole;
      /** The intent posted (default: the first intent of the route file); chosen so the post cannot succeed and spoil the world. */
      intent?: string;
      /**
       * A valid form for the intent, for routes whose ownership check runs in the handler (after
       * validation): an empty form would stop at the 400 and never reach the 404 a foreign id must get.
       */
      fields?: (ids: World["ids"]) => Record<string, string>;
      /** Why a rule departs from its prefix's default, where that is not obvious. */
      why?: string;
    };

const GROUPS: Record<Group, readonly Role[]> = {
  members: ["basic", "premium", "foreign"],
  coaches: ["coach", "otherCoach", "moderator"],
  staff: ["coach", "otherCoach", "moderator", "editor", "admin"],
  signedIn: ["basic", "premium", "foreign", "coach", "otherCoach", "moderator", "editor", "admin"],
  rest: ROLES,
};

export function answerFor(byRole: ByRole, role: Role): Answer {
  if (typeof byRole !== "object") return byRole;
  if (byRole[role] !== undefined) return byRole[role]!;
  for (const group of ["members", "coaches", "staff", "signedIn", "rest"] as const) {
    if (byRole[group] !== undefined && GROUPS[group].includes(role)) return byRole[group]!;
  }
  throw new Error(`no answer declared for ${role}`);
}

const ADMIN_ONLY: ByRole = { anonymous: "signin", admin: 200, rest: 403 };
const STAFF_COACH: ByRole = { anonymous: "signin", coaches: 200, admin: 200, rest: 403 };
const SIGNED_IN: ByRole = { anonymous: "signin", rest: 200 };
/** A premium feature: Basic meets the upgrade page; staff are not customers and pass (entitlements.server.ts). */
const PREMIUM: ByRole = { anonymous: "signin", basic: 403, rest: 200 };
const PUBLIC: ByRole = 200;

/** The GET answer a route gets unless its rule says otherwise, by its prefix. */
export function defaultGet(routeId: string): ByRole {
  const name = routeId.replace(/^routes\//, "");
  if (/^admin[._]/.test(name)) return ADMIN_ONLY;
  if (/^coach[._]/.test(name)) return STAFF_COACH;
  if (/^app[._]/.test(name)) return SIGNED_IN;
  return PUBLIC;
}

/** The POST answer from the GET answer: past the guard, the (empty) form fails validation. */
export function postFromGet(byRole: ByRole): ByRole {
  const shift = (a: Answer): Answer => (a === 200 ? 400 : a);
  if (typeof byRole !== "object") return shift(byRole);
  return Object.fromEntries(Object.entries(byRole).map(([k, v]) => [k, shift(v)]));
}

/** A row of member A's: theirs to see; everyone else, staff included, gets a 404 (their own copy does not exist). */
const OWNED: ByRole = { anonymous: "signin", premium: 200, rest: 404 };
/** A's row behind a premium feature: Basic meets the upgrade page (403) before any id is read, so it learns nothing. */
const PREMIUM_OWNED: ByRole = { anonymous: "signin", basic: 403, premium: 200, rest: 404 };
/** A member page that needs a quit journey: staff have none and are sent to onboarding. */
const JOURNEY: ByRole = { anonymous: "signin", members: 200, staff: "→/app/onboarding" };
/** A page whose own error boundary renders under the app layout: an anonymous post meets the layout's sign-in first. */
const NO_ACTION_IN_APP: ByRole = { anonymous: "signin", rest: 405 };
const SIGNED_IN_HOME: ByRole = { anonymous: 200, signedIn: "→/app" };

export const ACCESS: Record<string, Rule> = {
  root: "layout",
  "routes/_auth": "layout",
  "routes/app": "layout",
  "routes/admin": "layout",
  "routes/coach": "layout",

  // Public pages and files.
  "routes/$": { get: 404, why: "the catch-all is the not-found page" },
  "routes/_index": {},
  "routes/bare": { why: "a page without a loader: rendered for anyone" },
  "routes/pricing": {},
  "routes/feedback": { get: 200, why: "the public feedback form posts here; its page is the form" },
  "routes/($lang).about": {},
  "routes/($lang).faq": {},
  "routes/($lang).privacy": {},
  "routes/($lang).terms": {},
  "routes/($lang).blog._index": {},
  "routes/($lang).blog.$slug": { url: (ids) => `/blog/${ids.blogSlug}` },
  "routes/($lang).blog.feed[.]xml": {},
  "routes/($lang).learn._index": {},
  "routes/($lang).learn.$slug": {
    url: (ids) => `/learn/${ids.articleSlug}`,
    post: { anonymous: "signin", rest: 400 },
    why: "anyone reads an article; only the signed-in vote or tick roadmap steps",
  },
  "routes/stories._index": {},
  "routes/stories.$id": { url: (ids) => `/stories/${ids.storyId}`, why: "a featured story its author agreed to show: public" },
  "routes/share.badge.$awardId._index": { why: "A shared the award: its page is public until they make it private" },
  "routes/share.badge.$awardId.image[.]png": {},
  "routes/manifest[.]webmanifest": {},
  "routes/robots[.]txt": {},
  "routes/sitemap[.]xml": {},
  "routes/sw[.]js": {},
  "routes/unsubscribe": { why: "the signed token in the link is the authority; without one the page says so (400)" },

  // Signing in.
  "routes/_auth.login": { get: SIGNED_IN_HOME, post: { anonymous: 400, signedIn: "→/app" } },
  "routes/_auth.signup": { get: SIGNED_IN_HOME, post: { anonymous: 400, signedIn: "→/app" } },
  "routes/_auth.confirm-email": {},
  "routes/_auth.forgot-password": { get: 200 },
  "routes/_auth.reset-password": {},
  "routes/_auth.logout": { get: "→/", post: "→/", why: "signing out is a post anyone may make; a fresh session per post keeps the others" },

  // Members.
  "routes/app._index": {},
  "routes/app.account": {},
  "routes/app.terms": { post: { anonymous: "signin", signedIn: "→/app" }, why: "accepting the current documents twice is harmless" },
  "routes/app.consent": {
    intent: "no-such-intent",
    why: "both intents take an empty form (withdraw, delete): an unknown intent tests the guard alone",
  },
  "routes/app.privacy": {},
  "routes/app.onboarding": {
    get: { anonymous: "signin", members: "→/app", rest: 200 },
    post: { anonymous: "signin", members: "→/app", rest: 400 },
    why: "members already onboarded are sent home; staff may walk through it",
  },
  "routes/app.new-attempt": {
    get: { anonymous: "signin", members: "→/app", staff: "→/app/onboarding" },
    post: { anonymous: "signin", members: "→/app", staff: "→/app/onboarding" },
    intent: "start-again",
    why: "A, B and the Basic member have an active attempt; staff have no journey; smoking-again (an empty form) would end the attempts",
  },
  "routes/app.plan": { get: JOURNEY, post: { anonymous: "signin", members: 400, staff: "→/app/onboarding" } },
  "routes/app.log": { get: JOURNEY, post: { anonymous: "signin", members: 400, staff: "→/app/onboarding" } },
  "routes/app.craving": { get: JOURNEY, post: { anonymous: "signin", members: 400, staff: "→/app/onboarding" } },
  "routes/app.slip": { get: JOURNEY, post: { anonymous: "signin", members: 400, staff: "→/app/onboarding" } },
  "routes/app.check-in": {
    get: { anonymous: "signin", signedIn: "→/app" },
    post: { anonymous: "signin", members: "→/app", staff: "→/app/onboarding" },
    why: "a one-tap form: the page sends you home, the post checks today in (an empty form is a valid check-in)",
  },
  "routes/app.history": { get: JOURNEY },
  "routes/app.history.$attemptId": { get: { anonymous: "signin", premium: 200, members: 404, staff: "→/app/onboarding" } },
  "routes/app.badges._index": {},
  "routes/app.badges.$awardId": {
    get: OWNED,
    post: { anonymous: "signin", premium: 200, rest: 404 },
    why: "the share intent (already shared) is idempotent",
  },
  "routes/app.community._index": {},
  "routes/app.community.new": {},
  "routes/app.community.$postId._index": { why: "visible posts are the whole community's" },
  "routes/app.community.$postId.edit": {
    get: OWNED,
    post: { anonymous: "signin", premium: "→/app/community/:postId", rest: 404 },
    fields: () => ({ kind: "post", text: "A's first week without smoking (edited)." }),
  },
  "routes/app.notifications._index": {},
  "routes/app.notifications.preferences": {},
  "routes/app.feedback": {},
  "routes/app.ai-coach": {
    get: PREMIUM,
    post: postFromGet(PREMIUM),
    intent: "rate",
    why: "rate needs an answer id: consent would succeed on an empty form",
  },
  "routes/app.billing._index": { intent: "change-plan", why: "cancel takes an empty form and would end A's premium" },
  "routes/app.billing.checkout": {
    get: { anonymous: "signin", rest: 404 },
    post: { anonymous: "signin", rest: 400 },
    why: "without a price in the query there is nothing to check out",
  },
  "routes/app.billing.cancelled": {},
  "routes/app.billing.success": {
    get: { anonymous: "signin", rest: 404 },
    why: "without a checkout session in the query there is nothing to show",
  },
  "routes/app.billing.test-checkout": {
    get: { anonymous: "signin", rest: 404 },
    post: { anonymous: "signin", rest: 400 },
    why: "without a checkout session in the query there is nothing to pay",
  },
  "routes/app.billing.return.$provider": {
    url: () => "/app/billing/return/vnpay",
    get: { anonymous: "signin", rest: 404 },
    why: "without a payment reference the return page has no attempt of the member's to show",
  },
  "routes/app.billing.receipts.$paymentId": { get: OWNED },
  "routes/app.coaching": {
    get: { anonymous: "signin", basic: 403, premium: "→/app/coach", rest: "→/app/coach/choose" },
    post: NO_ACTION_IN_APP,
  },
  "routes/app.coach._index": { get: PREMIUM, post: NO_ACTION_IN_APP },
  "routes/app.coach_.choose": {
    get: { anonymous: "signin", basic: 403, premium: "→/app/coach", rest: 200 },
    post: { anonymous: "signin", basic: 403, premium: "→/app/coach", foreign: 400, staff: 403 },
    why: "A already has a coach; staff may look at the directory but not choose",
  },
  "routes/app.coach_.sessions._index": { get: PREMIUM, post: postFromGet(PREMIUM) },
  "routes/app.coach_.sessions.$sessionId._index": {
    get: PREMIUM_OWNED,
    post: { anonymous: "signin", basic: 403, premium: 409, rest: 404 },
    intent: "rate",
    fields: () => ({ stars: "5" }),
    why: "rating a session that has not happened is a 409; cancel (an empty form) would cancel A's session",
  },
  "routes/app.coach_.sessions.$sessionId.reschedule": {
    get: PREMIUM_OWNED,
    post: { anonymous: "signin", basic: 403, premium: 409, rest: 404 },
    fields: () => ({ startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString() }),
  },
  "routes/app.coach_.sessions.$sessionId.call": { get: PREMIUM_OWNED, post: NO_ACTION_IN_APP },

  // Coaches (admins may enter every coach page).
  "routes/coach._index": {},
  "routes/coach.profile": { post: { anonymous: "signin", coaches: 400, admin: 403, rest: 403 }, why: "only a coach has a profile to save" },
  "routes/coach.availability": {
    get: { anonymous: "signin", coaches: 200, admin: 404, rest: 403 },
    post: { anonymous: "signin", coaches: 400, admin: 400, rest: 403 },
    why: "an admin enters, but has no availability of their own (was a 500)",
  },
  "routes/coach.sessions": {},
  "routes/coach.reports": {},
  "routes/coach.reports.csv.$table": { url: () => "/coach/reports/csv/coaches.csv" },
  "routes/coach.members.$memberId": {
    get: { anonymous: "signin", coach: 200, admin: 200, otherCoach: 404, moderator: 404, rest: 403 },
    post: { anonymous: "signin", coach: 400, admin: 400, otherCoach: 404, moderator: 404, rest: 403 },
    why: "A's coach and admins; another coach gets a 404 for a member who is not theirs",
  },
  "routes/coach.sessions_.$sessionId.call": {
    get: { anonymous: "signin", coach: 200, coaches: 404, admin: 404, rest: 403 },
    post: { anonymous: "signin", coach: 400, coaches: 404, admin: 404, rest: 403 },
    why: "only the session's own coach joins its call",
  },
  "routes/coach.former-members._index": {},
  "routes/coach.former-members.$conversationId": {
    get: { anonymous: "signin", coaches: 404, admin: 404, rest: 403 },
    why: "A's chat is live: only an erased member's chat, kept for their own coach, is readable here",
  },

  // Staff: admin pages; content for editors; moderation for moderators.
  "routes/admin._index": {},
  "routes/admin.ai-coach": {},
  "routes/admin.audit": {},
  "routes/admin.badges._index": {},
  "routes/admin.badges.new": {},
  "routes/admin.badges.$badgeId": {},
  "routes/admin.billing": {},
  "routes/admin.coaches": {},
  "routes/admin.escalations": { intent: "take", why: "gather takes an empty form" },
  "routes/admin.feedback": {},
  "routes/admin.jobs": { intent: "no-such-intent", why: "both intents take an empty form and run jobs" },
  "routes/admin.members._index": {},
  "routes/admin.members.$memberId": {},
  "routes/admin.messages": {},
  "routes/admin.outbox": {},
  "routes/admin.packages._index": {},
  "routes/admin.packages.$packageId": {},
  "routes/admin.privacy": {},
  "routes/admin.promotions.$promotionId": {
    post: { anonymous: "signin", admin: "→here", rest: 403 },
    why: "an empty edit is valid (no expiry, no limit)",
  },
  "routes/admin.reports.$section": { url: () => "/admin/reports/coaches" },
  "routes/admin.reports.$section.csv.$table": { url: () => "/admin/reports/coaches/csv/coaches.csv" },
  "routes/admin_.content._index": { get: { anonymous: "signin", editor: 200, admin: 200, rest: 403 } },
  "routes/admin_.content.$id": {
    url: (ids) => `/admin/content/${ids.contentId}`,
    get: { anonymous: "signin", editor: 200, admin: 200, rest: 403 },
  },
  "routes/admin_.moderation": { get: { anonymous: "signin", moderator: 200, admin: 200, rest: 403 } },

  // Resources: streams, files, background posts.
  "routes/resources.healthcheck": {},
  "routes/resources.locale": { get: "→/", post: 200, why: "anyone may choose a language" },
  "routes/resources.stream": {
    get: SIGNED_IN,
    more: [
      {
        url: (ids) => `/resources/stream?conversation=${ids.conversationId}`,
        get: { anonymous: "signin", basic: 403, premium: 200, coach: 200, rest: 404 },
      },
      {
        url: (ids) => `/resources/stream?call=${ids.sessionId}`,
        get: { anonymous: "signin", basic: 403, premium: 200, coach: 200, rest: 404 },
      },
    ],
    why: "a conversation's or a call's live events reach its two people only",
  },
  "routes/resources.notifications.stream": { get: SIGNED_IN },
  "routes/resources.article-reads": { get: 400, why: "a post-only resource route (Remix answers a GET without a loader with 400)" },
  "routes/resources.offline-logs": { get: 400, post: { anonymous: "signin", rest: 400 } },
  "routes/resources.push-subscriptions": { get: 200, post: { anonymous: "signin", rest: 400 }, why: "the GET is the public VAPID key" },
  "routes/resources.uploads": {
    get: 404,
    post: { anonymous: "signin", rest: 404 },
    why: "direct uploads exist only with S3 storage; the default (Postgres) answers 404 past the guard",
  },
  "routes/resources.images.$id": {
    url: (ids) => `/resources/images/${ids.imageId}`,
    get: { anonymous: 404, premium: 200, rest: 404 },
    more: [
      { url: (ids) => `/resources/images/${ids.chatPhotoFileId}`, get: { anonymous: 404, premium: 200, rest: 404 } },
      // Not an image: even its owner downloads it from /resources/data-exports, never here.
      { url: (ids) => `/resources/images/${ids.exportFileId}`, get: 404 },
    ],
    why: "A's own images, in no post or content, are theirs alone (moderators, editors and admins saw every stored image, chat photos too)",
  },
  "routes/resources.chat-photos.$messageId": {
    get: { anonymous: "signin", premium: 200, coach: 200, rest: 404 },
    why: "the conversation's two people only",
  },
  "routes/resources.data-exports.$exportId": { get: OWNED },
  "routes/resources.ai-coach.answers.$answerId": { get: PREMIUM_OWNED, why: "someone else's answer was a 200 stream saying not-found" },
  "routes/resources.calendar.$token": {
    url: (ids) => `/resources/calendar/${ids.calendarToken}.ics`,
    get: 200,
    why: "a capability URL: the secret token is the authority (calendar apps send no cookie)",
  },
  "routes/resources.calls.$sessionId": {
    get: 404,
    post: { anonymous: "signin", basic: 403, premium: 400, coach: 400, rest: 404 },
    why: "signalling is posted by the session's two participants only",
  },
  "routes/resources.conversations.$conversationId": {
    get: 400,
    post: { anonymous: "signin", basic: 403, premium: "→/app/coach", coach: "→/coach/members/:memberId", rest: 404 },
    why: "the conversation's two people only",
  },

  // Webhooks verify signatures instead of sessions.
  "routes/webhooks.stripe": { get: 405, post: 404, why: "Stripe is not configured in the tests: 404" },
  "routes/webhooks.vnpay": { get: 200, post: 405, why: "VNPay's IPN is a GET whose signature it checks (and answers in its own JSON)" },
  "routes/webhooks.momo": { get: 405, post: 400 },
};
