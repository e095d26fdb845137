import { OAuth2Server } from "oauth2-mock-server";

// A local OAuth 2.0 server (oauth2-mock-server) that answers as Kakao does: its token endpoint returns
// Kakao's token response, its user-info endpoint Kakao's /v2/user/me body for the profile the test chose,
// and `deny()` makes the next consent come back as Kakao's "access_denied". The app under test points its
// Kakao provider at it (AUTH_KAKAO_*_URL in playwright.config.ts).

export const KAKAO_MOCK_PORT = 9290 + Number(process.env.GX_PORT_OFFSET ?? 0);
export const KAKAO_CLIENT = { id: "e2e-kakao-rest-api-key", secret: "e2e-kakao-client-secret-0123456789" };

/** The app's environment for a Kakao provider pointed at this mock. */
export function kakaoEnv(): Record<string, string> {
  const url = `http://localhost:${KAKAO_MOCK_PORT}`;
  return {
    AUTH_KAKAO_ID: KAKAO_CLIENT.id,
    AUTH_KAKAO_SECRET: KAKAO_CLIENT.secret,
    AUTH_KAKAO_AUTHORIZATION_URL: `${url}/authorize`,
    AUTH_KAKAO_TOKEN_URL: `${url}/token`,
    AUTH_KAKAO_USERINFO_URL: `${url}/userinfo`,
  };
}

export type KakaoUser = { id: number; nickname?: string; email?: string; emailVerified?: boolean };

/** Kakao's /v2/user/me body (fields as documented by Kakao Developers, REST API "Retrieve user information"). */
export function kakaoMe(u: KakaoUser) {
  const hasEmail = u.email !== undefined;
  return {
    id: u.id,
    connected_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    properties: u.nickname ? { nickname: u.nickname } : {},
    kakao_account: {
      profile_nickname_needs_agreement: false,
      ...(u.nickname ? { profile: { nickname: u.nickname, is_default_nickname: false } } : {}),
      has_email: hasEmail,
      ...(hasEmail ? { email_needs_agreement: false, is_email_valid: true, is_email_verified: u.emailVerified ?? true, email: u.email } : { email_needs_agreement: true }),
    },
  };
}

export class KakaoMock {
  private readonly server = new OAuth2Server();
  /** Who the next logins are. */
  user: KakaoUser = { id: 1 };
  private denyNext = false;
  /** Requests the app made to each endpoint (to tell a real round trip from a short cut). */
  readonly calls = { authorize: 0, token: 0, userinfo: 0 };

  async start() {
    await this.server.issuer.keys.generate("RS256");
    this.server.service.on("beforeAuthorizeRedirect", (redirect: { url: URL }) => {
      this.calls.authorize++;
      if (!this.denyNext) return;
      this.denyNext = false;
      // What Kakao sends back when the user presses "취소" on the consent screen.
      redirect.url.searchParams.delete("code");
      redirect.url.searchParams.set("error", "access_denied");
      redirect.url.searchParams.set("error_description", "User denied access");
    });
    this.server.service.on("beforeResponse", (res: { body: unknown; statusCode: number }) => {
      this.calls.token++;
      // Kakao's token response: no id_token unless OpenID Connect is enabled for the app.
      const body = res.body as { access_token: string };
      res.body = { token_type: "bearer", access_token: body.access_token, expires_in: 21599, refresh_token: `r-${body.access_token.slice(-16)}`, refresh_token_expires_in: 5183999, scope: "profile_nickname account_email" };
    });
    this.server.service.on("beforeUserinfo", (res: { body: unknown; statusCode: number }) => {
      this.calls.userinfo++;
      res.body = kakaoMe(this.user);
    });
    await this.server.start(KAKAO_MOCK_PORT, "localhost");
  }

  /** The next consent is refused by the user. */
  deny() {
    this.denyNext = true;
  }

  async stop() {
    await this.server.stop();
  }
}
