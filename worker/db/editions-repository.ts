// Form set editions. The definition column holds the form set as JSON (migrations 0005 and 0009).

export interface EditionSummary {
  id: string;
  title: string;
  createdAt: string;
}

interface EditionRow {
  id: string;
  title: string;
  created_at: string;
  definition: string;
}

export async function listEditions(db: D1Database): Promise<EditionSummary[]> {
  const { results } = await db.prepare("SELECT id, title, created_at FROM editions ORDER BY id").all<EditionRow>();
  return results.map((row) => ({ id: row.id, title: row.title, createdAt: row.created_at }));
}

/** The edition with its definition parsed, or null. */
export async function findEdition(db: D1Database, id: string): Promise<(EditionSummary & { definition: unknown }) | null> {
  const row = await db.prepare("SELECT id, title, created_at, definition FROM editions WHERE id = ?").bind(id).first<EditionRow>();
  return row ? { id: row.id, title: row.title, createdAt: row.created_at, definition: JSON.parse(row.definition) } : null;
}
