import { Injectable } from '@nestjs/common';
import { EnterprisesService, ResearchResultsService } from '@techmatch/catalogue';
import {
  type NotificationData,
  NotificationKind,
  NotificationsService,
} from '@techmatch/notifications';
import type { EntityManager } from 'typeorm';
import type { Deal } from '../entities/deal.entity.js';
import type { DealEventType } from '../entities/deal-enums.js';

/**
 * Tells a deal's people about a change, in the change's transaction (nothing is sent for a change
 * that rolled back): the enterprise's users, the researchers named on the result, and the deal's
 * broker (every broker while it has none). Whoever made the change is not told about it.
 */
@Injectable()
export class DealNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly enterprises: EnterprisesService,
    private readonly results: ResearchResultsService,
  ) {}

  /**
   * The enterprise's users and the result's researchers. Read before the change's transaction, on
   * purpose: these reads take a pooled connection of their own, and a transaction holding the
   * deal's row lock must never wait for one (50 callers queued on that lock can hold every
   * connection of the pool, and the lock holder would then wait for ever).
   */
  async audience(deal: Pick<Deal, 'enterpriseId' | 'resultId'>): Promise<string[]> {
    const researchers = deal.resultId ? await this.results.researchersOf([deal.resultId]) : [];
    return [
      ...(await this.enterprises.memberUserIds(deal.enterpriseId)),
      ...researchers.map((r) => r.userId),
    ];
  }

  async changed(
    em: EntityManager,
    deal: Deal,
    audience: string[],
    type: DealEventType,
    actorUserId: string | null,
  ): Promise<void> {
    const brokers = deal.brokerUserId
      ? [deal.brokerUserId]
      : await this.notifications.brokerUserIds(em);
    const recipients = new Set([...audience, ...brokers]);
    if (actorUserId) recipients.delete(actorUserId);
    // state and event are not NotificationData fields (GraphQL); the jsonb keeps them regardless.
    const data: NotificationData & { dealId: string; state: string; event: string } = {
      dealId: deal.id,
      state: deal.state,
      event: type,
      ...(deal.needId ? { needId: deal.needId } : {}),
      ...(deal.resultId ? { resultId: deal.resultId } : {}),
    };
    await this.notifications.notify(
      em,
      [...recipients].map((recipientId) => ({
        recipientId,
        kind: NotificationKind.DEAL_UPDATED,
        title: { zh: `交易「${deal.title}」有新进展`, en: `Deal "${deal.title}" was updated` },
        body: {
          zh: `${type}：当前状态 ${deal.state}（版本 ${deal.version}）`,
          en: `${type}: now ${deal.state} (version ${deal.version})`,
        },
        data,
      })),
    );
  }
}
