import { mean } from './mean.js';
import { tConfidenceInterval, type TInterval } from './tConfidenceInterval.js';

/** Result of {@link nestedMeanInterval}: the t interval of the group means, with them. */
export interface NestedMeanInterval extends TInterval {
  /** Number of groups (deployments) k; df = k − 1. */
  groups: number;
  /** The group means the interval is built from, in the groups' order. */
  groupMeans: number[];
}

/**
 * Confidence interval of a configuration's mean when repetitions are nested in deployments: the
 * Student-t interval of the k deployment means, t on k − 1 degrees of freedom, as R's
 * `t.test(deploymentMeans, conf.level = confidence)`. Repetitions of one deployment share its
 * deviation, so the deployments, not the repetitions, are the independent units; the interval covers
 * the variation between deployments as well as within them.
 *
 * The centre is the unweighted mean of the deployment means (with unequal group sizes it differs
 * from the mean of all values). A single deployment has no interval (NaN, with a warning).
 *
 * Reference: Searle, S. R., Casella, G. & McCulloch, C. E. (1992), *Variance Components*, §3.6;
 * Kalibera, T. & Jones, R. (2013), "Rigorous benchmarking in reasonable time", ISMM'13, 63–74 (§ on
 * intervals from the highest level's means); R Core Team, `t.test` (R 4.2).
 * @throws {RangeError} no groups, an empty group, a non-finite value, or confidence not in (0, 1).
 * @example
 * nestedMeanInterval([[10.1, 10.3, 9.9], [11.2, 11.0, 11.5], [10.6, 10.4, 10.9]])
 * // { mean: 10.655555555555555, lo: 9.247065943138258, hi: 12.064045167972852, df: 2, groups: 3,
 * //   groupMeans: [ 10.1, 11.233333333333333, 10.633333333333333 ], … }
 */
export function nestedMeanInterval(groups: readonly (readonly number[])[], confidence = 0.95): NestedMeanInterval {
  if (groups.length === 0) throw new RangeError('nestedMeanInterval: expected at least 1 group, found 0');
  groups.forEach((g, i) => {
    if (g.length === 0) throw new RangeError(`nestedMeanInterval: group ${i + 1} is empty`);
    const bad = g.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`nestedMeanInterval: group ${i + 1} value ${bad + 1} is not finite (${g[bad]})`);
  });
  const groupMeans = groups.map((g) => mean(g));
  const t = tConfidenceInterval(groupMeans, confidence);
  const warnings =
    groups.length < 2
      ? ['only 1 group (deployment): an interval from the group means needs at least 2 (1 more deployment needed)']
      : t.warnings.map((w) => w.replace(/^all (\d+) values are equal/, 'all $1 group means are equal'));
  return { ...t, warnings, groups: groups.length, groupMeans };
}
