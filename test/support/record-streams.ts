// Random record streams as source systems send them: each record's lifecycle
// versions interleaved with other records', some versions repeated (retries), cut
// into batches that deliver steps out of order, some batches sent twice; start
// times spread over weeks so statutory deadlines fall both before and after now.
import fc from 'fast-check'
import type { CaseRecord, ComplaintRecord, IngestRecord, ReportRecord } from '../../shared/records'
import { complaint, enforcementCase, foodSampling, inspection, report } from './record-factory'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

export interface RecordStreamOptions {
  /** county-level codes the records are filed at */
  counties: readonly string[]
  /** also start records about a year back, so year-earlier figures have data */
  alsoAYearEarlier?: boolean
  /** at least this many records per stream (at most 12); more make rarer lifecycles likelier */
  minRecords?: number
}

const at = (instant: number) => new Date(instant).toISOString().replace('Z', '+00:00')

const COMPLAINT_PATHS: readonly (readonly ComplaintRecord['status'][])[] = [['received'], ['received', 'accepted', 'mediated'], ['received', 'accepted', 'mediating', 'mediation_ended'], ['received', 'not_accepted']]
const REPORT_PATHS: readonly (readonly ReportRecord['status'][])[] = [['received'], ['received', 'checking', 'case_opened'], ['received', 'not_opened'], ['checking']]
const CASE_PATHS: readonly (readonly CaseRecord['status'][])[] = [['opened'], ['opened', 'decided', 'closed'], ['opened', 'transferred'], ['decided']]

/** One record's versions in lifecycle order, each later than the last; steps still in the future are not sent yet. */
function recordVersions({ counties, alsoAYearEarlier = false }: RecordStreamOptions): fc.Arbitrary<IngestRecord[]> {
  const recent = fc.integer({ min: 0, max: 70 })
  return fc
    .record({
      kind: fc.constantFrom('complaint', 'report', 'case', 'inspection', 'food'),
      region: fc.constantFrom(...counties),
      daysAgo: alsoAYearEarlier ? fc.oneof(recent, fc.integer({ min: 360, max: 430 })) : recent,
      gapsHours: fc.array(fc.integer({ min: 1, max: 24 * 20 }), { minLength: 3, maxLength: 3 }),
      path: fc.integer({ min: 0, max: 3 }),
      flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      amount: fc.integer({ min: 0, max: 500_000 }),
    })
    .map(({ kind, region, daysAgo, gapsHours, path, flags: [first, second, third], amount }): IngestRecord[] => {
      const now = Date.now()
      const start = now - daysAgo * DAY_MS
      const offsets = gapsHours.reduce<number[]>((list, gap) => [...list, (list.at(-1) ?? 0) + gap * HOUR_MS], [0])
      const times = offsets.map((offset) => start + offset)
      const startedAt = at(start)
      const id = kind
      const steps = <S extends string>(statuses: readonly S[]) =>
        statuses.flatMap((status, index) => {
          const time = times[index] ?? start
          return time > now ? [] : [{ status, statusAt: at(time) }]
        })
      switch (kind) {
        case 'complaint':
          return steps(COMPLAINT_PATHS[path] ?? []).map((step) =>
            complaint({ id, regionCode: region, receivedAt: startedAt, ...step, ...(step.status === 'mediated' ? { recoveredYuan: amount / 100 } : {}) }),
          )
        case 'report':
          return steps(REPORT_PATHS[path] ?? []).map((step) => report({ id, regionCode: region, receivedAt: startedAt, extended: path === 1, ...step }))
        case 'case':
          return steps(CASE_PATHS[path] ?? []).map((step) =>
            enforcementCase({
              id, regionCode: region, openedAt: startedAt, fineYuan: amount / 100, confiscatedYuan: 0, ...step,
              ...(first ? { sourceComplaintId: `complaint-of-${id}` } : {}),
              ...(second ? { extended: true } : {}),
              ...(third ? { major: true } : {}),
            }),
          )
        case 'inspection': {
          const fixedAt = times[1] ?? start
          switch (path) {
            case 1:
              return [inspection({ id, regionCode: region, occurredAt: startedAt, kind: 'random', result: 'problems', problemCount: 2 })]
            case 2:
              return [inspection({ id, regionCode: region, occurredAt: startedAt, kind: 'joint', departments: ['市场监管局', '卫生健康委'], result: first ? 'problems' : 'compliant', ...(first ? { problemCount: 1 } : {}) })]
            case 3:
              return [
                inspection({
                  id, regionCode: region, occurredAt: startedAt, kind: 'special_equipment', domain: 'special_equipment', result: 'compliant',
                  equipmentRegistered: first, statutoryInspectionOnTime: second, seriousHazard: third,
                  ...(third && first && fixedAt <= now ? { hazardFixedAt: at(fixedAt) } : {}),
                }),
              ]
            default:
              return [inspection({ id, regionCode: region, occurredAt: startedAt, kind: 'random', result: 'compliant' })]
          }
        }
        default:
          return [foodSampling({ id, regionCode: region, occurredAt: startedAt, batches: 10 + path, failed: path })]
      }
    })
}

/** The versions of several records, interleaved in any order, some sent twice, cut into batches; some batches are retried. */
export function recordStreams(options: RecordStreamOptions): fc.Arbitrary<IngestRecord[][]> {
  return fc
    .array(recordVersions(options), { minLength: options.minRecords ?? 1, maxLength: 12 })
    .chain((records) => {
      // Each record its own id; its versions share it.
      const versions = records.flatMap((record, index) => record.map((version) => ({ ...version, id: `${version.id}-${index}` })))
      return fc.tuple(
        fc.shuffledSubarray(versions, { minLength: versions.length, maxLength: versions.length }),
        fc.array(fc.nat({ max: Math.max(versions.length - 1, 0) }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(), { maxLength: 3 }),
      )
    })
    .map(([shuffled, repeats, batchSize, retried]) => {
      const sent = [...shuffled, ...repeats.map((index) => shuffled[index]!).filter(Boolean)]
      const batches: IngestRecord[][] = []
      for (let start = 0; start < sent.length; start += batchSize) batches.push(sent.slice(start, start + batchSize))
      // A client that saw no answer sends the same batch again right away.
      for (const pick of retried) {
        const index = pick % batches.length
        batches.splice(index + 1, 0, [...batches[index]!])
      }
      return batches
    })
}

/** The same batches with every id suffixed, so that each property run works on its own records. */
export function withRunTag(batches: readonly IngestRecord[][], tag: number | string): IngestRecord[][] {
  return batches.map((batch) => batch.map((record) => ({ ...record, id: `${record.id}-${tag}` })))
}
