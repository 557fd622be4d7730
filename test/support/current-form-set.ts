import { formSetOf, newPeriodEdition } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";

/**
 * The form set of the edition new periods get (323/2019): the one the tests' fixtures (sample
 * reports, published figures) are written for. Product code has no such default: it takes the
 * form set of the workbook's or the period's edition.
 */
export const currentFormSet: FormSet = formSetOf(newPeriodEdition) as FormSet;
