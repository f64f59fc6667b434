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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every run on the same original repeats before training, computed once: the sentence embeddings of the
 * analogue candidates (about 10 minutes of MiniLM on 2 cores for 2,000 passages, the same for every forget set and
 * method) and the unseen-data thresholds. Entries are named by a hash of everything their value depends on — the
 * texts and the encoder, or the model file, the unseen passages and n — so a changed input is a new entry, never
 * a stale one. Values are stored exactly (doubles), so a run reading them gives the same summary as one computing
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
    Path f = entry("sentences-", md, ".bin");
    if (f != null && Files.isRegularFile(f)) {
      LOG.info("{} sentence embeddings from {}", texts.size(), f.getFileName());
      return readMatrix(f);
    }
    double[][] v = compute.get();
    if (f != null) {
      AtomicFiles.write(f, out -> writeMatrix(new DataOutputStream(new BufferedOutputStream(out)), v));
    }
    return v;
  }

  /** Thresholds of the model in {@code modelFile} on {@code unseen} passages with EL_n scored from {@code elStart}. */
  EpochCheck.Thresholds thresholds(Path modelFile, List<int[]> unseen, int elN, int elStart,
      Supplier<EpochCheck.Thresholds> compute) {
    MessageDigest md = Sha256.digest();
    update(md, "thresholds/" + Sha256.of(modelFile) + "/" + elN + "/" + elStart);
    unseen.forEach(p -> update(md, java.util.Arrays.toString(p)));
    Path f = entry("thresholds-", md, ".json");
    try {
      if (f != null && Files.isRegularFile(f)) {
        LOG.info("thresholds from {}", f.getFileName());
        return Mappers.JSON.readValue(f.toFile(), EpochCheck.Thresholds.class);
      }
      EpochCheck.Thresholds v = compute.get();
      if (f != null) {
        AtomicFiles.writeString(f, Mappers.JSON.writeValueAsString(v));
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path entry(String prefix, MessageDigest md, String suffix) {
    return dir == null ? null : dir.resolve(prefix + Sha256.hex(md).substring(0, 24) + suffix);
  }

  /** Length-prefixed, so ["ab", "c"] and ["a", "bc"] hash differently. */
  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
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
