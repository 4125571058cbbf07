// A wrong URL's problem as one sentence in the wall's language. Values come from the URL as
// typed, so they are quoted, and cut short: a pasted paragraph must not fill the wall.
import { MAX_PERIOD_YEARS, NAMED_PERIODS, PERIOD_YEARS, type PeriodFault } from '../../../shared/period'
import type { Messages } from '../i18n/messages'
import { SCREENS } from '../../../shared/wall-screens'
import type { UrlProblem } from '../router/url-problem'

const MAX_QUOTED_CHARS = 40

export function urlProblemText(problem: UrlProblem, t: Messages, provinceName: string | null): string {
  const words = t.wrongUrl
  const quote = (value: string) => words.quote(value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS - 1)}…` : value)
  const screenChoices = SCREENS.map((screen) => words.choice(t.screens[screen], screen)).join(t.listSeparator)
  switch (problem.kind) {
    case 'unknown_path':
      return words.unknownPath(quote(problem.path))
    case 'unknown_screen':
      return words.unknownScreen(problem.names.map(quote).join(t.listSeparator), screenChoices)
    case 'empty_playlist':
      return words.emptyPlaylist(screenChoices)
    case 'invalid_region':
      return words.invalidRegion(quote(problem.region))
    case 'unknown_region':
      return words.unknownRegion(quote(problem.region), provinceName)
    case 'invalid_period':
      return periodFaultText(problem.period, problem.fault, t, quote)
    case 'unknown_campaign':
      return words.unknownCampaign(quote(problem.campaignId))
    case 'outside_scope':
      return words.outsideScope(quote(problem.region))
    case 'refused':
      return words.refused
  }
}

function periodFaultText(text: string, fault: PeriodFault, t: Messages, quote: (value: string) => string): string {
  const words = t.wrongUrl
  const period = quote(text)
  switch (fault.kind) {
    case 'unknown': {
      const named = NAMED_PERIODS.map((name) => words.choice(t.periods[name], name))
      const others = [words.campaignChoice, words.rangeChoice].map(({ label, value }) => words.choice(label, value))
      return words.unknownPeriod(period, [...named, ...others].join(t.listSeparator))
    }
    case 'not_a_date':
      return words.notADate(period, quote(fault.date))
    case 'year_out_of_range':
      return words.yearOutOfRange(period, quote(fault.date), PERIOD_YEARS.first, PERIOD_YEARS.last)
    case 'reversed':
      return words.reversed(period)
    case 'starts_after_today':
      return words.startsAfterToday(period, fault.today)
    case 'too_long':
      return words.tooLong(period, fault.days, MAX_PERIOD_YEARS)
  }
}
