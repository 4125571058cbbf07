// Statements of one transaction that are in flight together.
/**
 * Like Promise.all, but fails only once every statement has settled. A transaction
 * that rolls back while one of its statements is still on its way would see that
 * statement run after the rollback, on its own, outside the transaction.
 */
export async function settleAll<T extends readonly unknown[] | []>(statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(statements)
  for (const result of results) if (result.status === 'rejected') throw result.reason
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> }
}
