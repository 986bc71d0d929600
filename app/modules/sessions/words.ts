/** The words of feedback, shared by the forms (browser) and the server module. */
export const FEEDBACK_CATEGORIES_LIST = ["idea", "problem", "coaching", "billing", "other"] as const;
export const FEEDBACK_STATUSES_LIST = ["new", "answered", "closed"] as const;
