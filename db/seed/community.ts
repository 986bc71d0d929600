import { inArray, sql } from "drizzle-orm";
import { communityComments, communityModerators, communityPosts, communityReactions, users } from "../schema";
import type { Database } from "../client.server";
import { buildSearchDocument } from "../../app/modules/community/search";
import type { PostBody } from "../../app/modules/community/post-body";

type DemoPost = {
  author: string;
  kind: PostBody["kind"];
  text: string;
  tags: PostBody["tags"];
  hoursAgo: number;
  anonymous?: boolean;
  publicStory?: boolean;
  comments?: [string, string][];
  reactions?: [string, "support" | "celebrate" | "hug"][];
};

const posts: DemoPost[] = [
  {
    author: "member@quitpath.test",
    kind: "story",
    publicStory: true,
    hoursAgo: 30,
    tags: ["milestones", "stories"],
    text: "**Một năm không thuốc lá!** 🎉\n\nNăm ngoái tôi hút gần một bao mỗi ngày. Điều giúp tôi nhiều nhất:\n\n- Uống nước mỗi khi thèm thuốc\n- Đi bộ sau bữa trưa thay vì ra quán cà phê\n- Đọc lại lý do cai thuốc mỗi sáng\n\nCảm ơn mọi người trong cộng đồng đã luôn động viên. Nếu tôi làm được thì bạn cũng làm được!",
    comments: [
      ["member2@quitpath.test", "Chúc mừng anh An! Đọc câu chuyện này em có thêm động lực."],
      ["member13@quitpath.test", "Congratulations, that's huge! The walking tip works for me too."],
      ["coach.mai@quitpath.test", "Một cột mốc tuyệt vời. Cảm ơn anh đã chia sẻ kinh nghiệm thật cụ thể."],
    ],
    reactions: [
      ["member2@quitpath.test", "celebrate"],
      ["member3@quitpath.test", "celebrate"],
      ["member13@quitpath.test", "celebrate"],
      ["member14@quitpath.test", "support"],
      ["member5@quitpath.test", "hug"],
    ],
  },
  {
    author: "member2@quitpath.test",
    kind: "question",
    hoursAgo: 5,
    tags: ["cravings", "questions"],
    text: "Mọi người ơi, cơn thèm thuốc sau bữa cơm trưa làm sao để vượt qua? Em đã cai thuốc được 6 ngày rồi nhưng buổi trưa vẫn khó quá.",
    comments: [
      ["member@quitpath.test", "Em thử đánh răng ngay sau khi ăn xong, vị bạc hà làm mình không muốn hút nữa."],
      ["member4@quitpath.test", "Nhai kẹo cao su không đường cũng giúp anh rất nhiều."],
    ],
    reactions: [
      ["member@quitpath.test", "support"],
      ["member4@quitpath.test", "hug"],
    ],
  },
  {
    author: "member13@quitpath.test",
    kind: "post",
    hoursAgo: 2,
    tags: ["milestones"],
    text: "Day 30 smoke-free today! I saved enough to book a weekend trip. My lungs feel so much better when I climb stairs.",
    comments: [["member15@quitpath.test", "A whole month! Enjoy the trip, you earned it."]],
    reactions: [
      ["member15@quitpath.test", "celebrate"],
      ["member16@quitpath.test", "celebrate"],
      ["member@quitpath.test", "support"],
    ],
  },
  {
    author: "member14@quitpath.test",
    kind: "post",
    hoursAgo: 9,
    tags: ["tips"],
    text: "Tip that worked for me: I wrote my reasons on a card and keep it where my cigarettes used to be. When a craving hits, I read it and breathe slowly for 2 minutes.",
    reactions: [
      ["member13@quitpath.test", "support"],
      ["member3@quitpath.test", "support"],
    ],
  },
  {
    author: "member3@quitpath.test",
    kind: "post",
    hoursAgo: 14,
    anonymous: true,
    tags: ["support"],
    text: "Hôm qua tôi lỡ hút lại một điếu sau khi cãi nhau với vợ. Tôi thấy rất xấu hổ. Hôm nay tôi bắt đầu lại từ đầu.",
    comments: [
      ["member@quitpath.test", "Một lần trượt không xoá đi những ngày anh đã cố gắng. Cố lên anh nhé!"],
      ["coach.mai@quitpath.test", "Đây là chuyện rất thường gặp. Hãy ghi lại điều đã xảy ra để lần sau có kế hoạch đối phó."],
    ],
    reactions: [
      ["member@quitpath.test", "hug"],
      ["member2@quitpath.test", "hug"],
      ["member14@quitpath.test", "hug"],
    ],
  },
  {
    author: "member17@quitpath.test",
    kind: "question",
    hoursAgo: 20,
    tags: ["questions", "cravings"],
    text: "Is it normal to feel more hungry in the first two weeks? I keep snacking and I'm worried about weight.",
    comments: [
      ["coach.sam@quitpath.test", "Very common. Keep crunchy vegetables or fruit close, and it usually settles after a few weeks."],
    ],
    reactions: [["member18@quitpath.test", "support"]],
  },
  {
    author: "member5@quitpath.test",
    kind: "post",
    hoursAgo: 50,
    tags: ["milestones"],
    text: "Tròn 100 ngày cai thuốc lá! Số tiền tiết kiệm được tôi mua tặng con một chiếc xe đạp.",
    reactions: [
      ["member@quitpath.test", "celebrate"],
      ["member6@quitpath.test", "celebrate"],
    ],
  },
  {
    author: "member16@quitpath.test",
    kind: "post",
    hoursAgo: 72,
    tags: ["support"],
    text: "Rough day at work and I really wanted a cigarette. Came here instead. Reading your posts helped — still smoke-free.",
    comments: [["member13@quitpath.test", "Proud of you for reaching out instead. That's the skill that keeps you free."]],
    reactions: [
      ["member13@quitpath.test", "hug"],
      ["member14@quitpath.test", "support"],
    ],
  },
];

