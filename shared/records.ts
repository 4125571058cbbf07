// The public ingest contract: one TypeBox schema per record type. Unknown fields
// are rejected, and there is no field for a complainant's or reporter's person.
import Type, { type Static } from 'typebox'
import { REGION_CODE_PATTERN } from './region-codes'
import { USCC_PATTERN } from './uscc'
import { VISIBLE_TEXT_PATTERN } from './visible-text'

/** ISO 8601 date-time with an explicit UTC offset (Z or ±hh:mm). */
export const OFFSET_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})$'
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

const strict = { additionalProperties: false } as const
const OffsetTime = Type.String({ pattern: OFFSET_TIME_PATTERN, description: 'ISO 8601 with an explicit UTC offset, e.g. 2026-11-23T09:30:00+08:00' })
const LocalDate = Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD in the command centre time zone' })
const RecordId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7E]+$', description: "the source system's id: 1–64 printable ASCII characters" })
const RegionCode = Type.String({ pattern: REGION_CODE_PATTERN })
// "At most two decimals" is a rule (record-rules), not `multipleOf: 0.01`: binary floating point fails 99999999.99 on that.
const Yuan = Type.Number({ minimum: 0, maximum: 1e12, description: 'yuan, at most two decimals' })
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 })
const Text = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: VISIBLE_TEXT_PATTERN, description: 'no control, invisible formatting (e.g. U+202E) or private-use characters' })

export const Entity = Type.Object(
  {
    uscc: Type.String({ pattern: USCC_PATTERN, description: '统一社会信用代码 (GB 32100), check character verified' }),
    name: Text(200),
  },
  strict,
)

export const INSPECTION_KINDS = ['random', 'key', 'joint', 'campaign', 'special_equipment'] as const
export const DOMAINS = ['food', 'drug', 'special_equipment', 'industrial_product', 'advertising', 'price', 'other'] as const
export const INSPECTION_RESULTS = ['compliant', 'problems', 'not_found', 'follow_up'] as const
export const CHANNELS = ['hotline', 'web', 'app', 'mini_program', 'letter', 'visit'] as const
export const COMPLAINT_CATEGORIES = ['after_sales', 'quality', 'food_safety', 'price', 'contract', 'unfair_competition', 'metrology', 'advertising', 'other'] as const
export const COMPLAINT_STATUSES = ['received', 'accepted', 'not_accepted', 'mediating', 'mediated', 'mediation_ended', 'withdrawn', 'to_case'] as const
export const REPORT_STATUSES = ['received', 'checking', 'case_opened', 'not_opened'] as const
export const CASE_STATUSES = ['opened', 'decided', 'closed', 'transferred'] as const

const Enum = <const T extends readonly string[]>(values: T) => Type.Enum([...values] as T[number][])

export const InspectionRecord = Type.Object(
  {
    type: Type.Literal('inspection'),
    id: RecordId,
    regionCode: RegionCode,
    occurredAt: OffsetTime,
    kind: Enum(INSPECTION_KINDS),
    domain: Enum(DOMAINS),
    entity: Entity,
    result: Enum(INSPECTION_RESULTS),
    problemCount: Type.Optional(Count),
    campaignId: Type.Optional(RecordId),
    /** joint inspections: the departments that took part (进一次门、查多项事) */
    departments: Type.Optional(Type.Array(Text(50), { minItems: 1, maxItems: 20 })),
    /** special equipment: a serious hazard was found, and when it was fixed */
    seriousHazard: Type.Optional(Type.Boolean()),
    hazardFixedAt: Type.Optional(OffsetTime),
    /** special equipment: the equipment is registered for use (使用登记) */
    equipmentRegistered: Type.Optional(Type.Boolean()),
    /** special equipment: its statutory inspection was done on time (法定检验) */
    statutoryInspectionOnTime: Type.Optional(Type.Boolean()),
  },
  strict,
)

export const FoodSamplingRecord = Type.Object(
  {
    type: Type.Literal('food_sampling'),
    id: RecordId,
    regionCode: RegionCode,
    occurredAt: OffsetTime,
    batches: Type.Integer({ minimum: 1, maximum: 100_000 }),
    failed: Count,
    category: Text(50),
    campaignId: Type.Optional(RecordId),
  },
  strict,
)

export const ComplaintRecord = Type.Object(
  {
    type: Type.Literal('complaint'),
    id: RecordId,
    regionCode: RegionCode,
    receivedAt: OffsetTime,
    channel: Enum(CHANNELS),
    category: Enum(COMPLAINT_CATEGORIES),
    tags: Type.Optional(Type.Array(Text(30), { maxItems: 10 })),
    entity: Type.Optional(Entity),
    status: Enum(COMPLAINT_STATUSES),
    statusAt: OffsetTime,
    recoveredYuan: Type.Optional(Yuan),
  },
  strict,
)

export const ReportRecord = Type.Object(
  {
    type: Type.Literal('report'),
    id: RecordId,
    regionCode: RegionCode,
    receivedAt: OffsetTime,
    channel: Enum(CHANNELS),
    category: Enum(COMPLAINT_CATEGORIES),
    entity: Type.Optional(Entity),
    status: Enum(REPORT_STATUSES),
    statusAt: OffsetTime,
    /** the 15-working-day extension of the check was approved */
    extended: Type.Optional(Type.Boolean()),
  },
  strict,
)

