export default {
  title: "Your account",
  profile: { title: "Profile", submit: "Save profile", saved: "Your profile is saved." },
  fields: { currency: "Currency", currentPassword: "Current password", newPassword: "New password" },
  password: { title: "Password", submit: "Change password", changed: "Your password is changed." },
  sessions: {
    title: "Where you are signed in",
    intro: "Sign out of any device you do not recognise.",
    current: "This device",
    lastSeen: "Last active {{when}}",
    since: "Signed in {{when}}",
    unknownDevice: "Unknown device",
    revoke: "Sign out",
    revokeOthers: "Sign out everywhere else",
    revokedOthers_one: "Signed out of {{count}} other session.",
    revokedOthers_other: "Signed out of {{count}} other sessions.",
  },
  errors: { currencyInvalid: "Choose a supported currency.", currentPasswordWrong: "Your current password is not correct." },
};
