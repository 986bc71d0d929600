export default {
  title: "Your account",
  profile: { title: "Profile", submit: "Save profile", edit: "Edit your profile", saved: "Your profile is saved." },
  fields: { currency: "Currency", currentPassword: "Current password", newPassword: "New password" },
  password: { title: "Password", submit: "Change password", open: "Change your password", changed: "Your password is changed." },
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
  privacyCentre: {
    title: "Your privacy",
    intro: "See what you agreed to, download everything we hold about you, or delete your account.",
    open: "Open your privacy page",
  },
  errors: { currencyInvalid: "Choose a supported currency.", currentPasswordWrong: "Your current password is not correct." },
};
