import type { FieldType } from "../forms/form-schema.ts";

/**
 * The factor that makes a field's values whole numbers: money (dec2, 万元) is held as integer
 * hundredths wherever it is summed or stored, so no total drifts by a rounding error.
 */
export function integerScaleOf(type: FieldType): number {
  return type === "dec2" ? 100 : 1;
}
