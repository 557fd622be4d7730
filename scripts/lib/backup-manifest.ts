// What a backup holds beside its SQL (npm run db:backup / db:restore): the stamped copies (盖章件) live in
// R2, not in D1, so the backup names each by its R2 key, SHA-256, size and type, and with --with-files
// carries the objects in a folder beside it. The SQL's own SHA-256 lets a restore refuse a damaged file.

export interface StampedCopyEntry {
  key: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

export interface BackupManifest {
  /** When the export was taken (UTC): a restore brings the database back to this moment. */
  takenAt: string;
  from: "local" | "remote";
  /** The SQL file's name (beside this manifest) and its SHA-256. */
  sqlFile: string;
  sqlSha256: string;
  /** The R2 bucket of the stamped copies (wrangler.toml's ATTACHMENTS). */
  bucket: string;
  stampedCopies: StampedCopyEntry[];
  /** The folder beside the manifest holding each copy under its key, or null when the files were not copied. */
  filesDir: string | null;
}

/** The manifest of FILE is FILE.manifest.json; its copies go in FILE.files/. */
export const manifestPathOf = (sqlPath: string) => `${sqlPath}.manifest.json`;
export const filesDirOf = (sqlPath: string) => `${sqlPath}.files`;
