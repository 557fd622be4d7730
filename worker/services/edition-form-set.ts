import { FormSetError, formSetOf, loadFormSet } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { findEdition } from "../db/editions-repository.ts";

/**
 * Form sets read from editions rows, by edition, parsed once per isolate: a definition changes only
 * by a migration, and a migration comes with a deploy (new isolates).
 */
const storedFormSets = new Map<string, FormSet>();

/**
 * The form set of an edition: the one built into this Worker, else the definition its row in
 * `editions` holds. So the Worker follows a new edition from its data alone: the migration that
 * inserts its row (a test's made-up edition: the row its setup inserts). A definition that does not
 * load throws FormSetError.
 */
export async function formSetOfEdition(db: D1Database, edition: string): Promise<FormSet> {
  const known = formSetOf(edition) ?? storedFormSets.get(edition);
  if (known) return known;
  const row = await findEdition(db, edition);
  // Periods and submissions name their edition's row (a foreign key): a missing or unusable definition is a deployment error, not bad input.
  if (!row) throw new Error(`edition ${edition} has no row in editions`);
  const formSet = loadFormSet(row.definition);
  if (formSet.edition !== edition) throw new FormSetError(`the definition in the row of edition ${edition} is edition ${formSet.edition}`);
  storedFormSets.set(edition, formSet);
  return formSet;
}
