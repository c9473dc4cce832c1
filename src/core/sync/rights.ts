import type { DecisionError } from './decide/types'

export type AgentRole = 'agent' | 'supervisor'

/** Which roles may run each synced mutation; a name not listed here is allowed to nobody. */
export const MUTATION_ROLES: Readonly<Record<string, readonly AgentRole[]>> = {
  'customer.create': ['agent', 'supervisor'],
  'customer.updateContact': ['agent', 'supervisor'],
  'customer.setLanguage': ['agent', 'supervisor'],
  'consent.grant': ['agent', 'supervisor'],
  'consent.withdraw': ['agent', 'supervisor'],
  'consent.undo': ['agent', 'supervisor'],
  'reading.record': ['agent', 'supervisor'],
  'document.add': ['agent', 'supervisor'],
  'document.decide': ['agent', 'supervisor'],
  'portal.createLogin': ['agent', 'supervisor'],
  'portal.resetPassword': ['agent', 'supervisor'],
  'portal.lock': ['agent', 'supervisor'],
  'portal.unlock': ['agent', 'supervisor'],
  'portalUser.add': ['agent', 'supervisor'],
  'portalUser.setRights': ['agent', 'supervisor'],
  'portalUser.revoke': ['agent', 'supervisor'],
  'interaction.log': ['agent', 'supervisor'],
  'followUp.complete': ['agent', 'supervisor'],
}

/**
 * Authorisation as of the moment the central applies the mutation (offline work needs no token): an agent
 * who was deactivated or lost the role meanwhile gets `forbidden`, shown to a supervisor.
 */
export function authorise(
  agent: { role: AgentRole; active: boolean } | undefined,
  name: string,
): DecisionError | null {
  if (!agent)
    return {
      code: 'forbidden',
      messageKey: 'sync.protocol.rejected.forbidden',
      details: { reason: 'unknown-agent' },
    }
  if (!agent.active)
    return {
      code: 'forbidden',
      messageKey: 'sync.protocol.rejected.forbidden',
      details: { reason: 'agent-inactive' },
    }
  if (!(MUTATION_ROLES[name] ?? []).includes(agent.role))
    return {
      code: 'forbidden',
      messageKey: 'sync.protocol.rejected.forbidden',
      details: { reason: 'role', role: agent.role },
    }
  return null
}
