// Starts RegDeck: listen, say where it is and where its data lives (and, on the embedded demo,
// its accounts and that anyone may look), shut down cleanly.
import { buildApp } from './app'
import { browserHost, loadConfig } from './config/config'
import { describeStartupFailure } from './config/startup-error'
import { describeDemoAccounts, ensureDemoAccounts, wantsDemoAccounts } from './demo/demo-accounts'

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2))
  // People read the terminal; log collectors read JSON.
  const logger = process.stdout.isTTY
    ? { level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
    : { level: config.logLevel }
  const app = await buildApp({ config, logger })
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info(`${signal}: shutting down`)
    try {
      await app.close()
      process.exit(0)
    } catch (error) {
      app.log.error(error, 'shutdown did not finish cleanly')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await app.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  app.log.info(`RegDeck ${app.database.kind === 'pglite' ? 'on embedded PGlite' : 'on PostgreSQL'}; data: ${app.database.location}`)
  // Made once listening worked: passwords printed by a start that then failed would be lost.
  if (wantsDemoAccounts(config)) for (const line of describeDemoAccounts(await ensureDemoAccounts(app.database.db, app.regions))) app.log.info(line)
  const anonymousProvince = app.access.anonymousProvince
  if (anonymousProvince !== undefined) {
    app.log.info(`anonymous viewing is on: anyone who opens the wall reads ${app.regions.require(anonymousProvince).name} (${anonymousProvince}) without logging in; REGDECK_ANONYMOUS=off asks everyone to log in`)
  }
  app.log.info(`RegDeck is ready: http://${browserHost(config.host)}:${port}/wall`)
}

main().catch((error: unknown) => {
  process.stderr.write(`regdeck: ${describeStartupFailure(error)}\n`)
  process.exit(1)
})
