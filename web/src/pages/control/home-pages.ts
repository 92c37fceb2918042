// The duty panels of the home pages as one lazily loaded chunk (web/src/lazy.tsx).
export {
  AbsencesHomePanel,
  BehindHomePanel,
  CollegeFiguresPanel,
  CorrectionsHomePanel,
  DebtorsHomePanel,
  LatestReportsPanel,
} from './home-panels.js';
