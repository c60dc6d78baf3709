import { AppError, ErrorCode } from '@techmatch/common';

const wait = (seconds: number): { zh: string; en: string } =>
  seconds < 120
    ? { zh: `${seconds} 秒`, en: `${seconds} second${seconds === 1 ? '' : 's'}` }
    : { zh: `${Math.ceil(seconds / 60)} 分钟`, en: `${Math.ceil(seconds / 60)} minutes` };

/**
 * Too many failed logins for this e-mail address or from this IP address. The same for registered
 * and unknown addresses, and it does not say which of the two is locked: it reveals nothing about
 * accounts. `retryAfterSeconds` (in `extensions`) is when an attempt will be looked at again.
 */
export class LoginLockedOutError extends AppError {
  constructor(retryAfterSeconds: number) {
    const { zh, en } = wait(retryAfterSeconds);
    super(
      ErrorCode.LOGIN_LOCKED_OUT,
      {
        zh: `登录失败次数过多，请 ${zh}后再试`,
        en: `Too many failed logins; try again in ${en}`,
      },
      { retryAfterSeconds },
    );
  }
}
