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
  void valuesDependOnWhatTheModelFileAndTheInputs() throws Exception {
    Path model = Files.writeString(dir.resolve("model.safetensors"), "weights");
    PreparedCache cache = new PreparedCache(dir.resolve("cache"));
    AtomicInteger calls = new AtomicInteger();
    double[] t = {0.2345678901234567, 1.0 / 3};
    List<String> in = PreparedCache.tokens(List.of(new int[] {1, 2, 3}));
    assertThat(cache.values("thresholds", model, in, () -> count(calls, t))).containsExactly(t);
    assertThat(cache.values("thresholds", model, in, () -> count(calls, null))).containsExactly(t);
    assertThat(calls).hasValue(1);
    cache.values("thresholds", model, PreparedCache.tokens(List.of(new int[] {1, 2, 4})), () -> count(calls, t));
    cache.values("cloze", model, in, () -> count(calls, t));
    Files.writeString(model, "other weights");
    cache.values("thresholds", model, in, () -> count(calls, t));
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

  private static double[] count(AtomicInteger calls, double[] t) {
    calls.incrementAndGet();
    return t;
  }
}
