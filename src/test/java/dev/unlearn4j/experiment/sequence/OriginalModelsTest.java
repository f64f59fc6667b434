package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.pretrain.PretrainPreset;
import org.junit.jupiter.api.Test;

/** The cache key of a pretrained original names everything that shapes the model, the attention window included. */
class OriginalModelsTest {
  private static OriginalSpec small(int window) {
    return new OriginalSpec("", "small", 0, 0, window, 42, 5, 32, 200, 64, "");
  }

  @Test
  void theSmallPresetUsesGptNeosWindowAndAnOverrideIsANewModel() {
    assertThat(PretrainPreset.named("small").config().window()).isEqualTo(256);
    assertThat(OriginalModels.key(small(0))).isEqualTo(OriginalModels.key(small(256)));
    assertThat(OriginalModels.key(small(128))).isNotEqualTo(OriginalModels.key(small(0)));
    assertThat(PretrainPreset.named("small").withWindow(128).config().window()).isEqualTo(128);
  }
}
