/**
 * The two profiles of the robustness suite. `short` runs in CI (the whole suite in under about
 * four minutes on two cores); `long` runs on demand (ROBUSTNESS_PROFILE=long, about 45 minutes).
 * Every number can be overridden by an environment variable named in `OVERRIDES`.
 */
export interface Profile {
  name: 'short' | 'long';
  crash: {
    kills: number;
    writers: number;
    /** Load runs for a random time in [min, max] ms before each kill -9. */
    loadMsMin: number;
    loadMsMax: number;
  };
  lostUpdates: {
    clients: number;
    incrementsPerClient: number;
    /** Clients of the two-process variant (split between the processes). */
    sharedClients: number;
    sharedIncrementsPerClient: number;
  };
  fuzz: {
    /** Generated inputs per endpoint (fast-check runs). */
    runsPerEndpoint: number;
    /** Concurrent fuzzing loops. */
    workers: number;
  };
  leader: {
    replicas: number;
    applications: number;
    /** Rounds of: SIGSTOP/SIGCONT of the leader, kill -9 of the leader during a reconcile. */
    faultRounds: number;
  };
  watch: {
    sseClients: number;
    kubeClients: number;
    writes: number;
    vanishingClients: number;
    nonReadingClients: number;
  };
  soak: {
    durationSeconds: number;
    sampleSeconds: number;
    writers: number;
  };
}

export const SHORT: Profile = {
  name: 'short',
  crash: { kills: 3, writers: 4, loadMsMin: 1500, loadMsMax: 3500 },
  lostUpdates: { clients: 8, incrementsPerClient: 25, sharedClients: 8, sharedIncrementsPerClient: 15 },
  fuzz: { runsPerEndpoint: 120, workers: 4 },
  leader: { replicas: 3, applications: 12, faultRounds: 1 },
  watch: { sseClients: 200, kubeClients: 200, writes: 60, vanishingClients: 200, nonReadingClients: 8 },
  soak: { durationSeconds: 60, sampleSeconds: 15, writers: 4 },
};

export const LONG: Profile = {
  name: 'long',
  crash: { kills: 12, writers: 6, loadMsMin: 1000, loadMsMax: 8000 },
  lostUpdates: { clients: 32, incrementsPerClient: 100, sharedClients: 24, sharedIncrementsPerClient: 60 },
  fuzz: { runsPerEndpoint: 1500, workers: 6 },
  leader: { replicas: 3, applications: 40, faultRounds: 6 },
  watch: { sseClients: 1000, kubeClients: 1000, writes: 300, vanishingClients: 2000, nonReadingClients: 32 },
  soak: { durationSeconds: 1800, sampleSeconds: 60, writers: 6 },
};

/** Environment variables that override one number of the chosen profile. */
export const OVERRIDES: Record<string, (p: Profile, v: number) => void> = {
  ROBUSTNESS_CRASH_KILLS: (p, v) => (p.crash.kills = v),
  ROBUSTNESS_FUZZ_RUNS: (p, v) => (p.fuzz.runsPerEndpoint = v),
  ROBUSTNESS_LEADER_ROUNDS: (p, v) => (p.leader.faultRounds = v),
  ROBUSTNESS_WATCH_CLIENTS: (p, v) => (p.watch.sseClients = p.watch.kubeClients = v),
  ROBUSTNESS_SOAK_SECONDS: (p, v) => (p.soak.durationSeconds = v),
  ROBUSTNESS_SOAK_SAMPLE_SECONDS: (p, v) => (p.soak.sampleSeconds = v),
};

/** The profile named by `name` (default short), with the environment's overrides applied. */
export function resolveProfile(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Profile {
  if (name !== undefined && name !== 'short' && name !== 'long') throw new Error(`unknown profile "${name}": use short or long`);
  const profile: Profile = structuredClone(name === 'long' ? LONG : SHORT);
  for (const [variable, apply] of Object.entries(OVERRIDES)) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${variable}=${text}: must be a non-negative number`);
    apply(profile, value);
  }
  return profile;
}
