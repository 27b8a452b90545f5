import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import type { ValidationTargets } from "hono";
import { ApiError } from "../errors";

/**
 * zValidator that answers bad input in the contract's error shape (400 `bad_request`). A rule
 * across fields (a refinement of the whole object) names its fields itself, so its message is not
 * prefixed with the target.
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      if (!issue) throw new ApiError(400, "bad_request", `Invalid ${target}`);
      const whole = issue.path.length === 0 && issue.code === "custom";
      throw new ApiError(400, "bad_request", whole ? issue.message : `${issue.path.join(".") || target}: ${issue.message}`);
    }
  });
}
