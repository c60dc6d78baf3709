import { InitialSchema1795766596199 } from './1795766596199-InitialSchema.js';
import { Catalogue1795768884558 } from './1795768884558-Catalogue.js';
import { Outbox1795770764441 } from './1795770764441-Outbox.js';
import { Matching1795776794572 } from './1795776794572-Matching.js';
import { Notifications1795776693965 } from './1795776693965-Notifications.js';
import { Deals1795779481230 } from './1795779481230-Deals.js';
import { DealScheduler1795787914135 } from './1795787914135-DealScheduler.js';
import { DealPayments1795787944291 } from './1795787944291-DealPayments.js';
import { ProgrammeReports1795791936293 } from './1795791936293-ProgrammeReports.js';
import { Sessions1795799580467 } from './1795799580467-Sessions.js';
import { ReportRollup1795799600000 } from './1795799600000-ReportRollup.js';
import { PublicReadsChanged1795799700000 } from './1795799700000-PublicReadsChanged.js';

/**
 * Every migration, in order. Listing them here (rather than globbing a folder) keeps compiled runs,
 * tests and the CLI identical. `migrations.spec.ts` fails if a migration file is missing here.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for this list
export const MIGRATIONS: Function[] = [
  InitialSchema1795766596199,
  Catalogue1795768884558,
  Outbox1795770764441,
  Notifications1795776693965,
  Matching1795776794572,
  Deals1795779481230,
  DealScheduler1795787914135,
  DealPayments1795787944291,
  ProgrammeReports1795791936293,
  Sessions1795799580467,
  ReportRollup1795799600000,
  PublicReadsChanged1795799700000,
];
