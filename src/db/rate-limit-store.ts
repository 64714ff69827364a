// A store for @fastify/rate-limit that keeps its counters in the database, so that every instance of
// the application counts the same requests: two instances do not double a client's allowance.
import type { Queryable } from './database.ts';

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;
interface RouteOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  [other: string]: unknown;
}

/** Expired counters are removed now and then, rather than on every request. */
const SWEEP_EVERY = 500;

export function databaseRateLimitStore(db: Queryable) {
  let calls = 0;
  class DatabaseStore {
    // @fastify/rate-limit constructs the store with its options; a route's own store is a child named by the route.
    constructor(
      _options?: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number) {
      this.count(`${this.prefix}|${key}`, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: Callback) {
      db.query<{ hits: number; ttl: number }>(
        `select hits, greatest(0, extract(epoch from window_ends - now()) * 1000)::int as ttl
         from rate_limits where key = $1 and window_ends > now()`,
        [`${this.prefix}|${key}`],
      ).then(
        (rows) => cb(null, { current: rows[0]?.hits ?? 0, ttl: rows[0]?.ttl ?? 0 }),
        (err: Error) => cb(err),
      );
    }

    child(options: object) {
      const route = (options as RouteOptions).routeInfo as { method?: string | string[]; url?: string } | undefined;
      return new DatabaseStore(undefined, route?.url ? `${[route.method].flat().join(',')} ${route.url}` : this.prefix);
    }

    private async count(key: string, timeWindow: number) {
      // One statement, so concurrent requests from any instance each get their own count.
      const rows = await db.query<{ hits: number; ttl: number }>(
        `insert into rate_limits as r (key, hits, window_ends) values ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
         on conflict (key) do update set
           hits = case when r.window_ends <= now() then 1 else r.hits + 1 end,
           window_ends = case when r.window_ends <= now() then excluded.window_ends else r.window_ends end
         returning hits, greatest(0, extract(epoch from window_ends - now()) * 1000)::int as ttl`,
        [key, timeWindow],
      );
      if (++calls % SWEEP_EVERY === 0) await db.query('delete from rate_limits where window_ends < now()');
      return { current: rows[0]!.hits, ttl: rows[0]!.ttl };
    }
  }
  return DatabaseStore;
}
