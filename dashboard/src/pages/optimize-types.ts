import type { Schemas } from '../api/types';

/** A searched value: a number, a boolean, an enum word or a risk percentage (decimal text). */
export type SpaceValue = number | string | boolean;

/** One param's range of POST /api/optimizations' `space`. */
export type SpaceRange = Schemas['OptimizationRequestDto']['space'][string];

export type OptimizationView = Schemas['OptimizationViewDto'];
export type OptimizationSummary = Schemas['OptimizationSummaryDto'];
export type Objective = OptimizationView['objective'];
export type Method = OptimizationView['method'];
export type RunStatus = OptimizationView['status'];
/** A searched point: params by space key, `score` null when not scored. */
export type Point = Schemas['OptimizationPointDto'];
export type Fold = Schemas['OptimizationFoldDto'];

/** Polled until it ends: queued and running runs still change. */
export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}
