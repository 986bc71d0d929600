/**
 * Every table column that points at a person (a foreign key to users.id), and what export and
 * erasure do with it. tests/integration/privacy/member-data.test.ts walks the database's own
 * foreign keys and fails when one is missing here, so a new table cannot skip export or erasure.
 */

/** What erasure does with a row that references the member through this column. */
export type ErasureRule =
  /** The row is the member's: deleted with the account (the foreign key cascades). */
  | "delete-with-account"
  /** The row is someone else's record that named the member as staff or actor: the reference becomes null. */
  | "unlink"
  /** The row holds personal data but its foreign key only unlinks it: erasure deletes it explicitly first. */
  | "delete-explicitly"
  /** Kept for accounting, stripped of everything but amounts, dates and the receipt's anonymous id. */
  | "anonymise"
  /** Kept as "a former member" when the member chose so, otherwise deleted. */
  | "keep-as-former-member-or-delete";

export type MemberColumn = {
  table: string;
  column: string;
  erase: ErasureRule;
  /** Why these rows are left out of the member's export (absent: they are exported). */
  notExported?: string;
};

export const MEMBER_COLUMNS: readonly MemberColumn[] = [
  { table: "users", column: "id", erase: "delete-with-account" },
  { table: "sessions", column: "user_id", erase: "delete-with-account" },
  { table: "password_reset_tokens", column: "user_id", erase: "delete-with-account" },
  { table: "health_consents", column: "user_id", erase: "delete-with-account" },
  { table: "smoking_profiles", column: "user_id", erase: "delete-with-account" },
  { table: "quit_attempts", column: "user_id", erase: "delete-with-account" },
  { table: "plan_revisions", column: "user_id", erase: "delete-with-account" },
  { table: "plan_revisions", column: "author_id", erase: "unlink" },
  { table: "daily_totals", column: "user_id", erase: "delete-with-account" },
  { table: "cigarette_logs", column: "user_id", erase: "delete-with-account" },
  { table: "craving_logs", column: "user_id", erase: "delete-with-account" },
  { table: "mood_logs", column: "user_id", erase: "delete-with-account" },
  { table: "slip_reflections", column: "user_id", erase: "delete-with-account" },
  { table: "outcome_follow_ups", column: "user_id", erase: "delete-with-account" },
  { table: "badge_awards", column: "user_id", erase: "delete-with-account" },
  { table: "roadmap_step_progress", column: "user_id", erase: "delete-with-account" },
  { table: "document_acceptances", column: "user_id", erase: "delete-with-account" },
  { table: "notifications", column: "user_id", erase: "delete-with-account" },
  { table: "notification_settings", column: "user_id", erase: "delete-with-account" },
  {
    table: "push_subscriptions",
    column: "user_id",
    erase: "delete-with-account",
    notExported: "a browser's push address and keys: they only work for that browser and say nothing about the member",
  },
  { table: "push_outbox", column: "user_id", erase: "delete-with-account" },
  { table: "email_outbox", column: "user_id", erase: "delete-explicitly" },
  { table: "sms_outbox", column: "user_id", erase: "delete-explicitly" },
  { table: "community_posts", column: "author_id", erase: "keep-as-former-member-or-delete" },
  { table: "community_comments", column: "author_id", erase: "keep-as-former-member-or-delete" },
  { table: "community_reactions", column: "user_id", erase: "delete-with-account" },
  { table: "community_reports", column: "reporter_id", erase: "delete-with-account" },
  { table: "community_reports", column: "resolved_by", erase: "unlink" },
  { table: "moderation_actions", column: "moderator_id", erase: "unlink" },
  { table: "moderation_actions", column: "subject_user_id", erase: "unlink" },
  { table: "community_moderators", column: "user_id", erase: "delete-with-account" },
  { table: "community_moderators", column: "granted_by", erase: "unlink" },
  { table: "community_suspensions", column: "user_id", erase: "delete-with-account" },
  { table: "community_suspensions", column: "moderator_id", erase: "unlink" },
  { table: "community_blocks", column: "blocker_id", erase: "delete-with-account" },
  {
    table: "community_blocks",
    column: "blocked_id",
    erase: "delete-with-account",
    notExported: "who blocked the member is the other member's private choice",
  },
  { table: "community_blocked_words", column: "added_by", erase: "unlink" },
  { table: "stored_files", column: "owner_id", erase: "delete-explicitly" },
  { table: "subscriptions", column: "user_id", erase: "delete-with-account" },
  { table: "promotion_redemptions", column: "user_id", erase: "delete-with-account" },
  { table: "billing_customers", column: "user_id", erase: "delete-with-account" },
  { table: "checkout_sessions", column: "user_id", erase: "delete-with-account" },
  { table: "payments", column: "user_id", erase: "anonymise" },
  { table: "admin_audit", column: "admin_id", erase: "unlink" },
  { table: "coach_profiles", column: "coach_id", erase: "delete-with-account" },
  { table: "coach_profiles", column: "reviewed_by", erase: "unlink" },
  { table: "coach_assignments", column: "member_id", erase: "delete-with-account" },
  { table: "coach_assignments", column: "coach_id", erase: "delete-with-account" },
  { table: "coach_assignments", column: "assigned_by", erase: "unlink" },
  { table: "coach_assignments", column: "ended_by", erase: "unlink" },
  { table: "coach_match_requests", column: "member_id", erase: "delete-with-account" },
  { table: "conversations", column: "member_id", erase: "keep-as-former-member-or-delete" },
  { table: "conversations", column: "coach_id", erase: "delete-with-account" },
  { table: "messages", column: "sender_id", erase: "unlink" },
  { table: "coach_responses", column: "coach_id", erase: "delete-with-account" },
  {
    table: "case_notes",
    column: "member_id",
    erase: "delete-with-account",
    notExported: "a coach's private working notes; an admin releases them on a written request",
  },
  { table: "case_notes", column: "author_id", erase: "unlink" },
  { table: "plan_proposals", column: "member_id", erase: "delete-with-account" },
  { table: "plan_proposals", column: "coach_id", erase: "unlink" },
  { table: "health_data_access", column: "member_id", erase: "delete-with-account" },
  { table: "health_data_access", column: "viewer_id", erase: "unlink" },
  { table: "graduations", column: "member_id", erase: "delete-with-account" },
  { table: "graduations", column: "coach_id", erase: "unlink" },
  { table: "content_items", column: "approved_by", erase: "unlink" },
  { table: "content_items", column: "created_by", erase: "unlink" },
  { table: "content_revisions", column: "changed_by", erase: "unlink" },
  { table: "escalations", column: "member_id", erase: "delete-with-account" },
  { table: "escalations", column: "assignee_id", erase: "unlink" },
  { table: "escalations", column: "resolved_by", erase: "unlink" },
  { table: "session_settings", column: "coach_id", erase: "delete-with-account" },
  { table: "availability_exceptions", column: "coach_id", erase: "delete-with-account" },
  { table: "coaching_sessions", column: "member_id", erase: "delete-with-account" },
  { table: "coaching_sessions", column: "coach_id", erase: "delete-with-account" },
  { table: "coaching_sessions", column: "booked_by", erase: "unlink" },
  { table: "coaching_sessions", column: "cancelled_by", erase: "unlink" },
  { table: "session_attendance", column: "user_id", erase: "delete-with-account" },
  { table: "call_signals", column: "from_user_id", erase: "delete-with-account" },
  { table: "call_signals", column: "to_user_id", erase: "delete-with-account" },
  { table: "session_preferences", column: "user_id", erase: "delete-with-account" },
  { table: "session_ratings", column: "member_id", erase: "delete-with-account" },
  { table: "session_ratings", column: "coach_id", erase: "delete-with-account" },
  { table: "helpful_votes", column: "user_id", erase: "delete-with-account" },
  { table: "feedback_items", column: "user_id", erase: "delete-explicitly" },
  { table: "feedback_items", column: "responded_by", erase: "unlink" },
  { table: "calendar_feeds", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_consents", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_threads", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_messages", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_usage", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_handoffs", column: "user_id", erase: "delete-with-account" },
  { table: "ai_coach_handoffs", column: "coach_id", erase: "unlink" },
  { table: "ai_coach_handoffs", column: "acknowledged_by", erase: "unlink" },
  { table: "ai_coach_safety_events", column: "user_id", erase: "delete-with-account" },
  { table: "report_members", column: "user_id", erase: "delete-with-account", notExported: "figures derived from the exported logs" },
  { table: "report_attempts", column: "user_id", erase: "delete-with-account", notExported: "figures derived from the exported logs" },
  { table: "data_exports", column: "user_id", erase: "delete-with-account" },
  { table: "account_deletions", column: "user_id", erase: "delete-with-account" },
  { table: "privacy_settings", column: "user_id", erase: "delete-with-account" },
  { table: "account_inactivity", column: "user_id", erase: "delete-with-account" },
];

/** Secrets and machine-only columns never written to an archive (token hashes, password hash, search vectors, file bytes). */
export const OMITTED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ["password_hash", "search_text", "journey_version"],
  sessions: ["id"],
  password_reset_tokens: ["token_hash"],
  calendar_feeds: ["token_hash"],
  community_posts: ["search_document"],
  stored_files: ["bytes"],
};

/** The exported tables, each with the columns that name the member: one query per table (`a = me or b = me`). */
export function exportedTables(): { table: string; columns: string[] }[] {
  const byTable = new Map<string, string[]>();
  for (const c of MEMBER_COLUMNS) {
    if (c.notExported) continue;
    byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.column]);
  }
  return [...byTable].map(([table, columns]) => ({ table, columns }));
}
