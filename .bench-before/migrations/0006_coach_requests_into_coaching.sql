-- The coach_requests queue becomes coaching (issue 12): an accepted request is an active assignment
-- with a conversation whose first message is the member's note; a waiting one (or one accepted by a
-- coach whose account is gone) is a match request. Withdrawn requests were never a relationship.
WITH moved AS (
  INSERT INTO coach_assignments (member_id, coach_id, status, source, requested_at, started_at)
  SELECT r.user_id, r.coach_id, 'active', 'request', r.created_at, coalesce(r.accepted_at, r.created_at)
  FROM coach_requests r WHERE r.status = 'accepted' AND r.coach_id IS NOT NULL
  ON CONFLICT (member_id) WHERE status = 'active' DO NOTHING
  RETURNING id, member_id, coach_id
), conversation AS (
  INSERT INTO conversations (assignment_id, member_id, coach_id, last_seq, member_read_seq, coach_read_seq, last_message_at, created_at)
  SELECT m.id, m.member_id, m.coach_id, 1, 1, 1, r.created_at, r.created_at
  FROM moved m JOIN coach_requests r ON r.user_id = m.member_id AND r.status = 'accepted'
  RETURNING id, member_id
)
INSERT INTO messages (conversation_id, seq, sender_id, client_id, body, created_at)
SELECT c.id, 1, c.member_id, gen_random_uuid(), r.note, r.created_at
FROM conversation c JOIN coach_requests r ON r.user_id = c.member_id AND r.status = 'accepted';
--> statement-breakpoint
INSERT INTO coach_match_requests (member_id, languages, note, status, created_at)
SELECT r.user_id, ARRAY[r.preferred_language], r.note, 'waiting', r.created_at FROM coach_requests r
WHERE (r.status = 'waiting' OR (r.status = 'accepted' AND r.coach_id IS NULL))
  AND NOT EXISTS (SELECT 1 FROM coach_assignments a WHERE a.member_id = r.user_id AND a.status = 'active')
ON CONFLICT (member_id) WHERE status = 'waiting' DO NOTHING;
--> statement-breakpoint
DROP TABLE "coach_requests" CASCADE;
