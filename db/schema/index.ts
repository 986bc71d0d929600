export * from "./achievements";
export * from "./cessation";
export * from "./identity";
export * from "./notifications";
export * from "./platform";
