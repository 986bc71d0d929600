/** The AI coach page (/app/ai-coach) and the answers the offline coach writes. */
export default {
  title: "AI coach",
  intro: "Ask about a craving right now, withdrawal, money, a slip or medicines. Answers come with their sources from the knowledge hub.",
  provider: {
    offline:
      "This is the offline coach: it answers from QuitPath's reviewed knowledge hub and your own figures, without an AI model. It can be wrong; your human coach knows you best.",
    external:
      "Answers are written by an AI model ({{host}}) from QuitPath's reviewed knowledge hub and your figures. They can be wrong; your human coach knows you best.",
  },
  consent: {
    title: "Before your first question",
    sees: "The AI coach sees your journey figures: smoke-free days, money saved, your triggers and coping plan, today's plan tasks, and the questions you ask here. It does not see your community posts or your chat with your coach.",
    wrong: "Answers can be wrong. It never replaces a doctor, a pharmacist or your coach, and it does not give doses.",
    offline: "Nothing leaves QuitPath: the offline coach runs on our own server.",
    external:
      "Your questions and figures are sent to an external AI provider ({{host}}) to write the answers. Your name and contact details are never sent.",
    crisis:
      "If a message sounds like you may be in danger, the AI coach does not answer it: you see emergency contacts and your coach is told.",
    agree: "I understand, start",
    withdraw: "Stop using the AI coach",
    withdrawn: "You stopped using the AI coach. Nothing more is sent; your conversations stay until you delete them.",
    given: "You agreed on {{date}}.",
  },
  quota: {
    left_one: "{{count}} question left today",
    left_other: "{{count}} questions left today",
    reached: "You have asked all {{limit}} questions for today. Your quota starts again tomorrow; your coach is there meanwhile.",
  },
  ask: {
    label: "Your question",
    submit: "Ask",
    writing: "Writing…",
    newThread: "New conversation",
  },
  suggestions: {
    title: "You could ask",
    preparation: ["How do I get ready for my quit date?", "What can I do instead of my morning cigarette?"],
    early: ["I'm having a craving right now, what do I do?", "How long do cravings last?", "Why am I so irritable?"],
    later: ["I slipped and had one cigarette. Now what?", "How much money have I saved?", "How do I stay smoke-free at parties?"],
    none: ["How do I start quitting?", "Which medicines help people quit?"],
  },
  threads: {
    title: "Your conversations",
    empty: "No conversations yet.",
    delete: "Delete this conversation",
    deleteAll: "Delete all conversations",
    deleted: "Deleted.",
  },
  message: {
    you: "You",
    coach: "AI coach",
    sources: "Sources",
    helped: "This helped",
    notHelped: "This didn't help",
    rated: "Thanks for telling us.",
    interrupted: "This answer was cut off before it finished.",
    retry: "Try again",
    fallback:
      "I can't give a good answer to that one. For anything about medicines or your health, please talk to a doctor or pharmacist — and your coach is here for everything else.",
  },
  handoff: {
    talk: "Talk to my coach",
    sentCoach: "{{coach}} has been told and will answer in your chat, usually within 2 working hours.",
    sentTeam: "Our coaching team has been told; a coach will get in touch with you.",
  },
  crisis: {
    title: "Please get help now",
    body: "What you wrote sounds like you, or someone with you, may be in danger. You don't have to face this alone: please contact one of these now.",
    emergency: "In immediate danger, call your local emergency number.",
    told: "We have told a person on the QuitPath team so they can reach out to you. The AI coach does not answer messages like this one.",
  },
  offline: {
    concern:
      "That sounds really hard, and I'm glad you said it. You don't have to carry this alone: your human coach can talk it through with you — use “Talk to my coach” below.",
    figures: "You're {{days}} days smoke-free and have saved {{money}} so far.",
    figuresDays: "You're {{days}} days smoke-free.",
    beforeQuitDate: "Your quit date is still ahead: every bit of preparation now makes that day easier.",
    craving:
      "A craving usually peaks and fades within a few minutes, even if it feels endless. Delay, breathe, and do something with your hands until it passes.",
    copingPlan: "Your plan for {{trigger}}: {{strategy}} — {{description}}",
    slip: "One cigarette is a slip, not the end of your attempt: the days you already have still count. Look at what led to it, and plan for that moment next time.",
    money: "So far you have saved {{money}}. Put some of it towards something you'll enjoy.",
    moneyNone: "Once your quit date starts, I'll show you the money you save each day.",
    withdrawal: "Withdrawal symptoms are strongest in the first week or two and then ease off; they are a sign your body is recovering.",
    progress: "You have resisted {{cravings}} cravings since you started. That's a skill you are building.",
    fromHub: "From the knowledge hub:",
    nothingFound: "I couldn't find an article on that in the knowledge hub. Your human coach can help with it.",
    clinician: "For medicines, pregnancy, vaping or a heart condition, please talk to a doctor or pharmacist about what is right for you.",
    today: "On today's plan: {{tasks}}.",
  },
  errors: {
    consent: "Please read and accept the notice first.",
    quota: "You have no questions left today.",
    empty: "Write a question first.",
    tooLong: "Keep the question under 1,000 characters.",
    notFound: "That conversation doesn't exist.",
    busy: "The answer is still being written.",
  },
};
