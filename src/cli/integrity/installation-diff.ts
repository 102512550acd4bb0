import { comparePaths } from './installation-paths';
import type { Manifest } from './manifest';

export type ProblemKind = 'modified' | 'missing' | 'unexpected';

/** One line of `verify`: `modified dist/src/main.js`. */
export interface Problem {
  kind: ProblemKind;
  path: string;
}

/**
 * What is on disk at a path the manifest lists: a regular file (hashed only when its size
 * matches, as a different size already settles it), nothing, or something else (a folder,
 * a link, a device).
 */
export type Observation =
  { type: 'file'; size: number; sha256?: string } | { type: 'missing' } | { type: 'other' };

/**
 * Compares an installation with its manifest. `observed` holds what is at each listed
 * path; `found` is every entry (but folders) under the root, so that one it does not list
 * is reported as unexpected.
 */
export function diffInstallation(
  manifest: Manifest,
  observed: ReadonlyMap<string, Observation>,
  found: Iterable<string>,
): Problem[] {
  const problems: Problem[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const seen = observed.get(file.path) ?? { type: 'missing' };
    if (seen.type === 'missing') problems.push({ kind: 'missing', path: file.path });
    else if (
      seen.type === 'other' ||
      seen.size !== file.size ||
      seen.sha256 === undefined ||
      seen.sha256 !== file.sha256
    ) {
      problems.push({ kind: 'modified', path: file.path });
    }
  }
  for (const path of found) {
    if (!listed.has(path)) problems.push({ kind: 'unexpected', path });
  }
  return problems.sort((a, b) => comparePaths(a.path, b.path));
}

/** The files to bring in and to move aside so that an installation matches a manifest. */
export interface ChangePlan {
  /** Missing or modified: taken from the package. */
  place: string[];
  /** Unexpected files: strays, and the files of the previous version the new one drops. */
  remove: string[];
}

/** The changes that make an installation match its target, given what `diffInstallation` found. */
export function planChanges(problems: readonly Problem[]): ChangePlan {
  const place = problems.filter((p) => p.kind !== 'unexpected').map((p) => p.path);
  const remove = problems.filter((p) => p.kind === 'unexpected').map((p) => p.path);
  return { place: place.sort(comparePaths), remove: remove.sort(comparePaths) };
}
