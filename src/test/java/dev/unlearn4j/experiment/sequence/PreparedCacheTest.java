package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached values are the computed ones bit for bit, and an entry is reused only for the same inputs. */
class PreparedCacheTest {
  @TempDir Path dir;

  @Test
  void sentencesAreComputedOnceAndReadBackExactly() {
    PreparedCache cache = new PreparedCache(dir);
    AtomicInteger calls = new AtomicInteger();
    double[][] v = {{0.1, Math.PI / 7, -1e-300}, {Double.MIN_VALUE, 2.5, 1.0 / 3}};
    double[][] first = cache.sentences("enc", List.of("ab", "c"), () -> {
      calls.incrementAndGet();
      return v;
    });
    double[][] again = cache.sentences("enc", List.of("ab", "c"), () -> {
      calls.incrementAndGet();
      return new double[0][0];
    });
    assertThat(calls).hasValue(1);
    assertThat(again).isDeepEqualTo(first).isDeepEqualTo(v);
    cache.sentences("enc", List.of("a", "bc"), () -> {                    // same characters, other texts
      calls.incrementAndGet();
      return v;
    });
    cache.sentences("other-encoder", List.of("ab", "c"), () -> {
      calls.incrementAndGet();
      return v;
    });
    assertThat(calls).hasValue(3);
  }

  @Test
  void thresholdsDependOnTheModelFileAndThePassages() throws Exception {
    Path model = Files.writeString(dir.resolve("model.safetensors"), "weights");
    PreparedCache cache = new PreparedCache(dir.resolve("cache"));
    AtomicInteger calls = new AtomicInteger();
    EpochCheck.Thresholds t = new EpochCheck.Thresholds(0.2345678901234567, 1.0 / 3);
    List<int[]> unseen = List.of(new int[] {1, 2, 3});
    assertThat(cache.thresholds(model, unseen, 10, 150, () -> count(calls, t))).isEqualTo(t);
    assertThat(cache.thresholds(model, unseen, 10, 150, () -> count(calls, null))).isEqualTo(t);
    assertThat(calls).hasValue(1);
    cache.thresholds(model, List.of(new int[] {1, 2, 4}), 10, 150, () -> count(calls, t));
    cache.thresholds(model, unseen, 5, 150, () -> count(calls, t));
    Files.writeString(model, "other weights");
    cache.thresholds(model, unseen, 10, 150, () -> count(calls, t));
    assertThat(calls).hasValue(4);
  }

  @Test
  void withoutADirectoryNothingIsKept() {
    PreparedCache none = new PreparedCache(null);
    AtomicInteger calls = new AtomicInteger();
    none.sentences("enc", List.of("x"), () -> new double[][] {{calls.incrementAndGet()}});
    none.sentences("enc", List.of("x"), () -> new double[][] {{calls.incrementAndGet()}});
    assertThat(calls).hasValue(2);
  }

  private static EpochCheck.Thresholds count(AtomicInteger calls, EpochCheck.Thresholds t) {
    calls.incrementAndGet();
    return t;
  }
}
