import { Injectable } from '@nestjs/common';
import { EnterprisesService, ResearchResultsService, type TechNeed } from '@techmatch/catalogue';
import { NotificationKind, NotificationsService } from '@techmatch/notifications';
import type { EntityManager } from 'typeorm';
import type { Match } from '../entities/match.entity.js';

/**
 * Tells the need's enterprise and the brokers about new matches worth a look, in the transaction
 * that stores them: no notification for a match that was rolled back. One notification per need
 * and recomputation, naming the best new match and how many there are, rather than one per pair:
 * a bulk import must not bury a broker's inbox.
 */
@Injectable()
export class MatchNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly enterprises: EnterprisesService,
    private readonly results: ResearchResultsService,
  ) {}

  async newMatches(em: EntityManager, need: TechNeed, matches: Match[]): Promise<void> {
    const best = [...matches].sort((a, b) => b.score - a.score)[0];
    if (!best) return;
    const [result] = await this.results.withInstitution([best.resultId]);
    const recipients = new Set([
      ...(await this.enterprises.memberUserIds(need.enterpriseId)),
      ...(await this.notifications.brokerUserIds(em)),
    ]);
    const score = best.score.toFixed(2);
    const more = matches.length - 1;
    const title = {
      zh: `需求「${need.title}」有新的高分匹配`,
      en: `New strong match for the need "${need.title}"`,
    };
    const body = {
      zh: `成果「${result?.title ?? ''}」匹配度 ${score}${more > 0 ? `，另有 ${more} 项新匹配` : ''}`,
      en: `"${result?.title ?? ''}" scores ${score}${more > 0 ? `, and ${more} more new match${more > 1 ? 'es' : ''}` : ''}`,
    };
    await this.notifications.notify(
      em,
      [...recipients].map((recipientId) => ({
        recipientId,
        kind: NotificationKind.MATCH_SUGGESTED,
        title,
        body,
        data: { needId: need.id, resultId: best.resultId, matchId: best.id, score: best.score },
      })),
    );
  }
}
