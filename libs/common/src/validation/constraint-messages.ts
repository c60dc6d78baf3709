import type { LocalizedMessage } from '../errors/localized-message.js';

/**
 * Chinese wording for class-validator's built-in constraints; the English comes from class-validator
 * itself. Domain validators (credit codes, patent numbers, ...) supply both languages themselves by
 * putting `zh|en` into their message, which `splitLocalized` reads.
 */
const ZH: Record<string, string> = {
  isDefined: '不能为空',
  isNotEmpty: '不能为空',
  isString: '必须是文本',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是布尔值',
  isEmail: '必须是有效的电子邮箱地址',
  isEnum: '不是允许的取值',
  isUUID: '必须是有效的 UUID',
  isUrl: '必须是有效的网址',
  isDate: '必须是有效的日期',
  isPhoneNumber: '必须是有效的电话号码',
  minLength: '长度过短',
  maxLength: '长度过长',
  length: '长度不符合要求',
  min: '数值过小',
  max: '数值过大',
  matches: '格式不正确',
  arrayMinSize: '数组元素过少',
  arrayMaxSize: '数组元素过多',
  whitelistValidation: '是未知字段',
};

/** A custom constraint message written as `中文|English`, so one string carries both languages. */
export function splitLocalized(message: string): LocalizedMessage | undefined {
  const bar = message.indexOf('|');
  if (bar < 0) return undefined;
  return { zh: message.slice(0, bar), en: message.slice(bar + 1) };
}

export function localizeConstraint(
  field: string,
  constraint: string,
  english: string,
): LocalizedMessage {
  const custom = splitLocalized(english);
  if (custom) return custom;
  const zh = ZH[constraint];
  return { zh: zh ? `${field} ${zh}` : `${field} 无效`, en: english };
}
