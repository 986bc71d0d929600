import enAccount from "./en/account";
import enBadges from "./en/badges";
import enAuth from "./en/auth";
import enBilling from "./en/billing";
import enCommon from "./en/common";
import enCommunity from "./en/community";
import enEmail from "./en/email";
import enErrors from "./en/errors";
import enHome from "./en/home";
import enJourney from "./en/journey";
import enNotifications from "./en/notifications";
import enSessions from "./en/sessions";
import viAccount from "./vi/account";
import viBadges from "./vi/badges";
import viAuth from "./vi/auth";
import viBilling from "./vi/billing";
import viCommon from "./vi/common";
import viCommunity from "./vi/community";
import viEmail from "./vi/email";
import viErrors from "./vi/errors";
import viHome from "./vi/home";
import viJourney from "./vi/journey";
import viNotifications from "./vi/notifications";
import viSessions from "./vi/sessions";

/** Every namespace in both languages. A namespace is one file per language under en/ and vi/. */
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    account: enAccount,
    home: enHome,
    errors: enErrors,
    email: enEmail,
    journey: enJourney,
    badges: enBadges,
    notifications: enNotifications,
    community: enCommunity,
    billing: enBilling,
    sessions: enSessions,
  },
  vi: {
    common: viCommon,
    auth: viAuth,
    account: viAccount,
    home: viHome,
    errors: viErrors,
    email: viEmail,
    journey: viJourney,
    badges: viBadges,
    notifications: viNotifications,
    community: viCommunity,
    billing: viBilling,
    sessions: viSessions,
  },
} as const;

export type Namespace = keyof (typeof resources)["en"];
