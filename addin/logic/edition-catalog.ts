import type { ApiClient } from "../../shared/api/api-client.ts";
import { FormSetError, formSetOf, loadFormSet } from "../../shared/forms/form-set.ts";
import type { FormSet, FormSetLookup } from "../../shared/forms/form-set.ts";

/**
 * The editions the pane and the page know: the ones built into the bundle, and those the server has
 * that the bundle lacks (an edition whose row a migration added), learned when the clerk connects
 * and checked as the built-in ones are. Every workbook, period and revision is read in its own.
 */
export class EditionCatalog {
  private readonly learned = new Map<string, FormSet>();

  /** builtIn: the bundle's editions, unless a test gives its own. */
  constructor(private readonly builtIn: FormSetLookup = formSetOf) {}

  readonly formSetOf: FormSetLookup = (edition) => this.builtIn(edition) ?? this.learned.get(edition);

  /** Fetches the definitions of the server's editions this catalog does not know yet (none, as a rule). */
  async learn(api: ApiClient): Promise<void> {
    for (const { id } of await api.editions()) {
      if (this.formSetOf(id)) continue;
      try {
        this.learned.set(id, loadFormSet((await api.edition(id)).definition));
      } catch (error) {
        // A definition this bundle cannot load stays unknown: a workbook of it is refused as unsupported, by name.
        if (!(error instanceof FormSetError)) throw error;
      }
    }
  }
}
