// The wall's screens, by the names its URLs use (/wall/<screen>/<region>, ?playlist=…):
// the client routes by them, the server checks a screen's playlist against them.
export const SCREENS = ['overview', 'campaign', 'complaints', 'inspections'] as const
export type ScreenKey = (typeof SCREENS)[number]

export const isScreenKey = (value: string): value is ScreenKey => (SCREENS as readonly string[]).includes(value)
