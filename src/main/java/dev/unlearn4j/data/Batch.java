package dev.unlearn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One training step's examples: the forget part, then the retain part, repeated once per view (each view is a
 * separate forward row, so dropout gives every view its own mask). Loss terms select rows with the masks.
 *
 * @param views copies of the batch in the forward pass (1: a plain batch; 2+: DeepCUT's dropout views)
 */
public record Batch(List<Example> forget, List<Example> retain, int views) {
  public Batch(List<Example> forget, List<Example> retain) {
    this(forget, retain, 1);
  }

  /** The rows of the forward pass: view 1 (forget, retain), view 2 (forget, retain), … */
  public List<Example> examples() {
    List<Example> all = new ArrayList<>();
    for (int v = 0; v < views; v++) {
      all.addAll(forget);
      all.addAll(retain);
    }
    return all;
  }

  public int size() {
    return views * (forget.size() + retain.size());
  }

  /** [rows] 1 for forget rows of every view. */
  public float[] forgetMask() {
    return mask(true);
  }

  /** [rows] 1 for retain rows of every view. */
  public float[] retainMask() {
    return mask(false);
  }

  /** [rows] 1 for the rows of the first view. */
  public float[] firstViewMask() {
    float[] m = new float[size()];
    for (int i = 0; i < forget.size() + retain.size(); i++) {
      m[i] = 1f;
    }
    return m;
  }

  /**
   * This batch cut into micro-batches of at most {@code max} examples of each split: n = ⌈max(|forget|, |retain|) /
   * max⌉ parts, each split dealt into n contiguous parts of near-equal size, so index-aligned pairs stay together.
   * {@code max} 0 (or a batch that fits) gives this batch alone.
   */
  public List<Batch> split(int max) {
    int n = max <= 0 ? 1 : (Math.max(forget.size(), retain.size()) + max - 1) / max;
    if (n <= 1) {
      return List.of(this);
    }
    List<Batch> parts = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      parts.add(new Batch(part(forget, k, n), part(retain, k, n), views));
    }
    return parts;
  }

  private static List<Example> part(List<Example> all, int k, int n) {
    return all.subList(k * all.size() / n, (k + 1) * all.size() / n);
  }

  private float[] mask(boolean forgetRows) {
    float[] m = new float[size()];
    int per = forget.size() + retain.size();
    for (int i = 0; i < m.length; i++) {
      m[i] = (i % per < forget.size()) == forgetRows ? 1f : 0f;
    }
    return m;
  }
}
