import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestRecord } from '../../../shared/records'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { campaign, complaint, enforcementCase, inspection } from '../../support/record-factory'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { foldCounterChanges } from '../../../server/counters/counter-store'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'

describe.each(testDatabaseKinds())('ingest service on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  const counter = async (regionCode: string, metric: string) => {
    await foldCounterChanges(testApp.app.database.db)
    const rows = await testApp.app.database.db.selectFrom('metric_counts_daily').select((eb) => eb.fn.sum<number>('value').as('total')).where('region_code', '=', regionCode).where('metric', '=', metric).execute()
    return Number(rows[0]?.total ?? 0)
  }
  const recordCount = async () => Number((await testApp.app.database.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('writes a new record and its counters at county, city and province', async () => {
    const result = await testApp.app.ingest.ingest([complaint()], { partial: false })
    expect(result).toEqual({ accepted: 1, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] })
    for (const region of ['510104', '510100', '510000']) expect(await counter(region, 'intake.received')).toBe(1)
    expect(await counter('510105', 'intake.received')).toBe(0)
  })

  it('counts a re-sent record as a duplicate and changes nothing', async () => {
    const result = await testApp.app.ingest.ingest([complaint()], { partial: false })
    expect(result.duplicates).toBe(1)
    expect(await counter('510000', 'intake.received')).toBe(1)
  })

  it('applies a later lifecycle step and ignores an older one', async () => {
    const accepted = complaint({ status: 'accepted', statusAt: '2026-11-04T09:00:00+08:00' })
    expect((await testApp.app.ingest.ingest([accepted], { partial: false })).updated).toBe(1)
    expect(await counter('510100', 'clock.complaint_acceptance.on_time')).toBe(1)
    expect(await counter('510100', 'complaints.accepted')).toBe(1)
    const older = complaint({ status: 'received', statusAt: '2026-11-03T09:00:00+08:00' })
    expect((await testApp.app.ingest.ingest([older], { partial: false })).stale).toBe(1)
    expect(await counter('510000', 'intake.received')).toBe(1)
  })

  it('refuses an impossible lifecycle step atomically, naming it', async () => {
    const before = await recordCount()
    const result = await testApp.app.ingest.ingest(
      [inspection({ id: 'I-atomic' }), complaint({ status: 'not_accepted', statusAt: '2026-11-05T09:00:00+08:00' })],
      { partial: false },
    )
    expect(result.accepted).toBe(0)
    expect(result.errors).toEqual([{ index: 1, id: 'C-1', field: 'status', message: 'a complaint cannot go from accepted to not_accepted: it may go on to mediating, mediated, mediation_ended, withdrawn, to_case' }])
    expect(await recordCount()).toBe(before)
    expect(await counter('510000', 'inspections')).toBe(0)
  })

  it('in partial mode writes the valid records and reports the rest', async () => {
    const result = await testApp.app.ingest.ingest([inspection({ id: 'I-partial', campaignId: 'no-such-campaign' }), inspection({ id: 'I-ok' })], { partial: true })
    expect(result).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 0, field: 'campaignId' }] })
    expect(await counter('510000', 'inspections')).toBe(1)
  })

  it('stores campaign targets at every level and accepts records that name the campaign', async () => {
    await testApp.app.ingest.ingest([campaign(), inspection({ id: 'I-campaign', kind: 'campaign', campaignId: 'spring-thunder-2026' })], { partial: false })
    const targets = await testApp.app.database.db.selectFrom('campaign_targets').selectAll().orderBy('region_code').execute()
    expect(targets).toEqual([
      { campaign_id: 'spring-thunder-2026', region_code: '510000', inspections: 230, cases: 18 },
      { campaign_id: 'spring-thunder-2026', region_code: '510100', inspections: 150, cases: 10 },
      { campaign_id: 'spring-thunder-2026', region_code: '510104', inspections: 100, cases: 10 },
      { campaign_id: 'spring-thunder-2026', region_code: '510105', inspections: 50, cases: null },
      { campaign_id: 'spring-thunder-2026', region_code: '510300', inspections: 80, cases: 8 },
    ])
    expect(await counter('510000', 'campaign.spring-thunder-2026.inspections')).toBe(1)
  })

  it('keeps the English name a campaign gives, and none when it gives none', async () => {
    await testApp.app.ingest.ingest([campaign({ id: 'iron-fist', name: '铁拳行动', nameEn: 'Iron Fist Campaign' }), campaign({ id: 'unnamed-en' })], { partial: false })
    const names = await testApp.app.database.db.selectFrom('campaigns').select(['id', 'name_en']).where('id', 'in', ['iron-fist', 'unnamed-en']).orderBy('id').execute()
    expect(names).toEqual([{ id: 'iron-fist', name_en: 'Iron Fist Campaign' }, { id: 'unnamed-en', name_en: null }])
  })

  it('counts fines in fen when a case is decided', async () => {
    await testApp.app.ingest.ingest([enforcementCase()], { partial: false })
    expect(await counter('510000', 'cases.fines_fen')).toBe(0)
    await testApp.app.ingest.ingest([enforcementCase({ status: 'decided', statusAt: '2026-11-10T10:00:00+08:00' })], { partial: false })
    expect(await counter('510000', 'cases.fines_fen')).toBe(1_230_050)
    expect(await counter('510000', 'clock.case_decision.on_time')).toBe(1)
  })

  it('keeps a record sent twice in one large batch in its later version, wherever the batch is read in slices', async () => {
    const stored = complaint({ id: 'C-big-stored', receivedAt: '2026-11-02T09:00:00+08:00', statusAt: '2026-11-02T09:00:00+08:00' })
    await testApp.app.ingest.ingest([stored], { partial: false })
    const filler = Array.from({ length: 2500 }, (_, index) => inspection({ id: `I-big-${index}` }))
    const batch: IngestRecord[] = [...filler]
    // New at the start and accepted near the end; stored, accepted in the middle and closed near the end.
    batch.splice(10, 0, complaint({ id: 'C-big-new', receivedAt: '2026-11-02T10:00:00+08:00', statusAt: '2026-11-02T10:00:00+08:00' }))
    batch.splice(1500, 0, { ...stored, status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' })
    batch.splice(2400, 0, complaint({ id: 'C-big-new', receivedAt: '2026-11-02T10:00:00+08:00', status: 'accepted', statusAt: '2026-11-03T10:00:00+08:00' }))
    batch.splice(2450, 0, { ...stored, status: 'mediated', statusAt: '2026-11-04T09:00:00+08:00' })
    const result = await testApp.app.ingest.ingest(batch, { partial: false })
    expect(result).toMatchObject({ accepted: 2501, updated: 3, duplicates: 0, stale: 0, rejected: 0 })
    const rows = await testApp.app.database.db.selectFrom('records').select(['id', 'status', 'steps']).where('id', 'in', ['C-big-new', 'C-big-stored']).orderBy('id').execute()
    expect(rows.map(({ id, status, steps }) => ({ id, status, steps: (steps as { status: string }[]).map((step) => step.status) }))).toEqual([
      { id: 'C-big-new', status: 'accepted', steps: ['received', 'accepted'] },
      { id: 'C-big-stored', status: 'mediated', steps: ['received', 'accepted', 'mediated'] },
    ])
    await expectCountersToMatchRecomputation(testApp.app)
  })

  it('keeps counters exact when batches writing the same records run at once', async () => {
    const received = Array.from({ length: 300 }, (_, n) => complaint({ id: `C-race-${n}`, receivedAt: '2026-11-10T09:00:00+08:00', statusAt: '2026-11-10T09:00:00+08:00' }))
    const accepted = received.map((record) => ({ ...record, status: 'accepted' as const, statusAt: '2026-11-11T09:00:00+08:00' }))
    const results = await Promise.all([received, accepted, received, accepted].map((batch) => testApp.app.ingest.ingest(batch, { partial: false })))
    for (const result of results) expect(result.errors).toEqual([])
    // Whichever commits first, the later step is what stays.
    const statuses = await testApp.app.database.db.selectFrom('records').select('status').distinct().where('id', 'like', 'C-race-%').execute()
    expect(statuses).toEqual([{ status: 'accepted' }])
    await expectCountersToMatchRecomputation(testApp.app)
  })

  it('writes nothing of a batch when the database refuses part of it', async () => {
    const { db } = testApp.app.database
    await sql`create function refuse_for_test() returns trigger language plpgsql as $$ begin if new.id = 'I-refused' then raise exception 'refused for the test'; end if; return new; end $$`.execute(db)
    await sql`create trigger refuse_for_test before insert on records for each row execute function refuse_for_test()`.execute(db)
    try {
      const [records, inspections] = [await recordCount(), await counter('510000', 'inspections')]
      // Refused at once, while the counters of thousands of others are still being worked out.
      const batch = [inspection({ id: 'I-refused' }), ...Array.from({ length: 3000 }, (_, index) => inspection({ id: `I-beside-refused-${index}` }))]
      await expect(testApp.app.ingest.ingest(batch, { partial: true })).rejects.toThrow('refused for the test')
      expect(await recordCount()).toBe(records)
      expect(await counter('510000', 'inspections')).toBe(inspections)
    } finally {
      await sql`drop trigger refuse_for_test on records`.execute(db)
      await sql`drop function refuse_for_test`.execute(db)
    }
  })

  it('counts an undecided item as due, and late, from the moment its deadline passes', async () => {
    const due = await counter('510000', 'clock.complaint_acceptance.due')
    const onTime = await counter('510000', 'clock.complaint_acceptance.on_time')
    const overdueOpen = await counter('510000', 'clock.complaint_acceptance.overdue_open')
    // Long overdue when it arrives: due, and overdue while open, at once.
    await testApp.app.ingest.ingest([complaint({ id: 'C-old', receivedAt: '2026-01-05T09:00:00+08:00', statusAt: '2026-01-05T09:00:00+08:00' })], { partial: false })
    expect(await counter('510000', 'clock.complaint_acceptance.due')).toBe(due + 1)
    expect(await counter('510000', 'clock.complaint_acceptance.overdue_open')).toBe(overdueOpen + 1)
    // Due in the future (7 working days after Thursday 3 December 2026 end on Monday 14 December): due when swept past it.
    await testApp.app.ingest.ingest([complaint({ id: 'C-new', receivedAt: '2026-12-03T09:00:00+08:00', statusAt: '2026-12-03T09:00:00+08:00' })], { partial: false })
    await sweepDeadlines(testApp.app.database.db, testApp.app.regions, 'Asia/Shanghai', new Date('2026-12-14T15:59:00Z'))
    expect(await counter('510000', 'clock.complaint_acceptance.due')).toBe(due + 1)
    expect(await counter('510000', 'clock.complaint_acceptance.overdue_open')).toBe(overdueOpen + 1)
    await sweepDeadlines(testApp.app.database.db, testApp.app.regions, 'Asia/Shanghai', new Date('2026-12-14T16:00:00Z'))
    expect(await counter('510000', 'clock.complaint_acceptance.due')).toBe(due + 2)
    expect(await counter('510000', 'clock.complaint_acceptance.on_time')).toBe(onTime)
    expect(await counter('510000', 'clock.complaint_acceptance.overdue_open')).toBe(overdueOpen + 2)
    // Accepted late: still due and late, no longer overdue and open.
    await testApp.app.ingest.ingest([complaint({ id: 'C-new', receivedAt: '2026-12-03T09:00:00+08:00', status: 'accepted', statusAt: '2026-12-15T10:00:00+08:00' })], { partial: false })
    expect(await counter('510000', 'clock.complaint_acceptance.due')).toBe(due + 2)
    expect(await counter('510000', 'clock.complaint_acceptance.on_time')).toBe(onTime)
    expect(await counter('510000', 'clock.complaint_acceptance.overdue_open')).toBe(overdueOpen + 1)
  })
})
