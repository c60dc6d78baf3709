import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type {
  CultivationTier,
  EnterpriseQualification,
  PatentKind,
  PatentLegalStatus,
  ResultLevel,
  ResultStage,
  TransferMode,
} from '@techmatch/catalogue';

/** The shapes of the files in demo/data (see demo/data/README.md and scripts/generate-demo-data.mjs). */
export interface DemoResult {
  key: string;
  title: string;
  summary: string;
  keywords: string[];
  discipline: string;
  category: string;
  institution: string;
  trl: number;
  stage: ResultStage;
  level: ResultLevel;
  modes: TransferMode[];
  priceMinYuan: number | null;
  priceMaxYuan: number | null;
  serviceInvention: boolean;
  confidentialDetail: string;
  patents: Array<{
    number: string;
    kind: PatentKind;
    title: string;
    legalStatus: PatentLegalStatus;
    filedOn: string | null;
    grantedOn: string | null;
    expiresOn: string | null;
    openLicence: boolean;
    openLicenceFeeYuan: number | null;
  }>;
}

export interface DemoEnterprise {
  key: string;
  name: string;
  uscc: string;
  divisionCode: string;
  industryCode: string;
  qualifications: EnterpriseQualification[];
  cultivationTier: CultivationTier | null;
  contactName: string | null;
  contactPhone: string | null;
}

export interface DemoNeed {
  key: string;
  enterpriseKey: string;
  title: string;
  description: string;
  problem: string;
  fieldDisciplines: string[];
  keywords: string[];
  minTrl: number | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  deadlineInDays: number;
  modes: TransferMode[];
}

/** Reads one JSON Lines file of demo/data, streamed (the results file is about a megabyte). */
export async function readDemoFile<T>(file: string): Promise<T[]> {
  const rows: T[] = [];
  const lines = createInterface({
    input: createReadStream(join(import.meta.dirname, 'data', file)),
  });
  for await (const line of lines) if (line.trim()) rows.push(JSON.parse(line) as T);
  return rows;
}
