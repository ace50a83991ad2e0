import { defineOperations } from "@/lib/core/operations";

/** Everything a user can attempt on indicators, their targets and values. */
export const INDICATOR_OPERATIONS = defineOperations({
  listIndicators: { action: "indicator.list", permission: "indicator:read", objectType: "Indicator" },
  readIndicator: { action: "indicator.read", permission: "indicator:read", objectType: "Indicator" },
  /** The form that defines or edits an indicator (CAST only). */
  openIndicatorForm: { action: "indicator.form", permission: "indicator:edit", objectType: "Indicator" },
  createIndicator: { action: "indicator.create_indicator", permission: "indicator:edit", objectType: "Indicator" },
  updateIndicator: { action: "indicator.update_indicator", permission: "indicator:edit", objectType: "Indicator" },
  setValue: { action: "indicator.set_value", permission: "indicator:edit", objectType: "Indicator" },
  /** A composite indicator (e.g. 深圳科普指数): its weighted components, normalisation references and method. */
  defineComposite: { action: "indicator.define_composite", permission: "indicator:edit", objectType: "Indicator" },
  updateComposite: { action: "indicator.update_composite", permission: "indicator:edit", objectType: "Indicator" },
  /** Recorded when a value replaces an earlier one for the same year and area (set through `setValue`). */
  correctValue: { action: "indicator.correct_value", permission: "indicator:edit", objectType: "Indicator" },
});
