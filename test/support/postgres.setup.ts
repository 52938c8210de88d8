import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres.js';

/** The portal-pg project: one private cluster for the run, each portal in a database of its own. */
export default function setup(project: TestProject): () => void {
  const cluster = startTestPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
