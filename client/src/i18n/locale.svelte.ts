import { isLocale, messages, type Locale, type Messages } from './messages'

const STORAGE_KEY = 'regdeck.locale'

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : 'zh-CN'
  } catch {
    // Private mode or a locked-down kiosk profile: fall back to Chinese.
    return 'zh-CN'
  }
}

export class LocaleState {
  current = $state<Locale>(storedLocale())
  t: Messages = $derived(messages[this.current])

  constructor() {
    document.documentElement.lang = this.current
  }

  set(locale: Locale): void {
    this.current = locale
    document.documentElement.lang = locale
    try {
      localStorage.setItem(STORAGE_KEY, locale)
    } catch {
      // Not remembered; the switch still works for this session.
    }
  }

  toggle(): void {
    this.set(this.current === 'zh-CN' ? 'en' : 'zh-CN')
  }
}

export const i18n = new LocaleState()
