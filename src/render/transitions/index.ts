// Registering a transition is adding a file and a line here.
import "./cut.ts";
import "./crossfade.ts";
import "./dip-to-black.ts";
import "./flash.ts";
import "./whip-pan.ts";
import "./zoom-blur.ts";
import "./light-leak.ts";
import "./glitch.ts";
export { transition, registeredTransitions, type Transition, type TransitionContext } from "./define-transition.ts";
