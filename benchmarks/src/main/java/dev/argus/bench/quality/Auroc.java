package dev.argus.bench.quality;

import java.util.Arrays;
import java.util.Comparator;

/** Area under the ROC curve of a score that should be higher for the positive class. */
public final class Auroc {

  private Auroc() {}

  /**
   * Returns the AUROC of {@code scores} against {@code labels} (true = positive), counting ties as
   * one half (the Mann-Whitney statistic), or NaN when either class is empty.
   */
  public static double of(double[] scores, boolean[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]]) {
          rankSumPositive += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * negatives);
  }
}
