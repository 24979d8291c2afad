/** Options of the SimulatedWorkloadDriver (module option `simulation`). */
export interface SimulationOptions {
  /** Time from pod creation to readiness, in ms. Default 300; 0 makes pods ready on the next timer tick. */
  podStartupMs?: number;
  /** Image tags that never pull (ErrImagePull, then ImagePullBackOff). Default `broken`, `doesnotexist`. */
  failingTags?: string[];
}

export const DEFAULT_SIMULATION: Required<SimulationOptions> = {
  podStartupMs: 300,
  failingTags: ['broken', 'doesnotexist'],
};
