/** The API server a new installation suggests, set at bundle time (scripts/lib/addin-bundle.ts); "" for the origin the pane or page came from. */
declare const TIANBAO_DEFAULT_API_URL: string;
