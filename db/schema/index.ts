export * from "./badges";
export * from "./billing";
export * from "./journey";
export * from "./identity";
export * from "./notifications";
export * from "./platform";
export * from "./community";
export * from "./storage";