export const CaseRecord = Type.Object(
  {
    type: Type.Literal('case'),
    id: RecordId,
    regionCode: RegionCode,
    openedAt: OffsetTime,
    domain: Enum(DOMAINS),
    status: Enum(CASE_STATUSES),
    statusAt: OffsetTime,
    fineYuan: Type.Optional(Yuan),
    confiscatedYuan: Type.Optional(Yuan),
    /** 挂牌督办 */
    major: Type.Optional(Type.Boolean()),
    /** the 30-day extension of the decision was approved */
    extended: Type.Optional(Type.Boolean()),
    campaignId: Type.Optional(RecordId),
    sourceComplaintId: Type.Optional(RecordId),
  },
  strict,
)

export const CampaignTarget = Type.Object(
  {
    regionCode: RegionCode,
    inspections: Type.Optional(Count),
    cases: Type.Optional(Count),
  },
  strict,
)

export const CampaignRecord = Type.Object(
  {
    type: Type.Literal('campaign'),
    id: RecordId,
    /** the region the campaign covers (usually the province) */
    regionCode: RegionCode,
    name: Text(100),
    /** the campaign's English name, for the English wall; without it the wall shows `name` */
    nameEn: Type.Optional(Text(100)),
    startsOn: LocalDate,
    endsOn: LocalDate,
    domains: Type.Array(Enum(DOMAINS), { minItems: 1, uniqueItems: true }),
    targets: Type.Array(CampaignTarget, { maxItems: 5000 }),
  },
  strict,
)

export const RECORD_SCHEMAS = {
  inspection: InspectionRecord,
  food_sampling: FoodSamplingRecord,
  complaint: ComplaintRecord,
  report: ReportRecord,
  case: CaseRecord,
  campaign: CampaignRecord,
} as const

export type RecordType = keyof typeof RECORD_SCHEMAS
export const RECORD_TYPES = Object.keys(RECORD_SCHEMAS) as RecordType[]

export const IngestRecord = Type.Union([InspectionRecord, FoodSamplingRecord, ComplaintRecord, ReportRecord, CaseRecord, CampaignRecord])
export type InspectionRecord = Static<typeof InspectionRecord>
export type FoodSamplingRecord = Static<typeof FoodSamplingRecord>
export type ComplaintRecord = Static<typeof ComplaintRecord>
export type ReportRecord = Static<typeof ReportRecord>
export type CaseRecord = Static<typeof CaseRecord>
export type CampaignRecord = Static<typeof CampaignRecord>
export type IngestRecord = Static<typeof IngestRecord>

/** Records that move through statuses; a later `statusAt` is a lifecycle step. */
export type LifecycleRecord = ComplaintRecord | ReportRecord | CaseRecord

/** Which status may follow which. A record may arrive first at any status. */
export const LIFECYCLE_STEPS: {
  complaint: Record<ComplaintRecord['status'], readonly ComplaintRecord['status'][]>
  report: Record<ReportRecord['status'], readonly ReportRecord['status'][]>
  case: Record<CaseRecord['status'], readonly CaseRecord['status'][]>
} = {
  complaint: {
    received: ['accepted', 'not_accepted', 'mediating', 'mediated', 'mediation_ended', 'withdrawn', 'to_case'],
    accepted: ['mediating', 'mediated', 'mediation_ended', 'withdrawn', 'to_case'],
    mediating: ['mediated', 'mediation_ended', 'withdrawn', 'to_case'],
    mediation_ended: ['to_case'],
    not_accepted: [],
    mediated: [],
    withdrawn: [],
    to_case: [],
  },
  report: {
    received: ['checking', 'case_opened', 'not_opened'],
    checking: ['case_opened', 'not_opened'],
    case_opened: [],
    not_opened: [],
  },
  case: {
    opened: ['decided', 'closed', 'transferred'],
    decided: ['closed', 'transferred'],
    transferred: [],
    closed: [],
  },
}

/** Per-record outcome of an ingest request. */
export const IngestError = Type.Object({
  index: Type.Optional(Type.Integer({ description: 'position in a JSON array (0-based)' })),
  line: Type.Optional(Type.Integer({ description: 'line in an NDJSON or CSV body (1-based)' })),
  id: Type.Optional(Type.String()),
  field: Type.String({ description: 'JSON path of the offending field, e.g. entity.uscc' }),
  message: Type.String(),
})
export type IngestError = Static<typeof IngestError>

export const IngestResult = Type.Object({
  accepted: Type.Integer({ description: 'new records written' }),
  updated: Type.Integer({ description: 'lifecycle steps applied to known records' }),
  duplicates: Type.Integer({ description: 'records already stored with the same content: no change' }),
  stale: Type.Integer({ description: 'lifecycle steps older than the stored one: ignored, state never rolls back' }),
  rejected: Type.Integer(),
  errors: Type.Array(IngestError),
})
export type IngestResult = Static<typeof IngestResult>
