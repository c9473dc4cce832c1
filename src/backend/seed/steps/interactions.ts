import { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter } from '../../../core/calendar'
import { DEFAULT_FOLLOW_UPS } from '../../../core/reference/follow-ups-default'
import { BulkInsert } from '../bulk'
import type { SeedContext, SeedStep } from '../context'
import { addDays } from '../../../core/calendar'
import { instantOn } from '../context'

type Topic = 'reading' | 'invoice' | 'payment' | 'meter' | 'billing-type' | 'complaint' | 'move-out'

/** What an agent would type, in the agent's language (Olga writes Russian). */
const SUMMARIES: Record<Topic, { lv: string; ru: string }> = {
  reading: {
    lv: 'Klients nosauca rādījumu pa tālruni, ievadīts.',
    ru: 'Клиент продиктовал показание, внесено.',
  },
  invoice: {
    lv: 'Jautā, kāpēc rēķins lielāks nekā pērn; paskaidrots par apkures sezonu.',
    ru: 'Спрашивает, почему счёт больше прошлогоднего; объяснено про отопительный сезон.',
  },
  payment: { lv: 'Maksājums nav redzams; lūdz pārbaudīt.', ru: 'Платёж не виден; просит проверить.' },
  meter: {
    lv: 'Skaitītājam bojāts plombējums, jāsazinās ar ST.',
    ru: 'Повреждена пломба счётчика, связаться с ОСР.',
  },
  'billing-type': {
    lv: 'Vēlas pāriet uz izlīdzināto maksājumu no nākamā mēneša.',
    ru: 'Хочет перейти на выровненный платёж со следующего месяца.',
  },
  complaint: {
    lv: 'Sūdzība par aprēķināto patēriņu, lūdz pārrēķinu.',
    ru: 'Жалоба на начисленное потребление, просит перерасчёт.',
  },
  'move-out': {
    lv: 'Izvākšanās 30. datumā, gala rādījums tiks iesniegts.',
    ru: 'Выезд 30-го, конечное показание будет подано.',
  },
}
const TOPICS = Object.keys(SUMMARIES) as Topic[]
/** The first follow-ups are due today (when it is a working day), so every demo queue shows something. */
const DUE_TODAY_FIRST = 12

const INTERACTION_HEAD = `INSERT INTO interactions (id, customer_id, channel, direction, topic, outcome, summary,
  occurred_at, agent_id, created_at) VALUES`
const FOLLOW_UP_HEAD = `INSERT INTO follow_ups (id, interaction_id, customer_id, assignee_agent_id, assignee_team_id,
  due_date, note, status, created_by, created_at, done_by, done_at) VALUES`

/**
 * Interactions for about one customer in twenty-five (1-3 each, within the 30 days an interaction may be
 * logged back), about a third with a follow-up: due the topic's working days later (core calendar and
 * reference data); what was due before today is mostly done, the rest is in a demo agent's (or the
 * billing team's) queue. A few estimates are flagged for re-assessment, as a later lower actual reading
 * would flag them, so each of the home page's queues has something to show.
 */
export const interactionsStep: SeedStep = {
  name: 'interactions',
  summary: 'interaction log and follow-ups',
  run(ctx: SeedContext) {
    const { db } = ctx
    const today = ctx.options.today
    const rng = ctx.rng('interactions')
    const nextInteraction = ctx.ids('interactions')
    const nextFollowUp = ctx.ids('follow_ups')
    const agents = ctx.agents
    const interactions = new BulkInsert(db, INTERACTION_HEAD, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const followUps = new BulkInsert(db, FOLLOW_UP_HEAD, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    let made = 0
    ctx.eachPage<{ _r: number; id: string }>('SELECT rid AS _r, id FROM customers', (rows) => {
      for (const c of rows) {
        if (!rng.chance(0.04)) continue
        const n = rng.int(1, 3)
        for (let k = 0; k < n; k++) {
          const agent = agents[rng.int(0, agents.length - 1)]
          const topic = rng.pick(TOPICS)
          const channel = rng.weighted([
            ['phone', 60],
            ['visit', 20],
            ['email', 15],
            ['letter', 5],
          ] as const)
          const on = addDays(today, -rng.int(1, 29))
          const at = instantOn(on, rng.int(420, 1000))
          const wantsFollowUp = rng.chance(0.35) || made < DUE_TODAY_FIRST
          const id = nextInteraction()
          interactions.add(
            id,
            c.id,
            channel,
            channel === 'letter' || rng.chance(0.8) ? 'inbound' : 'outbound',
            topic,
            wantsFollowUp ? 'follow-up' : rng.pick(['resolved', 'information-given'] as const),
            SUMMARIES[topic][agent.language === 'ru' ? 'ru' : 'lv'],
            at,
            agent.id,
            at,
          )
          if (!wantsFollowUp) continue
          const days = DEFAULT_FOLLOW_UPS.workingDaysByTopic[topic] ?? DEFAULT_FOLLOW_UPS.defaultWorkingDays
          const due =
            made < DUE_TODAY_FIRST && isWorkingDay(today)
              ? today
              : addWorkingDays(nextWorkingDayOnOrAfter(on), days)
          const toTeam = (topic === 'invoice' || topic === 'payment') && rng.chance(0.5)
          const owner = agents[made % agents.length]
          const done = due < today && rng.chance(0.7)
          followUps.add(
            nextFollowUp(),
            id,
            c.id,
            toTeam ? null : owner.id,
            toTeam ? 'team-billing' : null,
            due,
            '',
            done ? 'done' : 'open',
            agent.id,
            at,
            done ? owner.id : null,
            done ? instantOn(due, rng.int(1001, 1200)) : null,
          )
          made++
        }
      }
      interactions.flush()
      followUps.flush()
    })
    // About one estimate in 400 (at least three) waits for re-assessment, as a later lower actual reading
    // would flag it; chosen by rowid, which the seeder assigns in a fixed order.
    db.prepare(
      `UPDATE readings SET flags = json_set(coalesce(flags, '{}'), '$.reassess', json('true'))
       WHERE status = 'estimated' AND (rowid % 397 = 0 OR rowid IN (
         SELECT rowid FROM readings WHERE status = 'estimated' ORDER BY rowid LIMIT 3))`,
    ).run()
  },
}
