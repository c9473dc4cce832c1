export type { DisplayLanguage } from './language'
export { formatMoney } from './money'
export {
  formatDate,
  formatDateTime,
  formatMonth,
  minutesBetween,
  parseDateInput,
  parseMonthInput,
  RIGA,
} from './date'
export { formatBytes, formatQuantity } from './number'
export { formatParam, formatParams } from './params'
export {
  printDate,
  printMoney,
  printPercentOf,
  printPeriod,
  printQuantity,
  printRate,
  printUnitPrice,
} from './print'
