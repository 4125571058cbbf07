// Frozen: never edit a migration that has shipped; add a new one.
// The duty desk: alerts the rules raise, one row per fingerprint (rule + region + subject)
// so that a restart, a retried record or a second instance can never raise one twice,
// with its state history; the rules' settings; follow-up tasks and their steps, which
// nothing may change once written.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('fingerprint', 'text', (col) => col.notNull().unique())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('region_code', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull().check(sql`severity in ('critical', 'major', 'minor')`))
    // pending: the condition is seen but has not held for the rule's hold time; nobody sees it yet
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('pending', 'firing', 'resolved')`))
    .addColumn('figures', 'jsonb', (col) => col.notNull())
    // {zh, en}, written with the figures: it names what the figures cannot (a campaign, a case)
    .addColumn('message', 'jsonb', (col) => col.notNull())
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    // when the condition was first seen at or above the fire level in the current stretch: the hold counts from here
    .addColumn('condition_since', 'timestamptz')
    .addColumn('fired_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('snooze_reason', 'text')
    .addColumn('snoozed_by', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .execute()
  await sql`create index alerts_open on alerts (region_code) where state = 'firing'`.execute(db)
  await sql`create index alerts_active on alerts (region_code, rule) where state <> 'resolved'`.execute(db)
  // The rules about single records look up only the few that are still open, never the whole table.
  await sql`create index records_open_major_cases on records (region_code) where type = 'case' and status = 'opened' and content->>'major' = 'true'`.execute(db)
  await sql`create index records_unfixed_hazards on records (region_code, event_at) where type = 'inspection' and content->>'seriousHazard' = 'true' and content->>'hazardFixedAt' is null`.execute(db)

  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('alert_id', 'text', (col) => col.notNull().references('alerts.id'))
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('figures', 'jsonb', (col) => col.notNull())
    .addColumn('actor', 'text')
    .addColumn('text', 'text')
    .execute()
  await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'id']).execute()

  await db.schema
    .createTable('alert_rule_settings')
    .addColumn('rule', 'text', (col) => col.primaryKey())
    .addColumn('settings', 'jsonb', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('alert_id', 'text', (col) => col.references('alerts.id'))
    .addColumn('region_code', 'text', (col) => col.notNull().check(sql`region_code ~ '^[1-9][0-9]{5}$'`))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('instructions', 'text', (col) => col.notNull())
    .addColumn('priority', 'text', (col) => col.notNull().check(sql`priority in ('urgent', 'high', 'normal')`))
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('assigned', 'acknowledged', 'answered', 'returned', 'rejected', 'closed')`))
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('acknowledge_due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('extension_requested_until', 'timestamptz')
    .addColumn('dispatched_by', 'text', (col) => col.notNull())
    .addColumn('dispatched_by_name', 'text', (col) => col.notNull())
    .addColumn('dispatched_by_role', 'text', (col) => col.notNull())
    .addColumn('dispatched_at', 'timestamptz', (col) => col.notNull())
    .addColumn('closed_at', 'timestamptz')
    // one step at a time: a step names the version it saw, and a concurrent one loses
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await sql`create index tasks_open on tasks (region_code, due_at) where state <> 'closed'`.execute(db)
  await db.schema.createIndex('tasks_closed_at').on('tasks').column('closed_at').execute()

  await db.schema
    .createTable('task_steps')
    .addColumn('task_id', 'text', (col) => col.notNull().references('tasks.id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('actor_role', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('text', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('task_steps_pk', ['task_id', 'seq'])
    .execute()
  // As the audit log: the history is what happened, and no route or slip may rewrite it.
  await sql`
    create function task_steps_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'task_steps is append-only: % refused', tg_op;
      end
    $$`.execute(db)
  await sql`create trigger task_steps_append_only before update or delete on task_steps for each row execute function task_steps_refuse_change()`.execute(db)
  await sql`create trigger task_steps_no_truncate before truncate on task_steps for each statement execute function task_steps_refuse_change()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_steps').execute()
  await sql`drop function task_steps_refuse_change()`.execute(db)
  for (const table of ['tasks', 'alert_rule_settings', 'alert_events', 'alerts']) await db.schema.dropTable(table).execute()
  for (const index of ['records_open_major_cases', 'records_unfixed_hazards']) await db.schema.dropIndex(index).execute()
}
