package dev.unlearn4j.eval.privacy;

/**
 * Membership-inference AUC of loss-like scores: members (the forget set) against non-members (held-out data),
 * AUC = (1/(|F|·|H|))·Σ_f Σ_h (𝟙[s_h > s_f] + ½·𝟙[s_h = s_f]). About 1: the forget set still looks like training
 * data; about 0.5: indistinguishable.
 */
public final class Auc {
  private Auc() {}

  public static double of(double[] members, double[] nonMembers) {
    if (members.length == 0 || nonMembers.length == 0) {
      return Double.NaN;
    }
    double favourable = 0;
    for (double f : members) {
      for (double h : nonMembers) {
        favourable += h > f ? 1.0 : h == f ? 0.5 : 0.0;
      }
    }
    return favourable / ((double) members.length * nonMembers.length);
  }
}
