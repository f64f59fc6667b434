package dev.unlearn4j.eval.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.bench.CausalBench;
import dev.unlearn4j.model.causal.GptConfig;
import org.junit.jupiter.api.Test;

/**
 * Batch widths of the epoch check's scoring and extraction follow the model's size: unchanged for the presets that
 * fit hundreds of rows in a few hundred MB, narrower at GPT-Neo-125M's vocabulary and cache size. Which rows share
 * a batch does not change a result (PromptContinuationsTest: any width equals separate greedy decoding).
 */
class PassageScorerBatchTest {
  @Test
  void smallModelsKeepTheWideBatches() {
    GptConfig small = CausalBench.config("small");                  // 4 layers, hidden 128, vocabulary 4,096
    assertThat(PassageScorer.forkRows(small, 200)).isEqualTo(256);
    assertThat(PassageScorer.scoreRows(small, 200, 16)).isEqualTo(16);
  }

  @Test
  void gptNeo125mBatchesStayWithinTheirBudgets() {
    GptConfig neo = CausalBench.config(CausalBench.NEO_125M);        // 12 layers, hidden 768, vocabulary 50,257
    // keys and values: 2 × 12 × 200 × 768 × 4 B = 14.7 MB a row; 1 GiB / 14.7 MB = 72.8
    assertThat(PassageScorer.forkRows(neo, 200)).isEqualTo(72);
    // one [B·200, 50,257] fp32 array: 40.2 MB a passage; 256 MiB / 40.2 MB = 6.7
    assertThat(PassageScorer.scoreRows(neo, 200, 16)).isEqualTo(6);
    assertThat(PassageScorer.scoreRows(neo, 200, 4)).isEqualTo(4);
  }
}
