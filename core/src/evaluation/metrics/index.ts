import type { MetricDescriptor } from '../metric.js';
import { accuracy } from './accuracy.js';
import { auc } from './auc.js';
import { f1Macro } from './f1.js';
import { kappa, kappaM, kappaT } from './kappa.js';
import { logLoss } from './log-loss.js';

export { accuracy, auc, f1Macro, kappa, kappaM, kappaT, logLoss };
export { exactAuc, AUC_HISTOGRAM_BINS } from './auc.js';

/** The metrics every prequential run records, in report order. */
export const STANDARD_METRICS: readonly MetricDescriptor[] = [accuracy, kappa, kappaM, kappaT, f1Macro, logLoss, auc];
