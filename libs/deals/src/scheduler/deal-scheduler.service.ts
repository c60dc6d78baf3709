import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterprisesService } from '@techmatch/catalogue';
import { CLOCK, type Clock, type Environment } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { NotificationKind, NotificationsService } from '@techmatch/notifications';
import { DataSource, type EntityManager } from 'typeorm';
import { Deal } from '../entities/deal.entity.js';
import { DealSide, DealState } from '../entities/deal-enums.js';
import { snapshot } from '../services/deal-changes.service.js';
import { DealNotifier } from '../services/deal-notifier.service.js';
import { DealsService } from '../services/deals.service.js';
import { DealAction } from '../state/deal-transitions.js';
import { DealReminder } from './deal-reminder.entity.js';
import {
  daysLeft,
  isDueFor,
  parseReminderDays,
  reminderDueAt,
  reminderIsDue,
  type ScheduledStep,
  shuffled,
} from './trial-schedule.js';

/** Due deals (or reminders) looked at per query; a sweep goes on while batches come back full. */
const BATCH = 100;

export interface SweepResult {
  trialsEnded: number;
  conversionsExpired: number;
  remindersSent: number;
}

interface DueDeal {
  id: string;
  enterpriseId: string;
  resultId: string | null;
}

interface DueReminder {
  dealId: string;
  enterpriseId: string;
  daysBefore: number;
}

/** Reads made before a transaction, once per sweep and key (many deals share an enterprise). */
class SweepCache {
  private readonly values = new Map<string, Promise<string[]>>();

  get(key: string, read: () => Promise<string[]>): Promise<string[]> {
    let value = this.values.get(key);
    if (!value) {
      value = read();
      this.values.set(key, value);
    }
    return value;
  }
}

