package dev.unlearn4j.pretrain;

import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.util.UnlearnException;
import java.util.ArrayList;
import java.util.List;

/**
 * Named sizes for pretraining a GPT-Neo-architecture model from scratch on the State of the Union corpus.
 *
 * @param addresses training addresses used (0: all but the held-out ones)
 * @param evalAddresses held-out addresses scored for perplexity (0: all held-out ones)
 * @param vocab byte-level BPE vocabulary size
 * @param context sequence length in tokens (also the position table size)
 * @param steps optimiser steps
 */
public record PretrainPreset(String name, int addresses, int evalAddresses, int vocab, int hidden, int layers, int heads, int context,
    int window, int batch, int steps, double learningRate) {

  /** {@code tiny}: tests and smoke runs, well under a minute on 2 cores. {@code small}: experiments. */
  public static PretrainPreset named(String name) {
    return switch (name) {
      case "tiny" -> new PretrainPreset("tiny", 6, 2, 512, 32, 2, 2, 64, 32, 8, 150, 3e-3);
      case "small" -> new PretrainPreset("small", 0, 0, 4096, 128, 4, 4, 256, 256, 8, 2500, 1e-3);
      default -> throw new UnlearnException("unknown preset '" + name + "'; known: [tiny, small]");
    };
  }

  public PretrainPreset withSteps(int s) {
    return new PretrainPreset(name, addresses, evalAddresses, vocab, hidden, layers, heads, context, window, batch, s,
        learningRate);
  }

  public PretrainPreset withAddresses(int a) {
    return new PretrainPreset(name, a, evalAddresses, vocab, hidden, layers, heads, context, window, batch, steps,
        learningRate);
  }

  /** The local layers' window (GPT-Neo: 256, which equals global attention on ICU's 200-token passages). */
  public PretrainPreset withWindow(int w) {
    return new PretrainPreset(name, addresses, evalAddresses, vocab, hidden, layers, heads, context, w, batch, steps,
        learningRate);
  }

  /** GPT-Neo layout: layers alternate global and local attention, MLP 4·D. */
  public GptConfig config() {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      types.add(i % 2 == 0 ? "global" : "local");
    }
    return new GptConfig(GptConfig.NEO, vocab, context, hidden, heads, 4 * hidden, 1e-5, types, window);
  }
}
