import enAccount from "./en/account";
import enPrivacy from "./en/privacy";
import enAiCoach from "./en/aiCoach";
import enAiCoachAdmin from "./en/aiCoachAdmin";
import enBadges from "./en/badges";
import enAuth from "./en/auth";
import enBilling from "./en/billing";
import enBillingAdmin from "./en/billingAdmin";
import enBillingErrors from "./en/billingErrors";
import enPricing from "./en/pricing";
import enCoaching from "./en/coaching";
import enChat from "./en/chat";
import enCaseload from "./en/caseload";
import enCommon from "./en/common";
import enCommunity from "./en/community";
import enContent from "./en/content";
import enContentAdmin from "./en/contentAdmin";
import enEmail from "./en/email";
import enErrors from "./en/errors";
import enHome from "./en/home";
import enJourney from "./en/journey";
import enNotifications from "./en/notifications";
import enSessions from "./en/sessions";
import enPeople from "./en/people";
import enEscalations from "./en/escalations";
import enReports from "./en/reports";
import enCall from "./en/call";
import enPhoneApp from "./en/phoneApp";
import viAccount from "./vi/account";
import viPrivacy from "./vi/privacy";
import viAiCoach from "./vi/aiCoach";
import viAiCoachAdmin from "./vi/aiCoachAdmin";
import viBadges from "./vi/badges";
import viAuth from "./vi/auth";
import viBilling from "./vi/billing";
import viBillingAdmin from "./vi/billingAdmin";
import viBillingErrors from "./vi/billingErrors";
import viPricing from "./vi/pricing";
import viCoaching from "./vi/coaching";
import viChat from "./vi/chat";
import viCaseload from "./vi/caseload";
import viCommon from "./vi/common";
import viCommunity from "./vi/community";
import viContent from "./vi/content";
import viContentAdmin from "./vi/contentAdmin";
import viEmail from "./vi/email";
import viErrors from "./vi/errors";
import viHome from "./vi/home";
import viJourney from "./vi/journey";
import viNotifications from "./vi/notifications";
import viSessions from "./vi/sessions";
import viPeople from "./vi/people";
import viEscalations from "./vi/escalations";
import viReports from "./vi/reports";
import viCall from "./vi/call";
import viPhoneApp from "./vi/phoneApp";

/** Every namespace in both languages. A namespace is one file per language under en/ and vi/. */
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    account: enAccount,
    privacy: enPrivacy,
    home: enHome,
    errors: enErrors,
    email: enEmail,
    journey: enJourney,
    badges: enBadges,
    notifications: enNotifications,
    community: enCommunity,
    billing: enBilling,
    billingAdmin: enBillingAdmin,
    billingErrors: enBillingErrors,
    pricing: enPricing,
    coaching: enCoaching,
    chat: enChat,
    caseload: enCaseload,
    content: enContent,
    contentAdmin: enContentAdmin,
    sessions: enSessions,
    people: enPeople,
    escalations: enEscalations,
    aiCoach: enAiCoach,
    aiCoachAdmin: enAiCoachAdmin,
    reports: enReports,
    call: enCall,
    phoneApp: enPhoneApp,
  },
  vi: {
    common: viCommon,
    auth: viAuth,
    account: viAccount,
    privacy: viPrivacy,
    home: viHome,
    errors: viErrors,
    email: viEmail,
    journey: viJourney,
    badges: viBadges,
    notifications: viNotifications,
    community: viCommunity,
    billing: viBilling,
    billingAdmin: viBillingAdmin,
    billingErrors: viBillingErrors,
    pricing: viPricing,
    coaching: viCoaching,
    chat: viChat,
    caseload: viCaseload,
    content: viContent,
    contentAdmin: viContentAdmin,
    sessions: viSessions,
    people: viPeople,
    escalations: viEscalations,
    aiCoach: viAiCoach,
    aiCoachAdmin: viAiCoachAdmin,
    reports: viReports,
    call: viCall,
    phoneApp: viPhoneApp,
  },
} as const;

export type Namespace = keyof (typeof resources)["en"];
