// The sections of /docs: every API route names one, so the document reads as a manual.
export const TAGS = {
  ingest: '记录接入 Ingest',
  metrics: '指标 Metrics',
  regions: '地区 Regions',
  geo: '地图 Geo',
  campaigns: '专项行动 Campaigns',
  alerts: '预警 Alerts',
  tasks: '督办 Tasks',
  live: '实时 Live',
  session: '登录 Session',
  admin: '管理 Admin',
  system: '系统 System',
} as const

export const TAG_DESCRIPTIONS: Record<(typeof TAGS)[keyof typeof TAGS], string> = {
  [TAGS.ingest]: 'Source systems send inspections, food sampling, complaints, reports, cases and campaigns; nothing is acknowledged before it is committed.',
  [TAGS.metrics]: "What a region's screens show over a period: every metric with its target and the year before, the ranking of child regions, daily trends, and the newest items.",
  [TAGS.regions]: 'The GB/T 2260 region tree of the configured province.',
  [TAGS.geo]: 'Map shapes (TopoJSON) of a region\'s children, cached for good under a versioned URL.',
  [TAGS.campaigns]: 'Special campaigns (专项行动): their dates, targets and progress per child region against the schedule.',
  [TAGS.alerts]: 'What the rules raise (one alert per rule, region and subject, with its history), their thresholds, and a duty officer acknowledging or snoozing an alert (docs/alerts.md).',
  [TAGS.tasks]: 'Follow-up tasks (督办): a duty officer dispatches one to a region unit with a deadline in working days; the unit acknowledges, feeds back or rejects it; the officer returns, closes or reassigns it. Every step is kept (docs/tasks.md).',
  [TAGS.live]: 'The live hub behind the socket.io namespace /live (its events are described in the README).',
  [TAGS.session]: 'Logging in and out with a session cookie; changes made with the cookie carry its CSRF token as `x-csrf-token` (docs/access.md).',
  [TAGS.admin]: 'Users, integrator keys, screens and the audit log, for a session whose role administers; each admin sees and changes only its own region scope (docs/access.md).',
  [TAGS.system]: 'Health and what a screen needs to know first.',
}
