package dev.unlearn4j.data;

/**
 * One labelled example. Text datasets fill {@code text}; numeric datasets (synthetic, tests) fill
 * {@code features}.
 *
 * @param id stable identifier, unique within its dataset (forget requests record ids)
 * @param label class index into {@link Dataset#labels()}
 * @param group the source document when a document yields several examples (passages), else null; test splits
 *     never cut through a group
 * @param tokens token ids of a language-model sequence, else null
 */
public record Example(String id, int label, String text, float[] features, String group, int[] tokens) {
  public Example(String id, int label, String text, float[] features) {
    this(id, label, text, features, null, null);
  }

  public Example(String id, int label, String text, float[] features, String group) {
    this(id, label, text, features, group, null);
  }

  /** A token sequence for a causal language model (label unused). */
  public static Example ofTokens(String id, int[] tokens) {
    return new Example(id, 0, null, null, null, tokens);
  }

  /** The group, or the example's own id when it has none. */
  public String groupOrId() {
    return group != null ? group : id;
  }
}
