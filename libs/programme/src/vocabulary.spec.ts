import { ResultStage, TransferMode } from '@techmatch/catalogue';
import { findTerm, RESULT_STAGES, termList, TRANSFER_MODES } from './vocabulary.js';

describe('vocabulary', () => {
  it('successful-terms: codes, exact words and words inside a longer text, longest first', () => {
    expect(findTerm(TRANSFER_MODES, 'LICENSE')).toBe(TransferMode.LICENSE);
    expect(findTerm(TRANSFER_MODES, '转让')).toBe(TransferMode.TRANSFER);
    expect(findTerm(TRANSFER_MODES, '独占许可')).toBe(TransferMode.LICENSE);
    expect(findTerm(TRANSFER_MODES, '先试用后付费许可')).toBe(TransferMode.TRIAL_FIRST_LICENSE);
    expect(findTerm(TRANSFER_MODES, '先免费试用、后付费转化')).toBe(
      TransferMode.TRIAL_FIRST_LICENSE,
    );
    expect(findTerm(RESULT_STAGES, ' 中试 阶段 ')).toBe(ResultStage.PILOT);
    expect(findTerm(RESULT_STAGES, '已进入批量生产')).toBe(ResultStage.MASS_PRODUCTION);
  });

  it('failing-unknown-term: null, and the allowed words for the message', () => {
    expect(findTerm(TRANSFER_MODES, '买断')).toBeNull();
    expect(termList(RESULT_STAGES)).toBe('实验室阶段、中试阶段、产业化阶段、批量生产阶段');
  });
});
