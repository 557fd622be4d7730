import { regionTable } from "../../shared/regions/region-table.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import { requirePrefectureAccess } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import type { InputLocation } from "../http/validation-problem.ts";

/** A well-formed code that is not one of Shandong's 16 prefectures is a 400 on that field. */
export function requireKnownPrefecture(prefectureCode: string, location: InputLocation = "body", field = "prefectureCode"): Prefecture {
  const prefecture = regionTable.prefecture(prefectureCode);
  if (prefecture) return prefecture;
  throw new ProblemError(problemKinds.invalidRequest, `${prefectureCode} 不是山东省的地市 / ${prefectureCode} is not a prefecture of Shandong`, {
    errors: [{ location, field, code: "unknown_prefecture", message: `未知地市 / Unknown prefecture ${prefectureCode}` }],
  });
}

/** The prefecture a path names: 403 for a clerk of another prefecture, then 400 for a code that is no prefecture of Shandong. */
export function requirePrefectureInPath(caller: Caller, prefectureCode: string, field = "prefecture"): Prefecture {
  requirePrefectureAccess(caller, prefectureCode);
  return requireKnownPrefecture(prefectureCode, "path", field);
}
