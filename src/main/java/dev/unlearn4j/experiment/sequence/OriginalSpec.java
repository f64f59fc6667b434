package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.pretrain.PassagePool;

/**
 * Where the original model of a sequence experiment comes from. With {@code checkpoint} set, that directory is used
 * as it is (a Hugging Face GPT-Neo/GPT-2 checkpoint with {@code passages.jsonl}); otherwise the model is pretrained
 * with planted passages and cached under {@code cache} by a hash of these settings, so later runs reuse it.
 *
 * @param checkpoint a checkpoint directory ("" to pretrain)
 * @param preset pretraining preset, {@code tiny} or {@code small} (default small)
 * @param steps optimiser steps, 0 for the preset's (default 0)
 * @param addresses training addresses, 0 for the preset's (default 0)
 * @param window the local attention layers' window, 0 for the preset's (default 0; {@code small}: 256 as GPT-Neo,
 *     128 before that)
 * @param seed pretraining seed (default 42)
 * @param sets planted forget sets (default 5)
 * @param perSet passages per set (default 128)
 * @param length tokens per passage (default 200)
 * @param repeats extra copies of each planted passage (default 16)
 * @param cache directory of cached original models ("" = the user cache of unlearn4j)
 */
public record OriginalSpec(String checkpoint, String preset, int steps, int addresses, int window, long seed,
    int sets, int perSet, int length, int repeats, String cache) {
  public static OriginalSpec defaults() {
    return new OriginalSpec("", "small", 0, 0, 0, 42, 5, 128, 200, 16, "");
  }

  public OriginalSpec {
    if (steps < 0 || addresses < 0 || window < 0 || sets < 1 || perSet < 1 || length < 8 || repeats < 0) {
      throw new ConfigException("original: steps >= 0, addresses >= 0, window >= 0, sets >= 1, perSet >= 1, "
          + "length >= 8 and repeats >= 0 required");
    }
  }

  public PassagePool.Planting planting() {
    return new PassagePool.Planting(sets, perSet, length, repeats);
  }
}
