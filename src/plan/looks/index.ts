// Registering a look is adding a file here; the order breaks ties between equally matched looks.
export { studio } from "./studio.ts";
export { neonNight } from "./neon-night.ts";
export { goldenHour } from "./golden-hour.ts";
export { noir } from "./noir.ts";
export { coldBlue } from "./cold-blue.ts";
export { stageWarm } from "./stage-warm.ts";
export { natural } from "./natural.ts";
export { cosmic } from "./cosmic.ts";
export { registeredLooks, lookNamed, type LookDefinition } from "./define-look.ts";
