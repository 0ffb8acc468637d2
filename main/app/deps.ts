import { randomUUID } from 'node:crypto';

/** What every service may need from the outside world, so tests can control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const newId = (): string => randomUUID();
