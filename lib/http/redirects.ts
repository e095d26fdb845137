// Where the app may send a browser after signing in or up: a path on this site, never another one.
// A value is accepted only when the URL parser itself resolves it to this origin (so "//evil", "/\evil",
// "https:evil", "/%09/evil" after decoding, and every other spelling browsers treat as another host are
// out), and it holds no control characters or backslashes at all (the parser drops tabs and newlines and
// reads "\" as "/", which is how "/\t/evil.example" became "//evil.example").

const PLACEHOLDER_ORIGIN = "http://gx.invalid";
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/;

/** `value` as a local path ("/orders/3?new=1"), or `fallback` when it is not one. */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 500 || !value.startsWith("/") || FORBIDDEN.test(value)) return fallback;
  let u: URL;
  try {
    u = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (u.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${u.pathname}${u.search}${u.hash}`;
  // Resolving can itself make a host out of a path ("/.//evil" → "//evil"): the result must be a path too.
  if (path.startsWith("//") || new URL(path, PLACEHOLDER_ORIGIN).origin !== PLACEHOLDER_ORIGIN) return fallback;
  return path;
}

/** Auth.js's `callbacks.redirect`: a local path or an absolute URL on `baseUrl`'s origin; else the home page. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  if (typeof url === "string" && !FORBIDDEN.test(url) && !url.startsWith("/")) {
    try {
      const u = new URL(url);
      if (u.origin === origin) return `${origin}${safeLocalPath(`${u.pathname}${u.search}${u.hash}`)}`;
    } catch {
      // not a URL at all: home
    }
    return origin;
  }
  return `${origin}${safeLocalPath(url)}`;
}
