package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run on the same original repeats before training, computed once: the sentence embeddings of the
 * analogue candidates (109 s of MiniLM on 2 cores for 2,000 passages, the same for every forget set and method),
 * the unseen-data thresholds, the original model's own scores and its check before training. Entries are named by a
 * hash of everything their value depends on — the texts and the encoder, or the model file and the passages and
 * settings scored — so a changed input is a new entry, never a stale one. Values are stored exactly (doubles, or
 * JSON numbers that read back to the same double), so a run reading them gives the same summary as one computing
 * them.
 */
final class PreparedCache {
  private static final Logger LOG = LoggerFactory.getLogger(PreparedCache.class);

  private final Path dir;

  /** @param dir where entries are kept; null computes everything and keeps nothing */
  PreparedCache(Path dir) {
    this.dir = dir;
  }

  /** L2-normalised sentence embeddings [texts][D] of {@code texts} under the encoder named {@code encoder}. */
  double[][] sentences(String encoder, List<String> texts, Supplier<double[][]> compute) {
    MessageDigest md = Sha256.digest();
    update(md, "sentences/" + encoder);
    texts.forEach(t -> update(md, t));
    return cached("sentences", md, compute);
  }

  /**
   * Values {@code what} of the model in {@code modelFile} on {@code inputs} (passages as token lists, cloze items, the
   * settings that matter), e.g. the unseen-data thresholds or the original model's scores that every run reports.
   */
  double[] values(String what, Path modelFile, List<String> inputs, Supplier<double[]> compute) {
    return cached(what, modelDigest(what, modelFile, inputs), () -> new double[][] {compute.get()})[0];
  }

  /**
   * Like {@link #values}, for a value that is a JSON-serialisable record of type {@code type} (e.g. the original
   * model's check before training, continuations included).
   */
  <T> T object(String what, Path modelFile, List<String> inputs, Class<T> type, Supplier<T> compute) {
    return cached(what, modelDigest(what, modelFile, inputs), ".json", f -> readJson(f, type),
        v -> out -> out.write(Mappers.JSON.writeValueAsBytes(v)), compute);
  }

  /** What a model's value depends on: the model file and the inputs, under the value's name. */
  private static MessageDigest modelDigest(String what, Path modelFile, List<String> inputs) {
    MessageDigest md = Sha256.digest();
    update(md, what + "/" + Sha256.of(modelFile));
    inputs.forEach(t -> update(md, t));
    return md;
  }

  /** A matrix entry ({@code .bin}, doubles as written). */
  private double[][] cached(String what, MessageDigest md, Supplier<double[][]> compute) {
    return cached(what, md, ".bin", PreparedCache::readMatrix,
        v -> out -> writeMatrix(new DataOutputStream(new BufferedOutputStream(out)), v), compute);
  }

  /** The entry named by {@code what} and the hash in {@code md}, computed and kept when it is not there yet. */
  private <T> T cached(String what, MessageDigest md, String extension, Function<Path, T> read,
      Function<T, AtomicFiles.Writer> write, Supplier<T> compute) {
    Path f = dir == null ? null : dir.resolve(what + "-" + Sha256.hex(md).substring(0, 24) + extension);
    if (f != null && Files.isRegularFile(f)) {
      LOG.info("{} from the cache ({})", what, f.getFileName());
      return read.apply(f);
    }
    T v = compute.get();
    if (f != null) {
      AtomicFiles.write(f, write.apply(v));
    }
    return v;
  }

  /** Passages as cache inputs. */
  static List<String> tokens(List<int[]> passages) {
    return passages.stream().map(Arrays::toString).toList();
  }

  /** Length-prefixed, so ["ab", "c"] and ["a", "bc"] hash differently. */
  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
  }

  private static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
    out.writeInt(m.length);
    out.writeInt(m.length == 0 ? 0 : m[0].length);
    for (double[] row : m) {
      for (double x : row) {
        out.writeDouble(x);
      }
    }
    out.flush();
  }

  private static <T> T readJson(Path f, Class<T> type) {
    try {
      return Mappers.JSON.readValue(f.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(f + ": unreadable cache entry: " + e.getMessage(), e);
    }
  }

  private static double[][] readMatrix(Path f) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      double[][] m = new double[in.readInt()][in.readInt()];
      for (double[] row : m) {
        for (int k = 0; k < row.length; k++) {
          row[k] = in.readDouble();
        }
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(f + ": unreadable cache entry: " + e.getMessage(), e);
    }
  }
}
