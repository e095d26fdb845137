import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown keeps sign-in time the same for both cases.
export const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$KZ6AB4IgeYhwIs/WtyCuhQ$HkbY3K33iKYJ20uM2X0TUs/pxzubUN70K5npappfI1E";
