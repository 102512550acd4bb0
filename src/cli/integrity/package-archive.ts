import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Header, Pack, Parser, ReadEntry } from 'tar';
import { CliError } from '../cli-error';
import { type ArchiveEntry, entryProblem } from './archive-check';
import { MANIFEST_FILE, showPath, SIGNATURE_FILE } from './installation-paths';
import type { Manifest } from './manifest';
import type { OnProgress } from './installation-scan';

/** A manifest larger than this is no manifest of ours (tens of thousands of files fit). */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
/** A signature file is a few hundred bytes. */
const MAX_SIGNATURE_BYTES = 4096;

export interface ArchiveContents {
  /** SHA-256 of the archive file itself, as `package` printed it. */
  sha256: string;
  entries: ArchiveEntry[];
  /** The text of its `tradebot.manifest.json`, when it has one. */
  manifestText?: string;
  /** The text of its `tradebot.manifest.sig`, when it has one (`package --sign`). */
  signatureText?: string;
}

/**
 * Reads a package without writing anything: each entry's type, raw path, size and the
 * SHA-256 of its content, the manifest's text, and the archive's own SHA-256. A damaged
 * archive (bad gzip, bad tar header, cut short) is refused.
 */
export async function readArchive(file: string, onProgress?: OnProgress): Promise<ArchiveContents> {
  const entries: ArchiveEntry[] = [];
  const kept = new Map<string, string>();
  const limits = new Map([
    [MANIFEST_FILE, MAX_MANIFEST_BYTES],
    [SIGNATURE_FILE, MAX_SIGNATURE_BYTES],
  ]);
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry) => {
      const hash = createHash('sha256');
      const keep = entry.size <= (limits.get(entry.path) ?? -1);
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        if (keep) chunks.push(chunk);
      });
      entry.on('end', () => {
        entries.push({ path: entry.path, type: entry.type, size, sha256: hash.digest('hex') });
        // A second copy is refused by checkArchive; the first is the one kept.
        if (keep && !kept.has(entry.path)) kept.set(entry.path, Buffer.concat(chunks).toString());
        onProgress?.(entries.length, 0);
      });
    },
  });
  const archiveHash = createHash('sha256');
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      archiveHash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(file), tee, parser);
  } catch (error) {
    throw new CliError(`${file} cannot be read as a package: ${(error as Error).message}`);
  }
  return {
    sha256: archiveHash.digest('hex'),
    entries,
    manifestText: kept.get(MANIFEST_FILE),
    signatureText: kept.get(SIGNATURE_FILE),
  };
}

/**
 * Writes a package to a new file (never over one): a gzipped tar of the manifest (first),
 * its signature when given, and the files it lists, as regular files with relative paths
 * and no owner names. The caller checks the written archive against the manifest, which
 * catches a file changed while it was packed.
 */
export async function writeArchive(
  file: string,
  root: string,
  manifest: Manifest,
  manifestText: string,
  signatureText?: string,
): Promise<void> {
  const pack = new Pack({ cwd: root, gzip: true, portable: true, strict: true });
  const mtime = new Date(manifest.createdAt);
  pack.add(textEntry(MANIFEST_FILE, manifestText, mtime));
  if (signatureText !== undefined) pack.add(textEntry(SIGNATURE_FILE, signatureText, mtime));
  for (const { path } of manifest.files) pack.add(path);
  pack.end();
  await pipeline(pack, createWriteStream(file, { flags: 'wx', mode: 0o644 }));
}

function textEntry(path: string, text: string, mtime: Date): ReadEntry {
  const bytes = Buffer.from(text);
  const entry = new ReadEntry(
    new Header({ path, mode: 0o644, size: bytes.length, type: 'File', mtime }),
  );
  entry.end(bytes);
  return entry;
}

/**
 * Extracts the wanted files of a checked package into `dir` (a fresh folder of tradebotctl's
 * own), each hashed again as it is written: the archive could have been swapped since it
 * was checked. Nothing else is written; modes keep only the executable bits.
 */
export async function extractFiles(
  file: string,
  wanted: ReadonlyMap<string, string>,
  dir: string,
  onProgress?: OnProgress,
): Promise<void> {
  const written = new Map<string, string>();
  const writes: Promise<void>[] = [];
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry) => {
      if (!wanted.has(entry.path) || written.has(entry.path) || entryProblem(entry)) {
        entry.resume();
        return;
      }
      const path = entry.path;
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      const output = createWriteStream(target, {
        flags: 'wx',
        mode: 0o644 | ((entry.mode ?? 0) & 0o111),
      });
      written.set(path, '');
      entry.on('data', (chunk: Buffer) => hash.update(chunk));
      entry.on('end', () => written.set(path, hash.digest('hex')));
      entry.pipe(output);
      writes.push(finished(output).then(() => onProgress?.(writes.length, wanted.size)));
    },
  });
  try {
    await pipeline(createReadStream(file), parser);
    await Promise.all(writes);
  } catch (error) {
    throw new CliError(`${file} could not be extracted: ${(error as Error).message}`);
  }
  const wrong = [...wanted].filter(([path, sha256]) => written.get(path) !== sha256);
  if (wrong.length > 0) {
    throw new CliError(
      `${file} changed since it was checked`,
      wrong.map(([path]) => `${showPath(path)} does not match the manifest`),
    );
  }
}
