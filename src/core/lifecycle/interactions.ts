/**
 * The interaction log: every call, visit, e-mail and letter with its channel, direction, topic, outcome
 * and a free-text summary, and the follow-up it needs. Codes are stable (locale keys under
 * `lifecycle.interaction.*`); the channels are the readings' contact channels.
 */
import { daysBetween } from '../calendar/dates'
import { rigaToday, toEpochMs, toIsoInstant, type Instant } from '../calendar/riga-time'
import { READING_CHANNELS } from '../readings/types'
import { validateFollowUp, type FollowUp, type FollowUpContext, type FollowUpInput } from './follow-ups'
import { checked, problem, type Checked, type Problem } from './problems'

export const INTERACTION_CHANNELS = READING_CHANNELS
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number]
export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number]
export const INTERACTION_TOPICS = [
  'reading',
  'invoice',
  'payment',
  'payment-plan',
  'move-in',
  'move-out',
  'meter',
  'contract',
  'billing-type',
  'personal-data',
  'complaint',
  'other',
] as const
export type InteractionTopic = (typeof INTERACTION_TOPICS)[number]
export const INTERACTION_OUTCOMES = [
  'resolved',
  'information-given',
  'follow-up',
  'escalated',
  'no-answer',
  'left-message',
] as const
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number]

/** Outcomes only an outgoing call can have. */
const OUTBOUND_CALL_ONLY: readonly InteractionOutcome[] = ['no-answer', 'left-message']
export const MAX_SUMMARY = 2000
/** An interaction is logged when it happens; one older than this is a note, not a log entry. */
export const MAX_BACKDATE_DAYS = 30

export interface InteractionInput {
  channel: string
  direction: string
  topic: string
  outcome: string
  summary: string
  occurredAt: Instant
  now: Instant
  followUp?: FollowUpInput | null
}

export interface Interaction {
  channel: InteractionChannel
  direction: InteractionDirection
  topic: InteractionTopic
  outcome: InteractionOutcome
  summary: string
  occurredAt: string
  occurredOn: string
  followUp: FollowUp | null
}

const oneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v)

/** NFC, Windows line ends made plain, trailing spaces per line and blank ends trimmed; tabs and newlines kept. */
export function tidySummary(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim()
}

export function validateInteraction(
  input: InteractionInput,
  ctx: Omit<FollowUpContext, 'today'>,
): Checked<Interaction> {
  const problems: Problem[] = []
  const { channel, direction, topic, outcome } = input
  if (!oneOf(INTERACTION_CHANNELS, channel)) problems.push(problem('unknown-channel', 'channel'))
  if (!oneOf(INTERACTION_DIRECTIONS, direction)) problems.push(problem('unknown-direction', 'direction'))
  if (!oneOf(INTERACTION_TOPICS, topic)) problems.push(problem('unknown-topic', 'topic'))
  if (!oneOf(INTERACTION_OUTCOMES, outcome)) problems.push(problem('unknown-outcome', 'outcome'))
  else if (OUTBOUND_CALL_ONLY.includes(outcome) && !(channel === 'phone' && direction === 'outbound'))
    problems.push(problem('outcome-not-for-channel', 'outcome', { outcome }))

  const summary = tidySummary(input.summary)
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/u.test(summary))
    problems.push(problem('summary-control-characters', 'summary'))
  if (summary === '') problems.push(problem('summary-required', 'summary'))
  else if ([...summary].length > MAX_SUMMARY)
    problems.push(problem('summary-too-long', 'summary', { max: MAX_SUMMARY }))

  const at = toEpochMs(input.occurredAt)
  const today = rigaToday(input.now)
  const on = rigaToday(at)
  if (at > toEpochMs(input.now)) problems.push(problem('occurred-in-future', 'occurredAt'))
  else if (daysBetween(on, today) > MAX_BACKDATE_DAYS)
    problems.push(problem('occurred-too-long-ago', 'occurredAt', { max: MAX_BACKDATE_DAYS }))

  let followUp: FollowUp | null = null
  if (outcome === 'follow-up' && !input.followUp) problems.push(problem('follow-up-required', 'followUp'))
  if (input.followUp) {
    const f = validateFollowUp(input.followUp, topic, { ...ctx, today })
    if (f.ok) followUp = f.value
    else problems.push(...f.problems.map((p) => ({ ...p, field: `followUp.${p.field}` })))
  }
  return checked(problems, () => ({
    channel: channel as InteractionChannel,
    direction: direction as InteractionDirection,
    topic: topic as InteractionTopic,
    outcome: outcome as InteractionOutcome,
    summary,
    occurredAt: toIsoInstant(at),
    occurredOn: on,
    followUp,
  }))
}
