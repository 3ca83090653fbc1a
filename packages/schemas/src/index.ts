export {};
export * from "./api/index.ts";
