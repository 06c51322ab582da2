// Registering a camera move is adding a file and a line here.
import "./push-in.ts";
import "./pull-out.ts";
import "./pan.ts";
import "./tilt.ts";
import "./handheld.ts";
import "./arc.ts";
import "./beat-punch.ts";
import "./rack-focus.ts";
import "./dolly-zoom.ts";
export { cameraMove, registeredCameraMoves, type CameraMove, type CameraPose, type CameraMoveContext } from "./define-camera-move.ts";
