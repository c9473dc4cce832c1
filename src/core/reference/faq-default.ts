import type { FaqDataset } from './faq'

/**
 * The built-in FAQ, written for GasDesk from the rules in the design notes (DOMAIN.md): the reading
 * window, billing types, the portal's sign-in and sections. Loaded into the desk's `faq` table by
 * migration 012; supervisors edit the loaded copy.
 */
export const DEFAULT_FAQ: FaqDataset = {
  kind: 'faq',
  version: '2026.1-builtin',
  articles: [
    // --- Readings -----------------------------------------------------------------------------
    {
      id: 'readings-window',
      category: 'readings',
      sortOrder: 10,
      text: {
        lv: {
          question: 'Kad var iesniegt skaitītāja rādījumu?',
          answer:
            'Rādījumu var iesniegt katru mēnesi no 27. datuma līdz nākamā mēneša pirmās darba dienas plkst. 24.00 pēc Latvijas laika.\n\n' +
            'Ja mēneša sākumā ir brīvdienas vai svētku dienas, rādījumu var iesniegt līdz pirmās darba dienas beigām. Piemēram, ja 1. datums ir sestdiena, termiņš beidzas pirmdienas vakarā.\n\n' +
            'Rādījumu var iesniegt portāla sadaļā „Rādījumu ziņošana” vai pa tālruni klientu centrā.',
        },
        en: {
          question: 'When can I submit a meter reading?',
          answer:
            'Readings can be submitted every month from the 27th until 24:00 Latvian time on the first working day of the next month.\n\n' +
            'If the month begins with a weekend or a public holiday, the window stays open until the end of the first working day. For example, if the 1st is a Saturday, the window closes on Monday night.\n\n' +
            'Submit the reading in the portal under “Readings”, or call the customer service centre.',
        },
        ru: {
          question: 'Когда можно подать показания счётчика?',
          answer:
            'Показания принимаются каждый месяц с 27-го числа до 24:00 по латвийскому времени первого рабочего дня следующего месяца.\n\n' +
            'Если месяц начинается с выходных или праздников, подать показания можно до конца первого рабочего дня. Например, если 1-е число — суббота, срок истекает в понедельник в полночь.\n\n' +
            'Показания можно подать в портале, в разделе «Подача показаний», или позвонив в центр обслуживания клиентов.',
        },
      },
    },
    {
      id: 'readings-digits',
      category: 'readings',
      sortOrder: 20,
      text: {
        lv: {
          question: 'Kuri skaitītāja cipari jānorāda?',
          answer:
            'Norādiet tikai veselos kubikmetrus — melnos ciparus pirms komata. Sarkanos ciparus (kubikmetra daļas) nenorādiet.\n\n' +
            'Ja skaitītāja rādījums ir, piemēram, 01234,567, iesniedziet 1234.',
        },
        en: {
          question: 'Which digits of the meter should I report?',
          answer:
            'Report whole cubic metres only: the black digits before the decimal point. Leave out the red digits (fractions of a cubic metre).\n\n' +
            'If the meter shows, for example, 01234.567, submit 1234.',
        },
        ru: {
          question: 'Какие цифры счётчика нужно указывать?',
          answer:
            'Указывайте только целые кубометры — чёрные цифры до запятой. Красные цифры (доли кубометра) указывать не нужно.\n\n' +
            'Например, если счётчик показывает 01234,567, подайте 1234.',
        },
      },
    },
    {
      id: 'readings-missed',
      category: 'readings',
      sortOrder: 30,
      text: {
        lv: {
          question: 'Kas notiek, ja neiesniedzu rādījumu laikā?',
          answer:
            'Ja rādījums nav iesniegts, sadales sistēmas operators patēriņu novērtē pēc iepriekšējo periodu datiem, un rēķinā tas ir atzīmēts kā novērtēts.\n\n' +
            'Nākamais faktiskais rādījums novērtējumu izlabo: starpība tiek ņemta vērā nākamajā rēķinā.',
        },
        en: {
          question: 'What happens if I do not submit a reading in time?',
          answer:
            'If no reading is submitted, the distribution system operator estimates the consumption from earlier periods, and the invoice marks it as estimated.\n\n' +
            'Your next actual reading corrects the estimate: the difference is taken into account on the next invoice.',
        },
        ru: {
          question: 'Что будет, если не подать показания вовремя?',
          answer:
            'Если показания не поданы, оператор системы распределения оценивает потребление по данным прошлых периодов, и в счёте оно отмечено как расчётное.\n\n' +
            'Следующие фактические показания исправляют оценку: разница учитывается в следующем счёте.',
        },
      },
    },
    {
      id: 'readings-zero',
      category: 'readings',
      sortOrder: 40,
      text: {
        lv: {
          question: 'Vai rādījums jāiesniedz arī tad, ja gāzi neesmu lietojis?',
          answer:
            'Jā. Iesniedziet rādījumu arī tad, ja patēriņš ir nulle — tad rādījums ir tāds pats kā iepriekšējā mēnesī. Tā patēriņš netiks novērtēts.',
        },
        en: {
          question: 'Do I have to submit a reading if I have not used any gas?',
          answer:
            'Yes. Submit a reading even when consumption is zero: it is then the same as last month. That way your consumption will not be estimated.',
        },
        ru: {
          question: 'Нужно ли подавать показания, если газом не пользовались?',
          answer:
            'Да. Подавайте показания и при нулевом потреблении — тогда они совпадают с показаниями прошлого месяца. Так потребление не будет рассчитано по оценке.',
        },
      },
    },
    {
      id: 'readings-outside-window',
      category: 'readings',
      sortOrder: 50,
      text: {
        lv: {
          question: 'Kad rādījumu pieņem arī ārpus ziņošanas perioda?',
          answer:
            'Ārpus perioda no 27. datuma līdz pirmajai darba dienai rādījumu pieņem, ja: ievācaties vai izvācaties; mainās gāzes lietotājs vai tirgotājs; tas ir obligātais 31. decembra rādījums; tiek veikts kontroles rādījums; tiek nomainīts skaitītājs.\n\n' +
            'Šādos gadījumos sazinieties ar klientu centru un norādiet iemeslu.',
        },
        en: {
          question: 'When is a reading accepted outside the reading window?',
          answer:
            'Outside the window from the 27th to the first working day a reading is still accepted when: you move in or move out; the gas user or the retailer changes; it is the compulsory 31 December reading; a control reading is taken; the meter is replaced.\n\n' +
            'In these cases contact the customer service centre and tell us the reason.',
        },
        ru: {
          question: 'Когда показания принимают вне периода подачи?',
          answer:
            'Вне периода с 27-го числа до первого рабочего дня показания принимают, если: вы въезжаете или выезжаете; меняется пользователь газа или поставщик; это обязательные показания на 31 декабря; снимаются контрольные показания; заменяется счётчик.\n\n' +
            'В этих случаях свяжитесь с центром обслуживания клиентов и укажите причину.',
        },
      },
    },
    {
      id: 'readings-meter-exchange',
      category: 'readings',
      sortOrder: 60,
      text: {
        lv: {
          question: 'Kas jādara, ja tiek nomainīts gāzes skaitītājs?',
          answer:
            'Skaitītāju nomaina sadales sistēmas operators. Nomaiņas aktā ir norādīts vecā skaitītāja noņemšanas rādījums un jaunā skaitītāja uzstādīšanas rādījums — tie tiek nodoti mums, un jums tie nav atsevišķi jāiesniedz.\n\n' +
            'Pēc nomaiņas iesniedziet rādījumus no jaunā skaitītāja. Pārbaudiet, vai portālā redzamais skaitītāja numurs sakrīt ar numuru uz skaitītāja; ja nesakrīt, rakstiet mums.',
        },
        en: {
          question: 'What do I need to do when my gas meter is replaced?',
          answer:
            'Meters are replaced by the distribution system operator. The replacement record shows the final reading of the old meter and the starting reading of the new one; these reach us from the operator, so you do not need to submit them.\n\n' +
            'After the replacement, report readings from the new meter. Check that the meter number shown in the portal matches the number on the meter; if it does not, send us a message.',
        },
        ru: {
          question: 'Что делать, если заменили газовый счётчик?',
          answer:
            'Счётчик заменяет оператор системы распределения. В акте замены указаны конечные показания старого счётчика и начальные показания нового — оператор передаёт их нам, подавать их отдельно не нужно.\n\n' +
            'После замены подавайте показания нового счётчика. Проверьте, совпадает ли номер счётчика в портале с номером на самом счётчике; если нет, напишите нам.',
        },
      },
    },
    // --- Invoices and payments ----------------------------------------------------------------
    {
      id: 'invoices-billing-types',
      category: 'invoices',
      sortOrder: 10,
      text: {
        lv: {
          question: 'Kāda ir atšķirība starp rēķinu un izlīdzināto maksājumu?',
          answer:
            'Rēķins: katru mēnesi maksājat par faktisko (vai novērtēto) patēriņu, tāpēc ziemā summa ir lielāka nekā vasarā.\n\n' +
            'Izlīdzinātais maksājums: katru mēnesi maksājat vienādu summu, kas aprēķināta pēc vidējā patēriņa. Rādījumus iesniedz vismaz 30. jūnijā, 31. decembrī un norēķinu perioda beigās (ja gāzi lietojat tikai ēdiena gatavošanai un patēriņš ir mazāks par 250 m³ gadā — reizi gadā). Perioda beigās saņemat pārskatu, kurā faktiskās izmaksas salīdzinātas ar samaksāto.',
        },
        en: {
          question: 'What is the difference between an invoice and balanced payment?',
          answer:
            'Invoice: every month you pay for your actual (or estimated) consumption, so you pay more in winter than in summer.\n\n' +
            'Balanced payment: you pay the same amount every month, based on your average consumption. Readings are due at least on 30 June, on 31 December and at the end of your settlement period (once a year if you use gas for cooking only and use less than 250 m³ a year). At the end of the period you receive a statement comparing the actual cost with what you paid.',
        },
        ru: {
          question: 'Чем отличается счёт от выровненного платежа?',
          answer:
            'Счёт: каждый месяц вы платите за фактическое (или расчётное) потребление, поэтому зимой сумма больше, чем летом.\n\n' +
            'Выровненный платёж: каждый месяц вы платите одинаковую сумму, рассчитанную по среднему потреблению. Показания подаются как минимум 30 июня, 31 декабря и в конце расчётного периода (если газ используется только для приготовления пищи и потребление меньше 250 м³ в год — раз в год). В конце периода вы получаете отчёт, в котором фактическая стоимость сравнивается с оплаченной суммой.',
        },
      },
    },
    {
      id: 'invoices-statement',
      category: 'invoices',
      sortOrder: 20,
      text: {
        lv: {
          question: 'Kas ir izlīdzinātā maksājuma pārskats?',
          answer:
            'Pārskatā par katru norēķinu perioda mēnesi redzamas faktiskās izmaksas, plānotais maksājums un samaksātā summa.\n\n' +
            'Ja esat samaksājis vairāk, nekā izmaksāja gāze, pārmaksa kļūst par avansu nākamajiem maksājumiem. Ja samaksāts mazāk, starpība jāsamaksā līdz pārskatā norādītajam datumam. Pārskatu sagatavo katram objektam atsevišķi.',
        },
        en: {
          question: 'What is a balanced payment statement?',
          answer:
            'For every month of the settlement period the statement shows the actual cost, the scheduled instalment and the amount paid.\n\n' +
            'If you paid more than the gas cost, the overpayment becomes an advance towards your next payments. If you paid less, the difference is due by the date stated on the statement. Each premise gets its own statement.',
        },
        ru: {
          question: 'Что такое отчёт по выровненному платежу?',
          answer:
            'В отчёте за каждый месяц расчётного периода указаны фактическая стоимость, плановый платёж и оплаченная сумма.\n\n' +
            'Если вы заплатили больше, чем стоил газ, переплата становится авансом в счёт следующих платежей. Если меньше — разницу нужно оплатить до даты, указанной в отчёте. Отчёт составляется для каждого объекта отдельно.',
        },
      },
    },
    {
      id: 'invoices-dates',
      category: 'invoices',
      sortOrder: 30,
      text: {
        lv: {
          question: 'Kad saņemšu rēķinu un līdz kuram datumam tas jāapmaksā?',
          answer:
            'Rēķinus izsūtām no mēneša 10. līdz 15. datumam. Rēķins jāapmaksā līdz tā mēneša 20. datumam, kas seko piegādes mēnesim.\n\n' +
            'Par kavētu maksājumu tiek aprēķināti nokavējuma procenti 0,15 % apmērā par katru dienu. Rēķini portālā ir pieejami piecus gadus.',
        },
        en: {
          question: 'When will I receive my invoice and when is it due?',
          answer:
            'Invoices are sent between the 10th and the 15th of the month. Payment is due by the 20th of the month after the supply month.\n\n' +
            'Late payments incur interest of 0.15 % per day. Invoices remain available in the portal for five years.',
        },
        ru: {
          question: 'Когда я получу счёт и до какого числа его нужно оплатить?',
          answer:
            'Счета рассылаются с 10-го по 15-е число месяца. Оплатить счёт нужно до 20-го числа месяца, следующего за месяцем поставки.\n\n' +
            'За просроченный платёж начисляются проценты — 0,15 % в день. Счета доступны в портале в течение пяти лет.',
        },
      },
    },
    {
      id: 'invoices-pay',
      category: 'invoices',
      sortOrder: 40,
      text: {
        lv: {
          question: 'Kā samaksāt par gāzi?',
          answer:
            'Maksājiet ar pārskaitījumu internetbankā uz rēķinā norādīto kontu. Maksājuma mērķī norādiet abonenta numuru — tas ir norādīts rēķinā.\n\n' +
            'Ja rēķinā ir QR kods, to var noskenēt bankas lietotnē: maksājuma dati tiks aizpildīti automātiski. Portāla sadaļā „Rēķini” redzama maksājamā summa un iepriekšējie maksājumi.',
        },
        en: {
          question: 'How do I pay for gas?',
          answer:
            'Pay by bank transfer to the account shown on the invoice. Use your subscriber number, printed on the invoice, as the payment reference.\n\n' +
            'If the invoice has a QR code, scan it with your banking app and the payment details are filled in for you. The portal’s “Invoices” section shows the amount due and your earlier payments.',
        },
        ru: {
          question: 'Как оплатить газ?',
          answer:
            'Оплатите переводом в интернет-банке на счёт, указанный в счёте. В назначении платежа укажите номер абонента — он напечатан в счёте.\n\n' +
            'Если в счёте есть QR-код, отсканируйте его в приложении банка: реквизиты заполнятся автоматически. В разделе портала «Счета» видны сумма к оплате и прошлые платежи.',
        },
      },
    },
    {
      id: 'invoices-change-type',
      category: 'invoices',
      sortOrder: 50,
      text: {
        lv: {
          question: 'Kā mainīt norēķinu veidu?',
          answer:
            'Lai pārietu no rēķiniem uz izlīdzināto maksājumu vai otrādi, nosūtiet ziņojumu portāla sadaļā „Nosūtīt ziņojumu” (tēma — norēķinu veida maiņa) vai sazinieties ar klientu centru.\n\n' +
            'Pārejot uz izlīdzināto maksājumu, ikmēneša summu aprēķina pēc jūsu vidējā patēriņa; pārejot uz rēķiniem, par iepriekšējo periodu sagatavo noslēguma pārskatu.',
        },
        en: {
          question: 'How do I change my billing type?',
          answer:
            'To switch from invoices to balanced payment or back, send a message from the portal’s “Send a message” section (topic: billing type change) or contact the customer service centre.\n\n' +
            'When you switch to balanced payment, the monthly amount is set from your average consumption; when you switch to invoices, a closing statement is made for the period so far.',
        },
        ru: {
          question: 'Как изменить способ расчёта?',
          answer:
            'Чтобы перейти со счетов на выровненный платёж или обратно, отправьте сообщение в разделе портала «Отправить сообщение» (тема — смена способа расчёта) или обратитесь в центр обслуживания клиентов.\n\n' +
            'При переходе на выровненный платёж ежемесячная сумма рассчитывается по вашему среднему потреблению; при переходе на счета за прошедший период составляется заключительный отчёт.',
        },
      },
    },
    {
      id: 'invoices-kwh',
      category: 'invoices',
      sortOrder: 60,
      text: {
        lv: {
          question: 'Kāpēc rēķinā ir kilovatstundas, ja skaitītājs rāda kubikmetrus?',
          answer:
            'Gāzes cenu nosaka par enerģiju (kWh). Kubikmetrus pārrēķina kilovatstundās, reizinot tos ar gāzes augstāko siltumspēju, ko katru mēnesi publicē sadales sistēmas operators.\n\n' +
            'Izmantotā siltumspēja un rādījumi (faktiskie vai novērtētie) ir norādīti rēķinā.',
        },
        en: {
          question: 'Why does my invoice show kilowatt-hours when the meter shows cubic metres?',
          answer:
            'Gas is priced by energy (kWh). Cubic metres are converted to kilowatt-hours by multiplying them by the gross calorific value of the gas, which the distribution system operator publishes every month.\n\n' +
            'The calorific value and the readings used (actual or estimated) are shown on the invoice.',
        },
        ru: {
          question: 'Почему в счёте киловатт-часы, если счётчик показывает кубометры?',
          answer:
            'Цена газа устанавливается за энергию (кВт·ч). Кубометры переводятся в киловатт-часы умножением на высшую теплоту сгорания газа, которую ежемесячно публикует оператор системы распределения.\n\n' +
            'Использованная теплота сгорания и показания (фактические или расчётные) указаны в счёте.',
        },
      },
    },
    // --- Sign-in and profile ------------------------------------------------------------------
    {
      id: 'profile-first-sign-in',
      category: 'profile',
      sortOrder: 10,
      text: {
        lv: {
          question: 'Kā pirmo reizi pieslēgties portālam?',
          answer:
            'Pieslēdzieties ar internetbanku vai eParakstu — atsevišķa reģistrācija nav vajadzīga. Ja lietojāt iepriekšējo portālu, atkārtoti reģistrēties nav nepieciešams.\n\n' +
            'Ja jūsu profilu izveidoja klientu centra darbinieks, pieslēdzieties ar e-pastu un pagaidu paroli no vēstules, ko saņēmāt.\n\n' +
            'Pirmajā pieslēgšanās reizē vispirms jāapstiprina vai jāatjauno kontaktinformācija.',
        },
        en: {
          question: 'How do I sign in to the portal for the first time?',
          answer:
            'Sign in with your internet bank or eParaksts; no separate registration is needed. If you used the previous portal, you do not need to register again.\n\n' +
            'If your profile was created by a customer service agent, sign in with your e-mail address and the temporary password from the letter you received.\n\n' +
            'On your first sign-in you will first be asked to confirm or update your contact details.',
        },
        ru: {
          question: 'Как впервые войти в портал?',
          answer:
            'Войдите через интернет-банк или eParaksts — отдельная регистрация не нужна. Если вы пользовались прежним порталом, регистрироваться заново не нужно.\n\n' +
            'Если ваш профиль создал сотрудник центра обслуживания, войдите с адресом электронной почты и временным паролем из полученного письма.\n\n' +
            'При первом входе сначала нужно подтвердить или обновить контактные данные.',
        },
      },
    },
    {
      id: 'profile-temporary-password',
      category: 'profile',
      sortOrder: 20,
      text: {
        lv: {
          question: 'Ko darīt ar pagaidu paroli no vēstules?',
          answer:
            'Pagaidu parole der tikai pirmajai pieslēgšanās reizei. Pēc pieslēgšanās portāls lūgs izvēlēties jaunu paroli, pēc tam — apstiprināt e-pastu, tālruni, saziņas valodu un piekrišanu piedāvājumu saņemšanai.\n\n' +
            'Ja pagaidu parole ir nozaudēta vai vairs nedarbojas, klientu centrs var izveidot jaunu.',
        },
        en: {
          question: 'What do I do with the temporary password from the letter?',
          answer:
            'The temporary password works for the first sign-in only. After signing in, the portal asks you to choose a new password and then to confirm your e-mail, phone, language and whether you want to receive offers.\n\n' +
            'If the temporary password is lost or no longer works, the customer service centre can issue a new one.',
        },
        ru: {
          question: 'Что делать с временным паролем из письма?',
          answer:
            'Временный пароль действует только для первого входа. После входа портал попросит выбрать новый пароль, а затем подтвердить электронную почту, телефон, язык общения и согласие на получение предложений.\n\n' +
            'Если временный пароль утерян или больше не действует, центр обслуживания может выдать новый.',
        },
      },
    },
    {
      id: 'profile-password-reset',
      category: 'profile',
      sortOrder: 30,
      text: {
        lv: {
          question: 'Aizmirsu paroli vai pieslēgšanās ir bloķēta. Ko darīt?',
          answer:
            'Pieslēgšanās lapā izvēlieties „Aizmirsu paroli”: uz jūsu e-pastu tiks nosūtīta saite jaunas paroles izveidei.\n\n' +
            'Pēc vairākām nepareizām parolēm pēc kārtas pieslēgšanās uz laiku tiek bloķēta. Pagaidiet un mēģiniet vēlreiz vai pieslēdzieties ar internetbanku vai eParakstu.',
        },
        en: {
          question: 'I forgot my password or my sign-in is blocked. What now?',
          answer:
            'On the sign-in page choose “Forgot password”: a link to set a new password is sent to your e-mail address.\n\n' +
            'After several wrong passwords in a row, sign-in is blocked for a while. Wait and try again, or sign in with your internet bank or eParaksts.',
        },
        ru: {
          question: 'Я забыл пароль или вход заблокирован. Что делать?',
          answer:
            'На странице входа выберите «Забыли пароль?»: на вашу электронную почту придёт ссылка для создания нового пароля.\n\n' +
            'После нескольких неверных паролей подряд вход временно блокируется. Подождите и попробуйте снова или войдите через интернет-банк или eParaksts.',
        },
      },
    },
    {
      id: 'profile-consents',
      category: 'profile',
      sortOrder: 40,
      text: {
        lv: {
          question: 'Kā mainīt kontaktinformāciju vai atteikties no piedāvājumiem?',
          answer:
            'Portāla sadaļā „Profils” varat mainīt e-pastu, tālruni, paroli un piekrišanu īpašo piedāvājumu saņemšanai — katram saziņas kanālam atsevišķi (e-pasts, SMS, tālrunis, pasts).\n\n' +
            'Atteikšanās no piedāvājumiem stājas spēkā uzreiz.',
        },
        en: {
          question: 'How do I change my contact details or stop receiving offers?',
          answer:
            'In the portal’s “Profile” section you can change your e-mail, phone, password and your consent to special offers, for each channel separately (e-mail, SMS, phone, post).\n\n' +
            'Withdrawing your consent takes effect at once.',
        },
        ru: {
          question: 'Как изменить контактные данные или отказаться от предложений?',
          answer:
            'В разделе портала «Профиль» можно изменить электронную почту, телефон, пароль и согласие на получение специальных предложений — отдельно для каждого канала (электронная почта, SMS, телефон, почта).\n\n' +
            'Отказ от предложений вступает в силу сразу.',
        },
      },
    },
    // --- Users and rights ---------------------------------------------------------------------
    {
      id: 'users-add',
      category: 'users',
      sortOrder: 10,
      text: {
        lv: {
          question: 'Kā pievienot citu lietotāju, piemēram, ģimenes locekli?',
          answer:
            'Portāla sadaļā „Lietotāji” ievadiet lietotāja e-pastu un katram objektam izvēlieties tiesības: skatīt rēķinus, iesniegt rādījumus, maksāt.\n\n' +
            'Dažas tiesības stājas spēkā tikai pēc apstiprināšanas — līdz tam pieprasījums ir redzams kā gaidošs.',
        },
        en: {
          question: 'How do I add another user, such as a family member?',
          answer:
            'In the portal’s “Users” section enter the user’s e-mail address and choose their rights for each premise: view invoices, submit readings, pay.\n\n' +
            'Some rights take effect only after approval; until then the request is shown as pending.',
        },
        ru: {
          question: 'Как добавить другого пользователя, например члена семьи?',
          answer:
            'В разделе портала «Пользователи» введите адрес электронной почты пользователя и выберите права для каждого объекта: просмотр счетов, подача показаний, оплата.\n\n' +
            'Некоторые права вступают в силу только после одобрения — до этого запрос отображается как ожидающий.',
        },
      },
    },
    {
      id: 'users-revoke',
      category: 'users',
      sortOrder: 20,
      text: {
        lv: {
          question: 'Kā mainīt vai atsaukt lietotāja tiesības?',
          answer:
            'Sadaļā „Lietotāji” atveriet lietotāju un mainiet tiesības katram objektam vai atsauciet tās pavisam. Atsaukšana stājas spēkā uzreiz: lietotājs vairs neredz objekta datus.\n\n' +
            'Lietotājus var pievienot un mainīt tikai līguma turētājs.',
        },
        en: {
          question: 'How do I change or remove a user’s rights?',
          answer:
            'In the “Users” section open the user and change their rights for each premise, or revoke them altogether. Revoking takes effect at once: the user no longer sees that premise.\n\n' +
            'Only the contract holder can add and change users.',
        },
        ru: {
          question: 'Как изменить или отозвать права пользователя?',
          answer:
            'В разделе «Пользователи» откройте пользователя и измените его права для каждого объекта или отзовите их полностью. Отзыв действует сразу: пользователь больше не видит данные объекта.\n\n' +
            'Добавлять и изменять пользователей может только владелец договора.',
        },
      },
    },
    // --- Messages and documents ---------------------------------------------------------------
    {
      id: 'messages-signed-documents',
      category: 'messages',
      sortOrder: 10,
      text: {
        lv: {
          question: 'Kā iesniegt elektroniski parakstītu dokumentu?',
          answer:
            'Portāla sadaļā „Nosūtīt ziņojumu” pievienojiet dokumentu, kas parakstīts ar eParakstu (.edoc, .asice vai .bdoc fails), vai PDF failu ar drošu elektronisko parakstu.\n\n' +
            'Parakstu pārbaudām automātiski, tiklīdz dokuments ir saņemts. Ieskenēts dokuments ar roku rakstītu parakstu nav elektroniski parakstīts dokuments.',
        },
        en: {
          question: 'How do I send an electronically signed document?',
          answer:
            'In the portal’s “Send a message” section attach a document signed with eParaksts (an .edoc, .asice or .bdoc file) or a PDF with a qualified electronic signature.\n\n' +
            'We check the signature automatically as soon as the document arrives. A scan of a document signed by hand is not an electronically signed document.',
        },
        ru: {
          question: 'Как отправить документ с электронной подписью?',
          answer:
            'В разделе портала «Отправить сообщение» приложите документ, подписанный через eParaksts (файл .edoc, .asice или .bdoc), или PDF-файл с квалифицированной электронной подписью.\n\n' +
            'Подпись проверяется автоматически сразу после получения документа. Скан документа, подписанного от руки, не является электронно подписанным документом.',
        },
      },
    },
    {
      id: 'messages-document-rejected',
      category: 'messages',
      sortOrder: 20,
      text: {
        lv: {
          question: 'Kāpēc mans parakstītais dokuments netika pieņemts?',
          answer:
            'Biežākie iemesli: paraksts neatbilst dokumentam (fails mainīts pēc parakstīšanas); parakstītāja sertifikāts parakstīšanas brīdī nebija derīgs; fails nav parakstīts vai tajā ir tikai paraksts bez dokumenta.\n\n' +
            'Atbildē norādām iemeslu. Parakstiet dokumentu vēlreiz, piemēram, portālā eParaksts.lv, un nosūtiet to atkārtoti.',
        },
        en: {
          question: 'Why was my signed document not accepted?',
          answer:
            'The usual reasons: the signature does not match the document (the file was changed after signing); the signer’s certificate was not valid at the time of signing; the file is not signed, or holds only a signature without the document.\n\n' +
            'Our reply gives the reason. Sign the document again, for example on eParaksts.lv, and send it once more.',
        },
        ru: {
          question: 'Почему мой подписанный документ не приняли?',
          answer:
            'Чаще всего: подпись не соответствует документу (файл изменён после подписания); сертификат подписавшего был недействителен в момент подписания; файл не подписан или содержит только подпись без самого документа.\n\n' +
            'В ответе мы указываем причину. Подпишите документ заново, например на eParaksts.lv, и отправьте его ещё раз.',
        },
      },
    },
    {
      id: 'messages-moving',
      category: 'messages',
      sortOrder: 30,
      text: {
        lv: {
          question: 'Es pārceļos uz citu dzīvesvietu. Kas jādara?',
          answer:
            'Paziņojiet mums par pārcelšanos iepriekš — portāla sadaļā „Nosūtīt ziņojumu” vai klientu centrā — un norādiet izvākšanās datumu.\n\n' +
            'Izvākšanās dienā nolasiet skaitītāja rādījumu un iesniedziet to: šo rādījumu pieņem arī ārpus parastā ziņošanas perioda. Pēc tā sagatavosim noslēguma rēķinu vai pārskatu. Ja jaunajā dzīvesvietā arī ir gāze, noslēdziet līgumu par to; jaunais iemītnieks slēdz savu līgumu.',
        },
        en: {
          question: 'I am moving house. What do I need to do?',
          answer:
            'Tell us about the move in advance, from the portal’s “Send a message” section or at the customer service centre, and give the move-out date.\n\n' +
            'On the day you move out, read the meter and submit the reading: it is accepted outside the usual reading window. We base the final invoice or statement on it. If your new home has gas, make a contract for it; the new resident makes their own contract.',
        },
        ru: {
          question: 'Я переезжаю. Что нужно сделать?',
          answer:
            'Сообщите нам о переезде заранее — в разделе портала «Отправить сообщение» или в центре обслуживания клиентов — и укажите дату выезда.\n\n' +
            'В день выезда снимите показания счётчика и подайте их: такие показания принимаются и вне обычного периода подачи. По ним мы составим заключительный счёт или отчёт. Если в новом жилье есть газ, заключите договор на него; новый жилец заключает свой договор.',
        },
      },
    },
  ],
}
