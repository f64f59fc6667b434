package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.model.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Imported tiny GPT-Neo and GPT-2 checkpoints against a plain-loop reference over the same weights: unscaled vs
 * scaled attention, global vs local layers (the sequence is longer than the window), Linear vs Conv1D layouts,
 * tied head.
 */
class GptArchitectureTest {
  @TempDir Path dir;
  private static final int[][] IDS = {{3, 17, 42, 8, 8, 1, 49}, {0, 5, 10, 15, 20, 25, 30}};

  private static double maxDiff(CausalLm lm, NaiveGpt ref) {
    INDArray ours = lm.logits(IDS);
    double max = 0;
    for (int b = 0; b < IDS.length; b++) {
      double[][] expected = ref.logits(IDS[b]);
      for (int t = 0; t < IDS[b].length; t++) {
        for (int v = 0; v < expected[t].length; v++) {
          max = Math.max(max, Math.abs(ours.getDouble(b, t, v) - expected[t][v]));
        }
      }
    }
    return max;
  }

  @Test
  void gptNeoLogitsMatchTheReferenceIncludingLocalAttention() {
    Map<String, float[][]> w = TinyCheckpoints.write(dir.resolve("neo"), true, 1);
    CausalLm lm = CausalCheckpoint.load(dir.resolve("neo"));
    assertThat(lm.config().layerTypes()).containsExactly("global", "local");
    assertThat(lm.config().window()).isEqualTo(3);
    NaiveGpt ref = new NaiveGpt(true, TinyCheckpoints.D, TinyCheckpoints.H, TinyCheckpoints.WINDOW,
        new String[] {"global", "local"}, w);
    assertThat(maxDiff(lm, ref)).isLessThan(1e-4);
    // the window matters: treating the local layer as global changes the logits
    NaiveGpt allGlobal = new NaiveGpt(true, TinyCheckpoints.D, TinyCheckpoints.H, TinyCheckpoints.WINDOW,
        new String[] {"global", "global"}, w);
    assertThat(maxDiff(lm, allGlobal)).isGreaterThan(1e-3);
  }

  @Test
  void gpt2LogitsMatchTheReference() {
    Map<String, float[][]> w = TinyCheckpoints.write(dir.resolve("gpt2"), false, 2);
    CausalLm lm = CausalCheckpoint.load(dir.resolve("gpt2"));
    NaiveGpt ref = new NaiveGpt(false, TinyCheckpoints.D, TinyCheckpoints.H, 0, new String[] {"global", "global"},
        w);
    assertThat(maxDiff(lm, ref)).isLessThan(1e-4);
  }

  @Test
  void missingTensorAndUnsupportedModelTypeFailClearly() throws Exception {
    Path neo = dir.resolve("neo");
    TinyCheckpoints.write(neo, true, 3);
    Map<String, INDArray> t = new LinkedHashMap<>(Safetensors.read(neo.resolve("model.safetensors")));
    t.remove("transformer.h.1.mlp.c_fc.bias");
    Safetensors.write(neo.resolve("model.safetensors"), t, Map.of());
    assertThatThrownBy(() -> CausalCheckpoint.load(neo)).hasMessageContaining("missing tensor for 'h.1.mlp.fc.bias'");
    Files.writeString(neo.resolve("config.json"), "{\"model_type\":\"llama\"}");
    assertThatThrownBy(() -> CausalCheckpoint.load(neo)).hasMessageContaining("unsupported model_type 'llama'");
  }

  @Test
  void corruptSafetensorsHeaderFailsClearly() throws Exception {
    Path neo = dir.resolve("neo");
    TinyCheckpoints.write(neo, true, 4);
    byte[] bytes = Files.readAllBytes(neo.resolve("model.safetensors"));
    bytes[8] = 'X';                                        // break the JSON header
    Files.write(neo.resolve("model.safetensors"), bytes);
    assertThatThrownBy(() -> CausalCheckpoint.load(neo)).hasMessageContaining("corrupt safetensors header");
  }
}