/** A lively demo community in both languages; runs once (skipped when demo posts exist). */
export async function seedDemoCommunity(db: Database): Promise<void> {
  const emails = [
    ...new Set(posts.flatMap((p) => [p.author, ...(p.comments ?? []).map((c) => c[0]), ...(p.reactions ?? []).map((r) => r[0])])),
  ];
  const people = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const idOf = new Map(people.map((p) => [p.email, p.id]));
  const known = (email: string) => idOf.get(email);
  const authorIds = posts.map((p) => known(p.author)).filter((id): id is string => Boolean(id));
  if (authorIds.length === 0) return;
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(communityPosts)
    .where(inArray(communityPosts.authorId, authorIds));
  if ((existing?.n ?? 0) > 0) return;

  await db.transaction(async (tx) => {
    for (const post of posts) {
      const authorId = known(post.author);
      if (!authorId) continue;
      const body: PostBody = { version: 1, kind: post.kind, text: post.text, imageIds: [], tags: post.tags };
      const reactions = (post.reactions ?? []).filter(([email]) => known(email));
      const comments = (post.comments ?? []).filter(([email]) => known(email));
      const createdAt = new Date(Date.now() - post.hoursAgo * 3600_000);
      const [row] = await tx
        .insert(communityPosts)
        .values({
          authorId,
          body,
          kind: post.kind,
          tags: post.tags,
          anonymous: post.anonymous ?? false,
          publicConsent: post.publicStory ?? false,
          featuredAt: post.publicStory ? createdAt : null,
          searchDocument: sql`to_tsvector('simple', ${buildSearchDocument([post.text, ...post.tags])})`,
          commentCount: comments.length,
          supportCount: reactions.filter((r) => r[1] === "support").length,
          celebrateCount: reactions.filter((r) => r[1] === "celebrate").length,
          hugCount: reactions.filter((r) => r[1] === "hug").length,
          createdAt,
        })
        .returning({ id: communityPosts.id });
      if (comments.length > 0) {
        await tx.insert(communityComments).values(
          comments.map(([email, text], i) => ({
            postId: row!.id,
            authorId: known(email)!,
            text,
            createdAt: new Date(createdAt.getTime() + (i + 1) * 1800_000),
          })),
        );
      }
      if (reactions.length > 0) {
        await tx
          .insert(communityReactions)
          .values(reactions.map(([email, type]) => ({ postId: row!.id, userId: known(email)!, type })))
          .onConflictDoNothing();
      }
    }
    const coach = known("coach.mai@quitpath.test");
    if (coach) await tx.insert(communityModerators).values({ userId: coach }).onConflictDoNothing();
  });
}
