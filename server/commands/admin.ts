// npm run admin -- <command>: users, integrator keys and screens, on the server's own
// configuration (REGDECK_DATA_DIR or DATABASE_URL). PGlite allows one process per data
// folder, so on the embedded database the server must be stopped first; its lock says so.
// Every refusal is one line on stderr and exit status 1; secrets are printed once, last.
import os from 'node:os'
import { parseArgs } from 'node:util'
import { hashPassword, passwordProblem } from '../access/passwords'
import { USER_ROLES, isUserRole } from '../access/roles'
import { playlistProblem, wallUrl } from '../access/screen-wall'
import { createTokenHolder, listTokenHolders, revokeTokenHolder } from '../access/token-holders-repository'
import { usernameProblem } from '../access/usernames'
import { createUser, listUsers, resetPassword } from '../access/users-repository'
import { type Config, CONFIG_FLAG_OPTIONS, browserHost, loadConfig } from '../config/config'
import { StartupError } from '../config/startup-error'
import { type DatabaseHandle, openDatabase } from '../db/database'
import { RegionTree, loadProvinceDivisions } from '../regions/region-tree'
import { describeRegion, formatAccessList } from './access-list'
import { readNewPassword } from './password-input'
import { runCommand } from './run-command'

const USAGE = [
  'usage: npm run admin -- <command>',
  '  create-user <username> --role <role> --region <code>   (password from standard input, or asked)',
  '  create-key <name> --region <code>',
  '  create-screen <name> --region <code> [--playlist overview,campaign,…]',
  '  list',
  '  revoke <id>',
  '  reset-password <username>',
].join('\n')

interface Invocation {
  config: Config
  tree: RegionTree
  /** positionals after the command's name */
  args: string[]
  options: { role?: string; region?: string; playlist?: string }
  /** the audit log's actor: the operator's command, with the account that ran it */
  actor: string
}

type Handler = (invocation: Invocation) => Promise<number>

