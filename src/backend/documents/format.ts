// The paper forms live in the one formatting module (src/core/format) beside the screen forms.
export {
  printDate,
  printMoney,
  printPercentOf,
  printPeriod,
  printQuantity,
  printRate,
  printUnitPrice,
} from '../../core/format/print'
