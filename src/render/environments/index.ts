// Registering an environment is adding a file and a line here; its name must match a setting in src/plan/settings.
import "./studio.ts";
import "./concert-stage.ts";
import "./neon-city.ts";
import "./club-lasers.ts";
import "./sunset.ts";
import "./forest.ts";
import "./rain.ts";
import "./space.ts";
export { environment, type Environment, type EnvironmentFrame } from "./define-environment.ts";
