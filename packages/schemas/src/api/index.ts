// Our own admin API's request and response bodies and its error model. The app validates with
// these and publishes them in its OpenAPI document; `.meta({ id })` names the components there.
export * from "./backfill.ts";
export * from "./changes.ts";
export * from "./common.ts";
export * from "./data.ts";
export * from "./errors.ts";
export * from "./inbox.ts";
export * from "./passes.ts";
export * from "./series.ts";
export * from "./stats.ts";
export * from "./token.ts";
export * from "./users.ts";
