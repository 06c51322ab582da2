/** Planner parameters, with units and the reason for each value. */
export const PLAN_PARAMS = {
  /** [s] shortest shot: below ≈ 0.6 s a viewer cannot take in a new angle. */
  minShot: 0.6,
  /** [s] longest shot outside the intro and outro: past 8 s a music video feels stalled. */
  maxShot: 8,
  /** [s] with no beats at all (a free-time piece), cut on this grid. */
  beatlessShot: 3,
  /** Default share of sung time on the singing face: most of it, with room for cutaways. */
  lipSyncShare: 0.8,
  /** Share of instrumental shots that leave the performer for the setting or abstract visuals. */
  cutawayShare: 0.45,
} as const;
