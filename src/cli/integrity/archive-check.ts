import {
  comparePaths,
  MANIFEST_FILE,
  pathProblem,
  showPath,
  SIGNATURE_FILE,
} from './installation-paths';
import type { Manifest } from './manifest';

/** An entry of a package as read from the archive, its content hashed on the way. */
export interface ArchiveEntry {
  /** As written in the archive, unnormalised. */
  path: string;
  /** tar's entry type: `File`, `Directory`, `SymbolicLink`, `Link`, `CharacterDevice`, … */
  type: string;
  size: number;
  sha256: string;
}

const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);
const DESCRIBED: Record<string, string> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a device',
  BlockDevice: 'a device',
  FIFO: 'a FIFO',
};

/**
 * What is wrong with an entry whatever the manifest says: a path that escapes the root or
 * is absolute, and anything but a regular file or a folder (links, devices), which
 * tradebotctl never writes. Folders are allowed and ignored: files carry their own paths.
 */
export function entryProblem(entry: Pick<ArchiveEntry, 'path' | 'type'>): string | undefined {
  const path = entry.type === 'Directory' ? entry.path.replace(/\/$/, '') : entry.path;
  const problem = pathProblem(path);
  if (problem) return `unsafe path ${showPath(entry.path)}: ${problem}`;
  if (REGULAR.has(entry.type) || entry.type === 'Directory') return undefined;
  return `${showPath(entry.path)} is ${DESCRIBED[entry.type] ?? `a ${entry.type} entry`}: only regular files are accepted`;
}

/**
 * Checks a whole package against the manifest it carries: every entry safe, every file
 * listed once with its size and SHA-256 (but the manifest and its signature), every
 * listed file present. Any problem refuses
 * the package; an empty list means it is exactly what its manifest says.
 */
export function checkArchive(entries: readonly ArchiveEntry[], manifest: Manifest): string[] {
  const problems: string[] = [];
  const expected = new Map(manifest.files.map((file) => [file.path, file]));
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = entryProblem(entry);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (entry.type === 'Directory') continue;
    if (seen.has(entry.path)) {
      // Which copy an extraction would keep is up to the tool: refuse both.
      problems.push(`${showPath(entry.path)} appears twice`);
      continue;
    }
    seen.add(entry.path);
    if (entry.path === MANIFEST_FILE || entry.path === SIGNATURE_FILE) continue;
    const listed = expected.get(entry.path);
    if (!listed) problems.push(`${showPath(entry.path)} is not in the package's manifest`);
    else if (listed.size !== entry.size || listed.sha256 !== entry.sha256) {
      problems.push(`${showPath(entry.path)} does not match the manifest (tampered or damaged)`);
    }
  }
  const absent = [...expected.keys()].filter((path) => !seen.has(path)).sort(comparePaths);
  for (const path of absent)
    problems.push(`${showPath(path)} is in the manifest but not in the package`);
  return problems;
}
