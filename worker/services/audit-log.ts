// Reading the audit log. Routes reach D1 only through services (.dependency-cruiser.cjs); a page of
// the log needs no check beyond the route's (admins only), so the repository's read is offered as it is.
export { readAuditLog } from "../db/audit-log.ts";
