export { inspectPhotos, choosePrimary, MAX_PHOTOS, type InspectPhotosOptions, type PhotoInput } from "./inspect-photos.ts";
export { createFaceDetector, DETECTOR_PARAMETERS, type FaceDetector, type FaceDetectorOptions, type AnalyzeOptions } from "./face-detector.ts";
export { chooseAspect } from "./choose-aspect.ts";
export { drawInspectionOverlay, type OverlayInput } from "./draw-inspection-overlay.ts";
export { QUALITY_PARAMETERS, checkFace, chooseFace, descriptorSimilarity, type QualityParameters } from "./photo-quality.ts";
export { MESH_INDICES, landmarksFromMesh, faceBoxFromMesh, headPoseFromHuman } from "./face-landmarks.ts";
