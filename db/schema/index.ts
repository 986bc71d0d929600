export * from "./achievements";
export * from "./billing";
export * from "./cessation";
export * from "./identity";
export * from "./notifications";
export * from "./platform";
export * from "./community";
export * from "./storage";
