package dev.unlearn4j.data;

import java.util.List;

/** A named subset of a dataset (forget, retain, test). */
public record Split(String name, List<Example> examples) {
  public int size() {
    return examples.size();
  }

  public List<String> ids() {
    return examples.stream().map(Example::id).toList();
  }
}
