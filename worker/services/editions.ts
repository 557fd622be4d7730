// Reading the form set editions. Routes reach D1 only through services (.dependency-cruiser.cjs); the
// editions are read as stored, with no check beyond the route's, so the repository's reads are offered as they are.
export { findEdition, listEditions } from "../db/editions-repository.ts";
