export type { DisplayLanguage } from './language'
export { formatMoney } from './money'
export { formatDate, formatDateTime, minutesBetween, rigaParts, RIGA } from './date'
export { formatQuantity } from './number'