const COMMANDS: Record<string, Handler> = {
  'create-user': async ({ config, tree, args, options, actor }) => {
    const username = requireArgument(args, 'create-user <username> --role <role> --region <code>')
    refuseIf(usernameProblem(username))
    const role = options.role
    if (role === undefined || !isUserRole(role)) {
      throw new StartupError(`${role === undefined ? 'no --role' : `unknown role "${role}"`}; a user is one of ${USER_ROLES.join(', ')} (integrator keys and screens have their own commands)`)
    }
    const region = requireRegion(tree, options.region)
    const passwordHash = await readAcceptablePasswordHash()
    const account = await withDatabase(config, (database) => createUser(database.db, { username, passwordHash, role, region }, actor))
    if (account === undefined) throw new StartupError(`username "${username}" is taken; nothing changed`)
    process.stdout.write(`created user ${account.username} (${account.id}): ${account.role} of ${describeRegion(tree, region)}\n`)
    return 0
  },

  'create-key': async ({ config, tree, args, options, actor }) => {
    const name = requireArgument(args, 'create-key <name> --region <code>')
    const region = requireRegion(tree, options.region)
    const { id, token } = await withDatabase(config, (database) => createTokenHolder(database.db, { kind: 'key', name, region }, actor))
    process.stdout.write(`created integrator key ${id} "${name}" for ${describeRegion(tree, region)}; it is shown only now:\n${token}\n`)
    return 0
  },

  'create-screen': async ({ config, tree, args, options, actor }) => {
    const name = requireArgument(args, 'create-screen <name> --region <code> [--playlist overview,campaign,…]')
    const region = requireRegion(tree, options.region)
    const playlist = options.playlist === undefined ? undefined : requirePlaylist(options.playlist)
    const { id, token } = await withDatabase(config, (database) => createTokenHolder(database.db, { kind: 'screen', name, region, playlist }, actor))
    process.stdout.write(`created screen ${id} "${name}" for ${describeRegion(tree, region)}; open this on the wall PC:\n${wallUrl(`http://${browserHost(config.host)}:${config.port}`, region, playlist, token)}\n${token}\n`)
    return 0
  },

  list: async ({ config, tree }) => {
    const [users, holders] = await withDatabase(config, async (database) => [await listUsers(database.db), await listTokenHolders(database.db)] as const)
    process.stdout.write(formatAccessList(users, holders, tree, config.timeZone))
    return 0
  },

  revoke: async ({ config, tree, args, actor }) => {
    const id = requireArgument(args, 'revoke <id>  (a key_… or scr_… id, as `list` shows)')
    const outcome = await withDatabase(config, (database) => revokeTokenHolder(database.db, id, actor))
    if ('unknown' in outcome) throw new StartupError(`no key or screen has the id "${id}"; \`npm run admin -- list\` shows them`)
    if ('alreadyRevoked' in outcome) {
      process.stdout.write(`${id} was already revoked at ${outcome.alreadyRevoked.revokedAt?.toISOString()}; nothing changed\n`)
      return 0
    }
    const { kind, name, region } = outcome.revoked
    process.stdout.write(`revoked ${kind === 'key' ? 'integrator key' : 'screen'} ${id} "${name}" of ${describeRegion(tree, region)}\n`)
    return 0
  },

  'reset-password': async ({ config, args, actor }) => {
    const username = requireArgument(args, 'reset-password <username>')
    const passwordHash = await readAcceptablePasswordHash()
    const found = await withDatabase(config, (database) => resetPassword(database.db, username, passwordHash, actor))
    if (!found) throw new StartupError(`no user is named "${username}"; nothing changed`)
    process.stdout.write(`reset the password of ${username}; a lockout, if any, is lifted\n`)
    return 0
  },
}

async function admin(): Promise<number> {
  const argv = process.argv.slice(2)
  const { values, positionals } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: { ...CONFIG_FLAG_OPTIONS, role: { type: 'string' }, region: { type: 'string' }, playlist: { type: 'string' } },
  })
  const [name, ...args] = positionals
  if (name === undefined) throw new StartupError(`no command given\n${USAGE}`)
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (handler === undefined) throw new StartupError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`)
  const config = loadConfig(process.env, argv)
  // Scopes need the codes, not the reference figures.
  const tree = new RegionTree(loadProvinceDivisions(config.provinceCode), new Map())
  const options = { role: stringOption(values.role), region: stringOption(values.region), playlist: stringOption(values.playlist) }
  return handler({ config, tree, args, options, actor: `command:admin (${operatorName()})` })
}

async function withDatabase<T>(config: Config, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}

function refuseIf(problem: string | undefined): void {
  if (problem !== undefined) throw new StartupError(`${problem}; nothing changed`)
}

function requireArgument(args: string[], usage: string): string {
  const [value, ...extra] = args
  if (value === undefined || value.trim() === '') throw new StartupError(`usage: npm run admin -- ${usage}`)
  if (extra.length > 0) throw new StartupError(`unexpected "${extra.join(' ')}"; usage: npm run admin -- ${usage}`)
  return value.trim()
}

function requireRegion(tree: RegionTree, code: string | undefined): string {
  if (code === undefined) throw new StartupError('no --region: give the code of the region this scope covers, e.g. --region 510100')
  if (!tree.has(code)) throw new StartupError(`region "${code}" is not a region of ${tree.province.name} (${tree.province.code}); nothing changed`)
  return code
}

function requirePlaylist(text: string): string {
  const names = text.split(',').map((name) => name.trim())
  const problem = playlistProblem(names)
  if (problem !== undefined) throw new StartupError(`--playlist ${problem}`)
  return names.join(',')
}

async function readAcceptablePasswordHash(): Promise<string> {
  const password = await readNewPassword()
  refuseIf(passwordProblem(password))
  return hashPassword(password)
}

const stringOption = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined)

function operatorName(): string {
  try {
    return os.userInfo().username
  } catch {
    // a uid with no account name (some containers)
    return `uid ${process.getuid?.() ?? 'unknown'}`
  }
}

runCommand('admin', admin)
