/**
 * The random numbers of a proposal: one seedrandom stream per parameter, named after the study's
 * seed, the proposal's number and the parameter's path. Proposal i is the same whatever ran before
 * it, and adding a param to the space (or a `when` switching one off) leaves the others' draws alone.
 */
import { stream, type Random } from '@ablate/spec';

export const proposalStream = (seed: number, index: number, path: string): Random => stream(seed, 'search', String(index), path);
