vcl 4.1;
# Varnish in front of the app (e2e/api/edge-cache.spec.ts runs it; a CDN would do the same job):
#  - caches what the app marks shareable (public pages: `s-maxage`, bounded `stale-while-revalidate`), never
#    a request with a cookie (a signed-in visitor) nor a response that sets one — Varnish's built-in rules;
#  - takes `BAN` from the app (lib/edge/purge.ts) with `X-Purge-Path: /products/18` (or `*` for every page)
#    and drops every cached copy of that path, whatever its query string.
# Whoever runs it writes the `backend default { .host = …; .port = …; }` block after the first line (the
# app's address differs per deployment; the spec does this).

acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "BAN") {
    if (!client.ip ~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (req.http.X-Purge-Path == "*") {
      ban("obj.status != 0");
    } else {
      ban("obj.http.X-Gx-Path == " + req.http.X-Purge-Path);
    }
    return (synth(200, "Banned"));
  }
}

sub vcl_backend_response {
  # The path without its query string, for bans (lurker-friendly: it names only the object).
  set beresp.http.X-Gx-Path = regsub(bereq.url, "\?.*$", "");
}

sub vcl_deliver {
  unset resp.http.X-Gx-Path;
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