/** A day in China's time zone, where the service's users are (2026-06-01). */
const chinaDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The deal scheduler, run in every API replica (DEAL_SCHEDULER; never in the CLI). Each sweep, with
 * `now` from the Clock:
 *
 * - reminds the enterprise's users and the broker (every broker while the deal has none) of a trial
 *   ending in DEAL_TRIAL_REMINDER_DAYS days (see `reminderIsDue` for late and stale reminders);
 * - ends trials whose end has come (END_TRIAL → CONVERSION_DUE, due `conversionGraceDays` after the
 *   trial's end);
 * - expires conversions still undecided at their due date (EXPIRE → EXPIRED), which frees the
 *   patents: EXPIRED holds no rights (RIGHTS_HOLDING_STATES).
 *
 * Replicas and overlapping sweeps never do anything twice. Each sweep lists due deals without
 * locking, reads what notifications need (pooled reads must come before a transaction that holds a
 * deal's lock: see DealNotifier.audience), then takes each deal in a transaction of its own with
 * `FOR UPDATE SKIP LOCKED` (a deal another replica holds is skipped, not waited for) and re-checks
 * on the locked row that the move is still due. The move is `DealsService.applyStep`, as for a
 * party's move: version bumped, one event (side SYSTEM, no user), notifications. A reminder takes
 * the deal `FOR SHARE SKIP LOCKED` (no move can commit under it) and inserts its `deal_reminders`
 * row, keyed by deal and day, with its notifications: a second insert of the key waits for the
 * first and then inserts, and so sends, nothing. A deal that fails is logged and left for the next
 * sweep; the others go on.
 */
@Injectable()
export class DealScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DealScheduler.name);
  private readonly reminderDays: number[];
  private readonly intervalMs: number;
  private running = false;
  private stopRequested = false;
  private loop: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly deals: DealsService,
    private readonly notifier: DealNotifier,
    private readonly notifications: NotificationsService,
    private readonly enterprises: EnterprisesService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: ConfigService<Environment, true>,
  ) {
    this.reminderDays = parseReminderDays(
      settings.get('DEAL_TRIAL_REMINDER_DAYS', { infer: true }),
    );
    this.intervalMs = settings.get('DEAL_SCHEDULER_INTERVAL_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (!this.settings.get('DEAL_SCHEDULER', { infer: true })) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopRequested = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /** One sweep at the Clock's current time; safe to run alongside others, here or elsewhere. */
  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const cache = new SweepCache();
    const result: SweepResult = {
      remindersSent: await this.sendReminders(now, cache),
      trialsEnded: await this.moveDue('END_TRIAL', now, cache),
      // After the trials: a deal whose grace period passed during downtime goes on in this sweep.
      conversionsExpired: await this.moveDue('EXPIRE', now, cache),
    };
    // One line per sweep that did something; the replicas spec adds these up per process.
    if (result.trialsEnded + result.conversionsExpired + result.remindersSent > 0)
      this.logger.log(
        `Deal scheduler sweep: ${result.trialsEnded} trials ended, ` +
          `${result.conversionsExpired} conversions expired, ${result.remindersSent} reminders sent`,
      );
    return result;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.sweep();
      } catch (error) {
        // The database unreachable, say: the due deals stay due for the next sweep.
        this.logger.warn(`Deal scheduler sweep failed: ${(error as Error).message}`);
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.intervalMs);
      });
    }
  }

  /** Works through the due deals batch by batch; stops when a batch gave this replica nothing. */
  private async moveDue(step: ScheduledStep, now: Date, cache: SweepCache): Promise<number> {
    let moved = 0;
    while (!this.stopRequested) {
      const due = await this.dueDeals(step, now);
      let mine = 0;
      for (const candidate of shuffled(due)) {
        if (this.stopRequested) break;
        try {
          if (await this.move(step, candidate, now, cache)) mine++;
        } catch (error) {
          this.logger.warn(`${step} of deal ${candidate.id} failed: ${(error as Error).message}`);
        }
      }
      moved += mine;
      if (due.length < BATCH || mine === 0) break;
    }
    return moved;
  }

  private async dueDeals(step: ScheduledStep, now: Date): Promise<DueDeal[]> {
    const [state, column] =
      step === 'END_TRIAL'
        ? [DealState.TRIAL_ACTIVE, 'trial_ends_at']
        : [DealState.CONVERSION_DUE, 'conversion_due_by'];
    const rows = await this.dataSource.query<
      Array<{ id: string; enterprise_id: string; result_id: string | null }>
    >(
      `SELECT id, enterprise_id, result_id FROM deals
        WHERE state = $1 AND ${column} <= $2
        ORDER BY ${column}, id LIMIT $3`,
      [state, now, BATCH],
    );
    return rows.map((row) => ({
      id: row.id,
      enterpriseId: row.enterprise_id,
      resultId: row.result_id,
    }));
  }

  /** One deal, if it is still due and no one else holds it: true when this call moved it. */
  private async move(
    step: ScheduledStep,
    candidate: DueDeal,
    now: Date,
    cache: SweepCache,
  ): Promise<boolean> {
    const audience = await cache.get(
      `audience:${candidate.enterpriseId}:${candidate.resultId}`,
      () => this.notifier.audience(candidate),
    );
    return this.tx.run(async (em) => {
      const deal = await this.claim(em, candidate.id, 'pessimistic_write');
      if (!deal || !isDueFor(step, deal, now)) return false;
      await this.deals.applyStep(
        em,
        { deal, side: DealSide.SYSTEM, before: snapshot(deal) },
        step === 'END_TRIAL' ? DealAction.END_TRIAL : DealAction.EXPIRE,
        { actorUserId: null, note: null, audience },
      );
      return true;
    });
  }

  /** The deal row locked for this transaction, or null if another transaction holds it. */
  private claim(
    em: EntityManager,
    dealId: string,
    mode: 'pessimistic_write' | 'pessimistic_read',
  ): Promise<Deal | null> {
    return em
      .getRepository(Deal)
      .createQueryBuilder('deal')
      .setLock(mode)
      .setOnLocked('skip_locked')
      .where('deal.id = :dealId', { dealId })
      .getOne();
  }

  private async sendReminders(now: Date, cache: SweepCache): Promise<number> {
    if (this.reminderDays.length === 0) return 0;
    let sent = 0;
    while (!this.stopRequested) {
      const due = await this.dueReminders(now);
      let mine = 0;
      for (const candidate of shuffled(due)) {
        if (this.stopRequested) break;
        try {
          if (await this.remind(candidate, now, cache)) mine++;
        } catch (error) {
          this.logger.warn(
            `Reminder ${candidate.daysBefore} of deal ${candidate.dealId} failed: ${(error as Error).message}`,
          );
        }
      }
      sent += mine;
      if (due.length < BATCH || mine === 0) break;
    }
    return sent;
  }

  /** Reminders due and not yet sent, by the same rule as `reminderIsDue` (re-checked when locked). */
  private async dueReminders(now: Date): Promise<DueReminder[]> {
    const rows = await this.dataSource.query<
      Array<{ deal_id: string; enterprise_id: string; days_before: number }>
    >(
      `SELECT d.id AS deal_id, d.enterprise_id, r.days_before
         FROM deals d
        CROSS JOIN unnest($2::int[]) AS r(days_before)
        WHERE d.state = $3
          AND d.trial_ends_at > $1
          AND d.trial_ends_at - make_interval(secs => r.days_before * 86400) <= $1
          AND d.trial_ends_at - make_interval(secs => r.days_before * 86400) > d.trial_started_at
          AND NOT EXISTS (SELECT 1 FROM deal_reminders sent
                           WHERE sent.deal_id = d.id AND sent.days_before = r.days_before)
        ORDER BY d.trial_ends_at, d.id, r.days_before DESC
        LIMIT $4`,
      [now, this.reminderDays, DealState.TRIAL_ACTIVE, BATCH],
    );
    return rows.map((row) => ({
      dealId: row.deal_id,
      enterpriseId: row.enterprise_id,
      daysBefore: row.days_before,
    }));
  }

  private async remind(candidate: DueReminder, now: Date, cache: SweepCache): Promise<boolean> {
    const members = await cache.get(`members:${candidate.enterpriseId}`, () =>
      this.enterprises.memberUserIds(candidate.enterpriseId),
    );
    return this.tx.run(async (em) => {
      const deal = await this.claim(em, candidate.dealId, 'pessimistic_read');
      const trialEndsAt = deal?.trialEndsAt;
      if (!deal || !trialEndsAt || !reminderIsDue(deal, candidate.daysBefore, now)) return false;
      const brokers = deal.brokerUserId
        ? [deal.brokerUserId]
        : await this.notifications.brokerUserIds(em);
      const recipients = [...new Set([...members, ...brokers])];
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(DealReminder)
        .values({
          dealId: deal.id,
          daysBefore: candidate.daysBefore,
          dueAt: reminderDueAt(trialEndsAt, candidate.daysBefore),
          sentAt: now,
          recipientCount: recipients.length,
        })
        .orIgnore()
        .returning(['deal_id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return false;
      const left = daysLeft(trialEndsAt, now);
      const endsOn = chinaDate(trialEndsAt);
      await this.notifications.notify(
        em,
        recipients.map((recipientId) => ({
          recipientId,
          kind: NotificationKind.DEAL_TRIAL_ENDING,
          title: {
            zh: `交易「${deal.title}」的试用期还剩 ${left} 天`,
            en: `The trial of deal "${deal.title}" ends in ${left} day${left === 1 ? '' : 's'}`,
          },
          body: {
            zh: `试用期将于 ${endsOn} 结束。请在此之前决定转为付费许可或退还专利。`,
            en: `The trial ends on ${endsOn}. Decide before then whether to convert to a paid licence or return the patents.`,
          },
          data: {
            dealId: deal.id,
            daysBefore: candidate.daysBefore,
            trialEndsAt: trialEndsAt.toISOString(),
          },
        })),
      );
      return true;
    });
  }
}
