import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePatentNumber } from './patent-number.js';
import { isValidUscc } from './uscc.js';

export const IS_USCC = 'isUscc';
export const IS_PATENT_NUMBER = 'isPatentNumber';

interface Bilingual {
  zh: string;
  zhEach: string;
  en: string;
}

/**
 * One `中文|English` string, which the validation pipe splits on the first `|`. class-validator's
 * own `each value in` prefix would land before the Chinese half, so both halves say it themselves.
 * The Chinese half does not name the property: the pipe reports the field path beside it.
 */
function message(text: Bilingual, options?: ValidationOptions): string {
  return options?.each
    ? `${text.zhEach}|each value in $property ${text.en}`
    : `${text.zh}|$property ${text.en}`;
}

const USCC_RULE = '（18位数字或大写字母，末位校验码须符合 GB 32100-2015）';
const USCC_MESSAGE: Bilingual = {
  zh: `统一社会信用代码无效${USCC_RULE}`,
  zhEach: `列表中有无效的统一社会信用代码${USCC_RULE}`,
  en:
    'must be an 18-character unified social credit code (digits and capital letters) ' +
    'with a valid GB 32100-2015 check character',
};

const PATENT_RULE =
  '（应为中国专利申请号或专利号，如 202210635727.1、ZL201811564288.X，校验位须正确；' +
  '或公布/公告号，如 CN114911801A）';
const PATENT_MESSAGE: Bilingual = {
  zh: `专利号无效${PATENT_RULE}`,
  zhEach: `列表中有无效的专利号${PATENT_RULE}`,
  en:
    'must be a Chinese patent application or patent number with a valid check digit ' +
    '(e.g. 202210635727.1, ZL201811564288.X) or a publication number (e.g. CN114911801A)',
};

/**
 * A unified social credit code, checked strictly (upper case, no spaces). Normalise input with
 * `normaliseUscc` in a `@Transform` first, so that a code typed in lower case is not refused.
 */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_USCC,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidUscc(value),
        defaultMessage: () => message(USCC_MESSAGE, options),
      },
    },
    options,
  );
}

/**
 * A Chinese patent number in any form `parsePatentNumber` reads. It accepts unnormalised text, so
 * store `parsePatentNumber(value).normalised`, not the value as typed.
 */
export function IsPatentNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_PATENT_NUMBER,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parsePatentNumber(value) !== null,
        defaultMessage: () => message(PATENT_MESSAGE, options),
      },
    },
    options,
  );
}
