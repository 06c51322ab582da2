export * from "./style.ts";
export * from "./plan-storyboard.ts";
export * from "./compile-timeline.ts";
export * from "./output-format.ts";
