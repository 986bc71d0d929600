export default {
  title: "Your privacy",
  intro: "What we hold about you, who has looked at it, and how to take it with you or have it removed.",
  password: "Your password",
  consents: {
    title: "What you agreed to",
    none: "You have not given any consent yet.",
    givenOn: "Version {{version}}, given {{when}}",
    withdrawnOn: "Version {{version}}, withdrawn {{when}}",
    manage: "Change or withdraw",
    turnedOffOn: "Turned off {{when}}",
    changedOn: "Last changed {{when}}",
    byDefault: "Our default settings (you have not changed them)",
    kinds: "For: {{kinds}}",
    purposes: {
      "health-data": {
        name: "Keeping your health data",
        purpose: "We store your smoking history, logs, cravings and moods to show your progress and build your plan.",
        withdrawing: "If you withdraw, we stop recording anything new; what you logged stays until you delete it or your account.",
      },
      "ai-coach": {
        name: "The AI coach",
        purpose: "The AI coach reads your plan and recent logs to answer you.",
        withdrawing: "If you withdraw, the AI coach stops reading your data and you cannot use it until you agree again.",
      },
      "external-ai-provider": {
        name: "Sending your questions to an external AI provider",
        purpose:
          "The AI coach's answers are written by {{version}}: your questions and figures are sent there, never your name or contact details.",
        withdrawing:
          "Withdrawing the AI coach consent stops anything more being sent; what was sent is kept by the provider under its own terms.",
      },
      "coach-access": {
        name: "Your coach reading your AI conversations",
        purpose: "When the AI coach hands you to your coach, the conversation goes with it.",
        withdrawing:
          "If you withdraw the AI coach consent, a handoff sends your coach only a short summary, not your words. Coaches still see the plan and logs you share with them, and every read is in the list below.",
      },
      email: {
        name: "Emails",
        purpose: "Optional emails such as milestones, weekly summaries and session reminders.",
        withdrawing:
          "Turn email off for each kind in your notification settings (or use the link in any email). Security and billing emails still go out: your account needs them.",
      },
      sms: {
        name: "Text messages (SMS)",
        purpose: "Text messages to your phone number for the kinds you chose.",
        withdrawing: "Turn SMS off in your notification settings or remove your number: we stop sending text messages at once.",
      },
    },
  },
  visibility: {
    title: "How other members see you",
    intro:
      "These choices apply to your posts and comments in the community, to featured stories and to badges you share. You always see your own name in full.",
    name: { legend: "Your name", full: "Your display name", initials: "Only your initials (for example “N.A.”)" },
    avatar: "Show your avatar",
    avatarHint: "Otherwise other members see a plain grey circle instead of your initials on your colour.",
    smokeFreeDays: "Show how many days you have been smoke-free",
    badges: {
      legend: "Who can open badges you share",
      hint: "Applies to every badge you have shared. Nobody: the share links stop working until you choose again.",
      link: "Anyone with the link",
      members: "Only signed-in QuitPath members",
      nobody: "Nobody",
    },
    submit: "Save",
    saved: "Your visibility settings are saved.",
  },
  export: {
    title: "Download your data",
    intro:
      "One ZIP file with everything we hold about you: a JSON file with a documented schema, a CSV file per table and your uploaded photos. The link works for {{days}} days, only for you.",
    listLabel: "Your exports",
    requestedOn: "Asked for {{when}}",
    download: "Download (until {{when}})",
    progress: "Progress of your export",
    building: "Being prepared: {{percent}}%",
    status: { failed: "It could not be prepared. Please ask again.", expired: "The link has expired." },
    submit: "Prepare my data",
    requested: "We are preparing your data. We will tell you when it is ready.",
    alreadyRunning: "Your data is already being prepared.",
    notFound: "This download does not exist or has expired.",
  },
  erasure: {
    title: "Delete your account",
    intro: "Your account will be deleted {{days}} days after you ask.",
    deleted: "Your profile, health data, plans, logs, badges, messages, AI conversations, sessions and photos are deleted.",
    payments: "Payments are kept for accounting, with only the amounts, dates and an anonymous number.",
    grace: "For {{days}} days you can change your mind: just sign in again.",
    keepPosts: "Keep my community posts and comments, shown as written by “a former member”",
    keepPostsHint: "Otherwise they are deleted with your account.",
    understood: "I understand my account will be deleted in {{days}} days unless I sign in again",
    submit: "Delete my account",
    scheduled: "Your account will be deleted on {{when}}. Sign in before then to keep it.",
    cancelled: "Welcome back: your account will not be deleted.",
  },
  admin: {
    title: "Privacy and data requests",
    policy: {
      title: "Retention",
      erasure: "An account is erased {{days}} days after its owner asks; signing in before then cancels it.",
      exports: "A data export can be downloaded for {{days}} days; then its file is deleted (the record that it happened stays).",
      sweep: "The privacy sweep applies both every 15 minutes.",
      backups:
        "Backups are never edited: an erased member leaves them as they age out under the database's backup retention period (on RDS, its automated backup retention setting).",
    },
    pending: {
      title: "Accounts waiting to be erased",
      none: "No account is waiting to be erased.",
      member: "Member",
      requestedAt: "Asked",
      eraseAfter: "Erased after",
      posts: "Community posts",
      kept: "Kept as a former member",
      deleted: "Deleted",
    },
    receipts: {
      title: "Erasure receipts",
      intro: "Proof that an erasure happened, without any personal data.",
      none: "No account has been erased yet.",
      receipt: "Receipt",
      requestedAt: "Asked",
      erasedAt: "Erased",
      rows: "Rows removed or anonymised",
      payments: "Payments kept anonymised",
    },
    exports: {
      title: "Data exports",
      row: "{{status}}: {{count}}",
      status: { queued: "Waiting", building: "Being built", ready: "Ready", failed: "Failed" },
    },
  },
  errors: {
    choose: "Choose one of the options.",
    passwordRequired: "Enter your password.",
    mustUnderstand: "Tick the box to confirm.",
  },
};
