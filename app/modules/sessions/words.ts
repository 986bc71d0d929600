/** The words of feedback, shared by the forms (browser) and the server module. */
export const FEEDBACK_CATEGORIES = ["idea", "problem", "coaching", "billing", "other"] as const;
export const FEEDBACK_STATUSES = ["new", "answered", "closed"] as const;

export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
