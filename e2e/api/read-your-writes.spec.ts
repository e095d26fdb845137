import { expect, test } from "@playwright/test";
import { healReplication, opsQuery, setReplicaDelay } from "../../tests/support/stack";
import { ApiClient } from "../support/api-client";
import { base, expectError, newUser } from "./helpers";

// Issue 9: read-your-writes for sign-up and password changes. With both replicas 10 s behind, a user who
// has just signed up and signed in is never "signed out" (the account is not on the replicas yet), on the
// client that signed up and on a fresh one; a password change ends every other session at once, and the
// client that made it stays signed in.

test.describe.configure({ mode: "serial" });
test.afterEach(() => healReplication());

const onReplica = async (userId: number) =>
  Number((await opsQuery<{ n: number }>("replica1", "SELECT COUNT(*) AS n FROM users WHERE id = ?", [userId]))[0].n);

test("sign-up → sign-in → my page with the replicas 10 s behind: never 401", async () => {
  await setReplicaDelay("replica1", 10);
  await setReplicaDelay("replica2", 10);
  const c = await ApiClient.signUp(base());
  const me = await c.get("/api/me");
  expect(me.status, me.text).toBe(200);
  expect(me.body.id).toBe(c.user.id);
  expect((await c.get("/api/me/orders")).status).toBe(200);
  // Another device: signs in with no cookie of the first; its session carries the sign-in position.
  const other = await ApiClient.signIn(base(), c.user.email, c.user.password);
  const again = await other.get("/api/me");
  expect(again.status, again.text).toBe(200);
  expect(await onReplica(c.user.id)).toBe(0); // the replicas really do not have the account yet
});

test("POST /api/me/password: wrong current password is a 400; a change ends other sessions and keeps this one", async () => {
  const a = await newUser();
  const b = await ApiClient.signIn(base(), a.user.email, a.user.password);
  expect((await b.get("/api/me")).status).toBe(200);

  expectError(await a.post("/api/me/password", { currentPassword: "not-it-1234", newPassword: "new-pass-1234" }), 400, "wrong_password", "currentPassword");
  expectError(await a.post("/api/me/password", { currentPassword: a.user.password, newPassword: "short" }), 400, undefined, "newPassword");
  expectError(await a.post("/api/me/password", { currentPassword: a.user.password }), 400, undefined, "newPassword");
  expectError(await b.post("/api/me/password", "not an object"), 400);

  await setReplicaDelay("replica1", 10);
  await setReplicaDelay("replica2", 10);
  const r = await a.post("/api/me/password", { currentPassword: a.user.password, newPassword: "new-pass-5678" });
  expect(r.status, r.text).toBe(200);
  expect(r.body).toMatchObject({ id: a.user.id, resigned: true });
  expect((await a.get("/api/me")).status).toBe(200); // re-signed at the new session version
  expectError(await b.get("/api/me"), 401, "sign_in_required"); // the other session ended
  expect((await ApiClient.signIn(base(), a.user.email, "new-pass-5678").then(() => "ok", () => "refused"))).toBe("ok");
  const old = new ApiClient(base());
  expect((await old.signIn(a.user.email, a.user.password)).ok).toBe(false);
});
