// Passwords: argon2id hashes, and the NCSC-style rule of length over complexity.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
const COMMON = new Set(['password123', 'password1234', '1234567890', 'qwertyuiop', 'letmein123', 'partnership', 'welcome123', 'iloveyou12']);

/** The problem with a new password, or null if it will do. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  if (COMMON.has(password.toLowerCase()) || password.toLowerCase() === email.toLowerCase()) {
    return 'Choose a password that is harder to guess, for example three random words';
  }
  return null;
}

export const hashPassword = (password: string) => hash(password);

/** Verifies against a stored hash; with no hash, still spends the time, so timing reveals nothing. */
const DUMMY_HASH = await hash('no account has this password');
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return (await verify(stored ?? DUMMY_HASH, password)) && stored !== null;
  } catch {
    return false;
  }
}
