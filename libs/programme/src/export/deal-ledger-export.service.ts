import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@techmatch/common';
import { type DealLedgerEntry, DealPaymentsService, LedgerEntryKind } from '@techmatch/deals';
import { type ExportParams, type ExportSource, ExportSources } from './export-sources.service.js';
import type { ExportColumn, ExportTable } from './export-table.js';

export const DEAL_LEDGER_EXPORT = 'deal-ledger';

const KIND_ZH: Record<string, string> = { CHARGE: '应收', PAYMENT: '收款' };

/** Integer fen as yuan with two decimals, in BigInt: no float ever touches money. */
export function fenToYuan(fen: string): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * A deal's ledger, entry by entry, with the running balance. Who may have it is DealPaymentsService's
 * rule (the deal's sides: its enterprise, its institution's researchers, brokers and admins).
 */
@Injectable()
export class DealLedgerExport implements ExportSource<DealLedgerEntry & { balanceFen: string }> {
  readonly name = DEAL_LEDGER_EXPORT;

  constructor(
    sources: ExportSources,
    private readonly payments: DealPaymentsService,
  ) {
    sources.register(this);
  }

  async authorize(ctx: RequestContext, params: ExportParams): Promise<void> {
    await this.payments.ledgerOf(ctx, String(params.dealId));
  }

  async open(
    ctx: RequestContext,
    params: ExportParams,
  ): Promise<ExportTable<DealLedgerEntry & { balanceFen: string }>> {
    const dealId = String(params.dealId);
    const entries = await this.payments.ledgerOf(ctx, dealId);
    let balance = 0n;
    const rows = entries.map((entry) => {
      balance +=
        entry.kind === LedgerEntryKind.CHARGE ? BigInt(entry.amountFen) : -BigInt(entry.amountFen);
      return { ...entry, balanceFen: balance.toString() };
    });
    return {
      name: `交易台账-${dealId.slice(0, 8)}`,
      sheet: '交易台账',
      columns: LEDGER_COLUMNS,
      rows,
    };
  }
}

const LEDGER_COLUMNS: Array<ExportColumn<DealLedgerEntry & { balanceFen: string }>> = [
  { header: '序号', value: (row) => row.sequence },
  { header: '类型', value: (row) => KIND_ZH[row.kind] ?? row.kind },
  { header: '金额（元）', value: (row) => fenToYuan(row.amountFen), width: 16 },
  { header: '金额（分）', value: (row) => row.amountFen, width: 16 },
  { header: '未付余额（元）', value: (row) => fenToYuan(row.balanceFen), width: 16 },
  { header: '分期编号', value: (row) => row.instalmentId, width: 38 },
  { header: '付款编号', value: (row) => row.paymentId, width: 38 },
  { header: '交易事件序号', value: (row) => row.eventSequence },
  { header: '发生时间', value: (row) => row.occurredAt, width: 20 },
];
