/** The UI languages; kept here (not imported from the contract) because core imports no other layer. */
export type DisplayLanguage = 'lv' | 'en' | 'ru'
