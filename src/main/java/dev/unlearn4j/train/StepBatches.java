package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Batcher;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/** Produces the batch of every step of a phase from a {@link BatchPlan}, deterministically from the seed. */
final class StepBatches {
  private final BatchPlan plan;
  private final Batcher forget;
  private final Batcher retain;
  private final Map<Integer, List<Example>> retainByClass = new HashMap<>();
  private final Random rng;
  private final Map<String, Example> partner = new HashMap<>();
  private Predicate<Example> keep = e -> true;
  private List<Example> currentForget = List.of();
  private int reuse;

  StepBatches(BatchPlan plan, List<Example> forgetSplit, List<Example> retainSplit, long seed, String phase) {
    this.plan = plan;
    this.forget = plan.forgetPerStep() > 0
        ? new Batcher(forgetSplit, plan.forgetPerStep(), Seeds.random(seed, phase + ".forget")) : null;
    this.retain = plan.retainPerStep() > 0
        ? new Batcher(retainSplit, plan.retainPerStep(), Seeds.random(seed, phase + ".retain")) : null;
    this.rng = Seeds.random(seed, phase + ".contrast");
    if (plan.driver() == BatchPlan.Driver.PAIRED) {
      if (forgetSplit.size() != retainSplit.size()) {
        throw new IllegalArgumentException("paired batches need as many partners as forget examples ("
            + retainSplit.size() + " vs " + forgetSplit.size() + ")");
      }
      for (int i = 0; i < forgetSplit.size(); i++) {
        partner.put(forgetSplit.get(i).id(), retainSplit.get(i));
      }
    }
    for (Example e : retainSplit) {
      retainByClass.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
    }
  }

  /** Steps in one epoch: batches of the driving split, each forget batch used retainPerForget times. */
  int stepsPerEpoch() {
    return plan.driver() == BatchPlan.Driver.RETAIN ? retain.batchesPerPass()
        : forget.batchesPerPass() * plan.retainPerForget();
  }

  /**
   * Forget examples failing {@code keep} are left out of the batches (with their partners): ICU's refinement
   * excludes forgotten passages this way, without changing the batch order.
   */
  void keep(Predicate<Example> k) {
    this.keep = k;
  }

  /** The next batch; it may be empty when every forget example of a forget-driven batch was left out. */
  Batch next() {
    if (forget != null && reuse == 0) {
      currentForget = forget.next().stream().filter(keep).toList();
    }
    reuse = (reuse + 1) % plan.retainPerForget();
    List<Example> r = retain == null ? List.of() : retain.next();
    if (plan.driver() == BatchPlan.Driver.PAIRED) {
      r = currentForget.stream().map(e -> {
        Example p = partner.get(e.id());
        if (p == null) {
          throw new IllegalStateException("no partner for forget example " + e.id() + " among " + partner.keySet());
        }
        return p;
      }).toList();
    }
    if (plan.minSameClass() > 0 && !currentForget.isEmpty()) {
      r = stratified(r);
    }
    return new Batch(currentForget, r, plan.views());
  }

  /**
   * Makes sure every class of the forget batch has at least minSameClass retain examples in the batch, replacing
   * examples of over-represented classes with random ones of the missing class (a contrast set without same-class
   * samples gives the forgetting loss nothing to push away from).
   */
  private List<Example> stratified(List<Example> batch) {
    List<Example> out = new ArrayList<>(batch);
    Set<Integer> needed = new HashSet<>();
    currentForget.forEach(e -> needed.add(e.label()));
    for (int c : needed.stream().sorted().toList()) {
      List<Example> pool = retainByClass.getOrDefault(c, List.of());
      long have = out.stream().filter(e -> e.label() == c).count();
      for (long k = have; k < Math.min(plan.minSameClass(), pool.size()); k++) {
        Example add = pool.get(rng.nextInt(pool.size()));
        int victim = victim(out, needed, c);
        if (victim < 0 || out.contains(add)) {
          continue;
        }
        out.set(victim, add);
      }
    }
    return out;
  }

  /** Index of an example whose class has more than minSameClass members (or is not needed); −1 if none. */
  private int victim(List<Example> batch, Set<Integer> needed, int adding) {
    Map<Integer, Integer> counts = new HashMap<>();
    batch.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
    for (int i = batch.size() - 1; i >= 0; i--) {
      int label = batch.get(i).label();
      if (label != adding && (!needed.contains(label) || counts.get(label) > plan.minSameClass())) {
        return i;
      }
    }
    return -1;
  }
}
