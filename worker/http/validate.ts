import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import type { ValidationTargets } from "hono";
import { ApiError } from "../errors";

/** zValidator that answers bad input in the contract's error shape (400 `bad_request`). */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ApiError(400, "bad_request", issue ? `${issue.path.join(".") || target}: ${issue.message}` : `Invalid ${target}`);
    }
  });
}
