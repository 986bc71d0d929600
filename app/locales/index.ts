import enAccount from "./en/account";
import enAuth from "./en/auth";
import enCommon from "./en/common";
import enEmail from "./en/email";
import enErrors from "./en/errors";
import enHome from "./en/home";
import viAccount from "./vi/account";
import viAuth from "./vi/auth";
import viCommon from "./vi/common";
import viEmail from "./vi/email";
import viErrors from "./vi/errors";
import viHome from "./vi/home";

/** Every namespace in both languages. A namespace is one file per language under en/ and vi/. */
export const resources = {
  en: { common: enCommon, auth: enAuth, account: enAccount, home: enHome, errors: enErrors, email: enEmail },
  vi: { common: viCommon, auth: viAuth, account: viAccount, home: viHome, errors: viErrors, email: viEmail },
} as const;

export type Namespace = keyof (typeof resources)["en"];
