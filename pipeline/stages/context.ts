/** Side effects a stage may use, passed in so tests run silent and deterministic. */
export interface StageContext {
  log: (line: string) => void;
}

export const silentContext: StageContext = { log: () => {} };
