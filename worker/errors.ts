/** The one error type the API answers with: `{"error":{"code","message"}}` at `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** JSON body of an error response, the contract's single error shape. */
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
