// Errors as office.js raises them: an OfficeExtension.Error with a `code` from Microsoft's table.
// Source: "Error handling with the application-specific JavaScript APIs" — the error codes table
// (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling-messages).

export type OfficeErrorCode = "PropertyNotLoaded" | "ItemNotFound" | "InvalidOperationInCellEditMode" | "InvalidArgument" | "ApiNotFound" | "GeneralException";

const MESSAGES: Record<OfficeErrorCode, string> = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ItemNotFound: "The requested resource doesn't exist.",
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  ApiNotFound: "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
  GeneralException: "There was an internal error while processing the request.",
};

/** OfficeExtension.Error: `code`, `message`, and `debugInfo.errorLocation` naming the failing member. */
export class OfficeExtensionError extends Error {
  override name = "RichApi.Error";
  readonly debugInfo: { code: OfficeErrorCode; message: string; errorLocation: string };

  constructor(
    readonly code: OfficeErrorCode,
    errorLocation: string,
    detail?: string,
  ) {
    super(detail ?? MESSAGES[code].replace("{0}", errorLocation));
    this.debugInfo = { code, message: this.message, errorLocation };
  }
}
