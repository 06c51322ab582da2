// The eight settings; registering one is adding a defineSetting call (its environment must exist in src/render/environments).
import { defineSetting } from "./define-setting.ts";

export const studio = defineSetting({
  environment: "studio",
  keywords: ["studio", "backdrop", "photoshoot", "clean", "minimal", "simple", "white"],
  timeOfDay: "any",
  look: "studio",
});
defineSetting({
  environment: "concert-stage",
  keywords: ["stage", "concert", "live", "arena", "festival", "gig", "spotlight", "spotlights", "tour", "rock"],
  timeOfDay: "night",
  look: "stage-warm",
});
defineSetting({
  environment: "neon-city",
  keywords: ["city", "street", "streets", "neon", "urban", "downtown", "cyberpunk", "tokyo", "skyline", "synthwave"],
  timeOfDay: "night",
  look: "neon-night",
});
defineSetting({
  environment: "club-lasers",
  keywords: ["club", "laser", "lasers", "rave", "dance", "disco", "party", "edm", "dj", "techno"],
  timeOfDay: "night",
  look: "neon-night",
});
defineSetting({
  environment: "sunset",
  keywords: ["sunset", "sunrise", "golden", "beach", "ocean", "sea", "summer", "desert", "dusk"],
  timeOfDay: "golden-hour",
  look: "golden-hour",
});
defineSetting({
  environment: "forest",
  keywords: ["forest", "woods", "trees", "nature", "jungle", "garden", "green", "folk", "countryside", "field"],
  timeOfDay: "day",
  look: "natural",
});
defineSetting({
  environment: "rain",
  keywords: ["rain", "rainy", "storm", "stormy", "window", "wet", "tears", "grey", "gray"],
  timeOfDay: "night",
  look: "cold-blue",
});
defineSetting({
  environment: "space",
  keywords: ["space", "stars", "galaxy", "cosmic", "universe", "planet", "moon", "astronaut", "nebula", "dreamy"],
  timeOfDay: "night",
  look: "cosmic",
});
