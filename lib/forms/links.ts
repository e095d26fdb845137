// Links the forms and pages share (client-safe).

/** The login page, coming back to `returnTo` afterwards. */
export const loginHref = (returnTo: string) => `/login?callbackUrl=${encodeURIComponent(returnTo)}`;
