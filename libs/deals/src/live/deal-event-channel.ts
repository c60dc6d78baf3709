/**
 * The Postgres channel on which every committed deal event is announced, to every API replica. A
 * trigger on `deal_events` (migration DealScheduler) sends `["<dealId>", <sequence>]` for each row
 * inserted; Postgres delivers it at commit, so a rolled-back change announces nothing. Whoever
 * wrote the event (a party over GraphQL, the scheduler, a future payment), it is announced.
 */
export const DEAL_EVENT_CHANNEL = 'techmatch_deal_events';

export interface DealEventAnnouncement {
  dealId: string;
  sequence: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The announcement in a payload, or null for anything malformed (ignored, never thrown). */
export function decodeDealEventAnnouncement(
  payload: string | undefined,
): DealEventAnnouncement | null {
  if (!payload) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [dealId, sequence] = parsed as unknown[];
  if (typeof dealId !== 'string' || !UUID.test(dealId)) return null;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) return null;
  return { dealId: dealId.toLowerCase(), sequence };
}
