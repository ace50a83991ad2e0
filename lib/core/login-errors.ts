/** The `error` next-auth hands the login form when the caller's address has used up its attempts (shared with the client form). */
export const LOGIN_THROTTLED_ERROR = "throttled";
