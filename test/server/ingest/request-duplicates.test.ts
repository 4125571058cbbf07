import { describe, expect, it } from 'vitest'
import { resolveDuplicates } from '../../../server/ingest/request-duplicates'
import type { IngestRecord } from '../../../shared/records'
import { complaint, inspection } from '../../support/record-factory'

const placed = (...records: IngestRecord[]) => records.map((record, index) => ({ position: { index }, record }))

describe('resolveDuplicates', () => {
  it('keeps a lifecycle sent in order, so every step is recorded', () => {
    const steps = placed(complaint(), complaint({ status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' }), complaint({ status: 'mediating', statusAt: '2026-11-04T09:00:00+08:00' }))
    expect(resolveDuplicates(steps)).toEqual({ kept: steps, duplicates: 0, conflicts: [] })
  })

  it('counts an identical repeat as a duplicate, whatever its key order', () => {
    const { id, type, ...rest } = inspection()
    const result = resolveDuplicates(placed(inspection(), { ...rest, id, type } as IngestRecord))
    expect(result).toMatchObject({ duplicates: 1, conflicts: [] })
    expect(result.kept).toHaveLength(1)
  })

  it('reports a repeat that is not a later step, keeping the first', () => {
    const result = resolveDuplicates(placed(complaint({ status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' }), complaint()))
    expect(result.kept).toHaveLength(1)
    expect(result.conflicts).toEqual([
      {
        placed: expect.objectContaining({ position: { index: 1 } }),
        message: 'complaint C-1 already appears at index 0; a repeat must be a later lifecycle step, and received at 2026-11-02T09:30:00+08:00 does not follow accepted at 2026-11-03T09:00:00+08:00',
      },
    ])
    const impossible = resolveDuplicates(placed(complaint({ status: 'withdrawn', statusAt: '2026-11-03T09:00:00+08:00' }), complaint({ status: 'accepted', statusAt: '2026-11-04T09:00:00+08:00' })))
    expect(impossible.conflicts).toHaveLength(1)
  })

  it('reports two versions of a record without a lifecycle', () => {
    const result = resolveDuplicates(placed(inspection(), inspection({ result: 'problems', problemCount: 1 })))
    expect(result.conflicts[0]?.message).toBe('inspection I-1 already appears at index 0; a record without a lifecycle may appear once per request, or repeated unchanged')
  })
})
