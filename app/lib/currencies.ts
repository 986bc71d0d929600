/** The currencies a member keeps their figures in (pack price, money saved); billing prices use any ISO 4217 code. */
export const CURRENCIES = ["VND", "USD", "EUR", "GBP", "AUD", "SGD", "JPY", "KRW", "THB"] as const;
export type Currency = (typeof CURRENCIES)[number];
