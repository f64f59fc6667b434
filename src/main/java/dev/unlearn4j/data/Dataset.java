package dev.unlearn4j.data;

import dev.unlearn4j.util.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loaded labelled dataset.
 *
 * @param name registry name
 * @param labels class names; an example's label is an index into this list
 * @param examples all examples, in a stable order
 * @param inputFiles SHA-256 of every file the examples were read from (empty for generated data)
 * @param testIds the examples of a separate test file ({@code dataset.args.testPath}): they are the test split and
 *     never trained on; empty when the test split is drawn from the examples
 */
public record Dataset(String name, List<String> labels, List<Example> examples, Map<String, String> inputFiles,
    Set<String> testIds) {

  public Dataset(String name, List<String> labels, List<Example> examples, Map<String, String> inputFiles) {
    this(name, labels, examples, inputFiles, Set.of());
  }

  public int numClasses() {
    return labels.size();
  }

  /** Width of the numeric features, or 0 for text data. */
  public int numFeatures() {
    float[] f = examples.isEmpty() ? null : examples.get(0).features();
    return f == null ? 0 : f.length;
  }

  /** SHA-256 over ids, labels and content: identifies the data even when it was generated. */
  public String fingerprint() {
    MessageDigest md = Sha256.digest();
    for (Example e : examples) {
      md.update(e.id().getBytes(StandardCharsets.UTF_8));
      md.update(ByteBuffer.allocate(4).putInt(e.label()).array());
      if (e.text() != null) {
        md.update(e.text().getBytes(StandardCharsets.UTF_8));
      }
      if (e.features() != null) {
        ByteBuffer b = ByteBuffer.allocate(4 * e.features().length);
        for (float v : e.features()) {
          b.putFloat(v);
        }
        md.update(b.array());
      }
    }
    for (String id : new TreeSet<>(testIds)) {        // nothing added without a test file: cache keys stay as they were
      md.update(("test:" + id).getBytes(StandardCharsets.UTF_8));
    }
    return Sha256.hex(md);
  }
}
