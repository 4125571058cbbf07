import type pg from 'pg'

/** Long enough for queries in flight at shutdown to finish. */
export const POOL_END_TIMEOUT_MS = 10_000

/**
 * Ends a pool, or says why it cannot: a connection still in use (a query its server never
 * answers, a connection nobody gives back) would otherwise hold a shutdown for ever.
 */
export async function endPool(pool: pg.Pool, name: string, end: () => Promise<void> = () => pool.end()): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the ${name} did not end within ${POOL_END_TIMEOUT_MS / 1000} s: ${pool.totalCount - pool.idleCount} connection(s) still in use`))
    }, POOL_END_TIMEOUT_MS)
  })
  try {
    await Promise.race([end(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
