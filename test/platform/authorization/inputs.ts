import { randomUUID } from 'node:crypto';
import { applicationCheckDigit } from '@techmatch/catalogue';
import type { GraphQLResponse } from '../../utils/graphql-client.js';

// The inputs and small helpers the matrix's fixtures share.

export const NEED_A = {
  title: '数控机床主轴精密轴承技术需求',
  description: '企业拟提升数控机床主轴轴承精度与寿命，寻求成熟技术许可。',
  problem: '高速主轴轴承温升大，精度保持性差。',
  fieldCodes: ['0802'],
  keywords: ['轴承', '主轴', '数控机床'],
  modes: ['TRIAL_FIRST_LICENSE', 'LICENSE'],
};

export const RESULT_Y = {
  title: '数控机床主轴精密轴承寿命提升技术',
  summary: '面向数控机床高速主轴的精密轴承温升控制与精度保持技术，轴承寿命提升一倍。',
  confidentialDetail: '保密：预紧力曲线与润滑配方见附件三，未经许可不得披露。',
  fieldCodes: ['0802'],
  keywords: ['轴承', '主轴', '数控机床'],
  trl: 7,
  stage: 'INDUSTRIALISATION',
  modes: ['LICENSE', 'TRIAL_FIRST_LICENSE'],
};

let patentSerial = 9_000_000 + Math.floor(Math.random() * 900_000);
/** A valid CN invention application number, unique within this database. */
export function patentNumber(): string {
  const digits = `20251${String(patentSerial++).padStart(7, '0')}`;
  return `${digits}.${applicationCheckDigit(digits)}`;
}

export const patentInput = () => ({
  number: patentNumber(),
  kind: 'INVENTION',
  legalStatus: 'PENDING',
  title: '一种主轴轴承预紧装置',
});

export const unique = (): string => randomUUID().slice(0, 8);

/** A business date in China (UTC+8). */
export const chinaDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The fields of a response's one root field, or an error naming what failed. */
export function ok<T>(response: GraphQLResponse<Record<string, T>>, field: string): T {
  const value = response.data?.[field];
  if (response.errors || value == null)
    throw new Error(`${field} failed: ${JSON.stringify(response.errors)}`);
  return value;
}
