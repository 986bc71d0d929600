import type { Namespace } from "./index";

type Loaders = Record<Namespace, () => Promise<{ default: object }>>;

/**
 * The browser's way to a namespace it was not sent with the page: one file per language and
 * namespace, fetched on demand (each import is its own chunk, so a page downloads only what it uses).
 */
export const namespaceLoaders: Record<"en" | "vi", Loaders> = {
  en: {
    common: () => import("./en/common"),
    auth: () => import("./en/auth"),
    account: () => import("./en/account"),
    privacy: () => import("./en/privacy"),
    home: () => import("./en/home"),
    errors: () => import("./en/errors"),
    email: () => import("./en/email"),
    journey: () => import("./en/journey"),
    badges: () => import("./en/badges"),
    notifications: () => import("./en/notifications"),
    community: () => import("./en/community"),
    billing: () => import("./en/billing"),
    coaching: () => import("./en/coaching"),
    chat: () => import("./en/chat"),
    caseload: () => import("./en/caseload"),
    content: () => import("./en/content"),
    contentAdmin: () => import("./en/contentAdmin"),
    sessions: () => import("./en/sessions"),
    people: () => import("./en/people"),
    escalations: () => import("./en/escalations"),
    aiCoach: () => import("./en/aiCoach"),
    aiCoachAdmin: () => import("./en/aiCoachAdmin"),
    reports: () => import("./en/reports"),
    call: () => import("./en/call"),
    phoneApp: () => import("./en/phoneApp"),
  },
  vi: {
    common: () => import("./vi/common"),
    auth: () => import("./vi/auth"),
    account: () => import("./vi/account"),
    privacy: () => import("./vi/privacy"),
    home: () => import("./vi/home"),
    errors: () => import("./vi/errors"),
    email: () => import("./vi/email"),
    journey: () => import("./vi/journey"),
    badges: () => import("./vi/badges"),
    notifications: () => import("./vi/notifications"),
    community: () => import("./vi/community"),
    billing: () => import("./vi/billing"),
    coaching: () => import("./vi/coaching"),
    chat: () => import("./vi/chat"),
    caseload: () => import("./vi/caseload"),
    content: () => import("./vi/content"),
    contentAdmin: () => import("./vi/contentAdmin"),
    sessions: () => import("./vi/sessions"),
    people: () => import("./vi/people"),
    escalations: () => import("./vi/escalations"),
    aiCoach: () => import("./vi/aiCoach"),
    aiCoachAdmin: () => import("./vi/aiCoachAdmin"),
    reports: () => import("./vi/reports"),
    call: () => import("./vi/call"),
    phoneApp: () => import("./vi/phoneApp"),
  },
};
