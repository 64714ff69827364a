// Configuration is read once, from environment variables, and validated before anything starts:
// a mistake in the environment stops the process with a message that names the variable.
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // A read replica of DATABASE_URL (a streaming hot standby) for anonymous public reads (issue 19).
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanFlag.default(true),
  COUNCIL_NAME: z.string().min(1).default('Demo Council'),
  PUBLIC_URL: z.string().url('must be a full URL, for example https://partnerships.example.org').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Partnership Hub <no-reply@example.org>'),
  OIDC_ISSUER_URL: z.string().url("must be the identity provider's issuer URL").optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  // Which proxy may set X-Forwarded-For/-Host/-Proto: off (the default), a number of hops, or its addresses
  // (comma-separated, CIDR ranges allowed), as Fastify's trustProxy takes them.
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v || /^(false|0|no|off)$/i.test(v)) return false;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      if (list.every((a) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(a) || ['loopback', 'linklocal', 'uniquelocal'].includes(a))) return list;
      ctx.addIssue({
        code: 'custom',
        message: 'must be off, a number of proxies, or their addresses separated by commas (for example 10.0.0.1,10.0.0.2 or 10.0.0.0/8)',
      });
      return z.NEVER;
    }),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // How long the form waits for an import of values before showing its progress page instead (0: always the page).
  IMPORT_WAIT_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).min(0).max(60).default(2),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env, argv: string[] = []): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The configuration is not valid:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (argv.includes('--no-demo')) config.DEMO_DATA = false;
  if (config.OIDC_ISSUER_URL && (!config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.PUBLIC_URL)) {
    throw new ConfigError(
      'The configuration is not valid:\n  OIDC_ISSUER_URL: also set OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL to sign in with the identity provider',
    );
  }
  if (config.DATABASE_READ_URL && !config.DATABASE_URL) {
    throw new ConfigError(
      'The configuration is not valid:\n  DATABASE_READ_URL: a read replica needs its primary: also set DATABASE_URL (the embedded database has no replicas)',
    );
  }
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('The configuration is not valid:\n  SESSION_SECRET: must be set in production');
  }
  return config;
}
