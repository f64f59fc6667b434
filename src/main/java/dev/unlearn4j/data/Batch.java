package dev.unlearn4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One training step's examples: the forget part first, then the retain part. Loss terms select their rows with
 * the forget and retain masks.
 */
public record Batch(List<Example> forget, List<Example> retain) {
  public List<Example> examples() {
    List<Example> all = new ArrayList<>(forget);
    all.addAll(retain);
    return all;
  }

  public int size() {
    return forget.size() + retain.size();
  }

  /** [B] 1 for forget rows. */
  public float[] forgetMask() {
    return mask(true);
  }

  /** [B] 1 for retain rows. */
  public float[] retainMask() {
    return mask(false);
  }

  private float[] mask(boolean forgetRows) {
    float[] m = new float[size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = (i < forget.size()) == forgetRows ? 1f : 0f;
    }
    return m;
  }
}
