/**
 * The Postgres channel that announces committed notifications to every API replica, and the format
 * of its payloads: `[[notificationId, recipientId], ...]` as JSON. The recipient rides along so that
 * a replica loads only the notifications of users subscribed to it.
 */
export const NOTIFICATION_CHANNEL = 'techmatch_notifications';

/** One announced notification: its id and its recipient's id. */
export type Announcement = readonly [id: string, recipientId: string];

/**
 * Entries per NOTIFY. Postgres refuses payloads of 8,000 bytes or more; an entry is about 80 (two
 * uuids and JSON punctuation), so 80 entries stay well below the limit.
 */
export const ANNOUNCEMENTS_PER_NOTIFY = 80;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeAnnouncements(entries: readonly Announcement[]): string {
  return JSON.stringify(entries);
}

/** The well-formed entries of a payload; anything else on the channel is ignored, never thrown. */
export function decodeAnnouncements(payload: string | undefined): Announcement[] {
  if (!payload) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is Announcement =>
      Array.isArray(entry) &&
      entry.length === 2 &&
      entry.every((part) => typeof part === 'string' && UUID.test(part)),
  );
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` give one dedupe key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
