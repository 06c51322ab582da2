export * from "./render-frame.ts";
export * from "./prepare-render.ts";
export { registeredCameraMoves, cameraMove } from "./camera-moves/index.ts";
export { registeredTransitions, transition } from "./transitions/index.ts";
export { beatPulse, lastBeatIndex } from "./beat-clock.ts";
