package dev.unlearn4j.data;

/**
 * One labelled example. Text datasets fill {@code text}; numeric datasets (synthetic, tests) fill
 * {@code features}.
 *
 * @param id stable identifier, unique within its dataset (forget requests record ids)
 * @param label class index into {@link Dataset#labels()}
 * @param group the source document when a document yields several examples (passages), else null; test splits
 *     never cut through a group
 */
public record Example(String id, int label, String text, float[] features, String group) {
  public Example(String id, int label, String text, float[] features) {
    this(id, label, text, features, null);
  }

  /** The group, or the example's own id when it has none. */
  public String groupOrId() {
    return group != null ? group : id;
  }
}
