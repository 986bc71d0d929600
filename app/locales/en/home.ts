export default {
  meta: {
    title: "QuitPath — quit smoking with a plan, a coach and a community",
    description:
      "A free plan built from your own smoking, daily check-ins in one tap, and coaches and a community when you need them. In English and Vietnamese.",
  },
  hero: {
    title: "Quit smoking with a plan that fits you",
    body: "Tell us how you smoke. QuitPath proposes a quit plan, counts every smoke-free hour and every dong or dollar you keep, and stays with you through slips.",
    cta: "Start for free",
    secondary: "I already have an account",
    dashboard: "Open your dashboard",
  },
  how: {
    title: "How it works",
    steps: {
      profile: {
        title: "Describe your smoking",
        body: "How much, how long, what it costs and what triggers it — and the Fagerström test to measure dependence.",
      },
      plan: {
        title: "Get a quit plan",
        body: "A quit date and stages from preparation to graduation, with a coping strategy for each of your triggers.",
      },
      log: {
        title: "Check in every day",
        body: "Log cigarettes, cravings and mood in a tap or two. A slip does not wipe out your progress.",
      },
      support: {
        title: "Get support",
        body: "Badges to share, a community that understands, and — on premium — a human coach and an AI coach.",
      },
    },
  },
  figures: {
    title: "QuitPath today",
    smokeFreeToday: "Members smoke-free today",
    daysTogether: "Smoke-free days, all members together",
  },
  articles: { title: "Start reading", all: "All articles in the knowledge hub" },
  stories: {
    title: "Stories from members",
    anonymous: "A member",
    days_one: "{{count}} day smoke-free",
    days_other: "{{count}} days smoke-free",
    read: "Read the story",
    all: "All stories",
  },
  facts: {
    title: "Your body starts recovering within minutes",
    twentyMinutes: "After 20 minutes, your heart rate and blood pressure drop.",
    twelveHours: "After 12 hours, carbon monoxide in your blood drops to normal.",
    oneYear: "After 1 year, your risk of coronary heart disease is about half that of a smoker.",
    source: "Source: WHO, “Tobacco: health benefits of smoking cessation”.",
  },
};
