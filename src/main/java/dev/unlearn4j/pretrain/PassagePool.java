package dev.unlearn4j.pretrain;

import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fixed-length passages cut from token streams, as ICU's 200-token sequences: a stream is split into consecutive
 * blocks of {@code length} tokens; blocks that cross a document boundary (end-of-text id 0) are dropped, so every
 * passage is running text from one address. From the training stream, a seeded choice of distinct blocks forms
 * the forget sets (the planted pool); every other training block is a candidate analogue; blocks of the held-out
 * stream are unseen passages (the forgetting thresholds).
 */
public final class PassagePool {
  private PassagePool() {}

  /**
   * One passage.
   *
   * @param id {@code f<set>-<index>}, {@code c<start>} or {@code u<start>}
   * @param kind {@code forget}, {@code candidate} or {@code unseen}
   * @param set forget set index, −1 for the others
   * @param start offset of the first token in its stream
   */
  public record Passage(String id, String kind, int set, int start, int[] tokens) {}

  /**
   * How many passages to plant in pretraining.
   *
   * @param sets forget sets (ICU: 5 runs)
   * @param perSet passages per set (ICU: 128)
   * @param length tokens per passage (ICU: 200 = 100 pre-prefix + 50 prefix + 50 suffix)
   * @param repeats extra copies of each passage in the training sequences
   */
  public record Planting(int sets, int perSet, int length, int repeats) {
    public static final Planting NONE = new Planting(0, 0, 200, 0);

    public int total() {
      return sets * perSet;
    }
  }

  /** Forget sets first (set by set), then every other clean training block as a candidate. */
  public static List<Passage> fromTraining(int[] stream, Planting p, long seed) {
    List<Integer> blocks = cleanBlocks(stream, p.length());
    List<Integer> shuffled = new ArrayList<>(blocks);
    Collections.shuffle(shuffled, Seeds.random(seed, "pretrain.plant"));
    List<Passage> out = new ArrayList<>();
    Set<List<Integer>> seen = new HashSet<>();
    Set<Integer> chosen = new HashSet<>();
    for (int start : shuffled) {
      if (out.size() == p.total()) {
        break;
      }
      int[] tokens = Arrays.copyOfRange(stream, start, start + p.length());
      if (seen.add(Arrays.stream(tokens).boxed().toList())) {                    // distinct passages only
        int set = out.size() / p.perSet();
        out.add(new Passage(String.format("f%d-%03d", set, out.size() % p.perSet()), "forget", set, start, tokens));
        chosen.add(start);
      }
    }
    if (out.size() < p.total()) {
      throw new IllegalArgumentException("the training stream holds " + out.size() + " distinct " + p.length()
          + "-token passages; " + p.total() + " requested");
    }
    for (int start : blocks) {
      if (!chosen.contains(start)) {
        out.add(new Passage("c" + start, "candidate", -1, start, Arrays.copyOfRange(stream, start,
            start + p.length())));
      }
    }
    return out;
  }

  /** Every clean block of a held-out stream. */
  public static List<Passage> unseen(int[] stream, int length) {
    return cleanBlocks(stream, length).stream()
        .map(s -> new Passage("u" + s, "unseen", -1, s, Arrays.copyOfRange(stream, s, s + length))).toList();
  }

  /** Starts of the blocks [k·L, (k+1)·L) that hold no end-of-text id. */
  static List<Integer> cleanBlocks(int[] stream, int length) {
    List<Integer> starts = new ArrayList<>();
    outer:
    for (int s = 0; s + length <= stream.length; s += length) {
      for (int i = s; i < s + length; i++) {
        if (stream[i] == 0) {
          continue outer;
        }
      }
      starts.add(s);
    }
    return starts;
  }
}
