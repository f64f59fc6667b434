package dev.unlearn4j.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.BpeTrainer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.causal.TinyCheckpoints;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

@NeedsDatasetPackages
class PretrainTest {
  @TempDir Path dir;

  @Test
  void savedCheckpointsReloadToTheSameLogits() {
    for (boolean neo : new boolean[] {true, false}) {
      Path src = dir.resolve(neo ? "neo" : "gpt2");
      TinyCheckpoints.write(src, neo, 11);
      CausalLm lm = CausalCheckpoint.load(src);
      Path copy = dir.resolve((neo ? "neo" : "gpt2") + "-copy");
      CausalCheckpoint.save(lm, writeTokenizer(), copy);
      int[][] ids = {{1, 2, 3, 4, 5, 6}};
      INDArray a = lm.logits(ids);
      INDArray b = CausalCheckpoint.load(copy).logits(ids);
      assertThat(b.equalsWithEps(a, 1e-6)).as(neo ? "gpt-neo" : "gpt2").isTrue();
    }
  }

  @Test
  void pretrainTinyWritesALoadableCheckpointWithItsTokenizer() throws Exception {
    Path out = dir.resolve("pt");
    CliRun r = CliRun.of("pretrain", "--preset", "tiny", "--steps", "12", "--out", out.toString(),
        "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("preset tiny:", "held-out perplexity");
    CausalLm lm = CausalCheckpoint.load(out.resolve("model"));
    assertThat(lm.config().layerTypes()).containsExactly("global", "local");
    assertThat(lm.config().vocabSize()).isEqualTo(512);
    try (TextTokenizer t = TextTokenizer.load(out.resolve("model/tokenizer.json"), 64)) {
      long[] ids = t.ids("the state of the Union");
      assertThat(t.decode(ids)).isEqualTo("the state of the Union");
      int[][] batch = {java.util.Arrays.stream(ids).mapToInt(x -> (int) x).toArray()};
      assertThat(lm.logits(batch).isInfinite().any()).isFalse();
    }
    assertThat(Files.readString(out.resolve("pretrain.json"))).contains("\"heldOutPerplexity\"",
        "\"checkpoint\" : \"model\"");
    // never into a non-empty directory
    assertThat(CliRun.of("pretrain", "--preset", "tiny", "--out", out.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void anInterruptedPretrainingResumesToTheSameModel() throws Exception {
    PretrainPreset p = PretrainPreset.named("tiny").withSteps(10);
    Pretrainer.run(p, PassagePool.Planting.NONE, dir.resolve("whole"), 3, java.util.List.of(), 0);
    dev.unlearn4j.train.TrainingListener kill = new dev.unlearn4j.train.TrainingListener() {
      @Override public void onStep(dev.unlearn4j.train.TrainerState s) {
        if (s.step() == 6) {
          throw new IllegalStateException("killed");
        }
      }
    };
    Path resumed = dir.resolve("resumed");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pretrainer.run(p, PassagePool.Planting.NONE, resumed,
        3, java.util.List.of(kill), 4)).hasMessage("killed");
    assertThat(resumed.resolve("checkpoints")).isDirectory();
    assertThat(resumed.resolve("model")).doesNotExist();
    Pretrainer.Result r = Pretrainer.run(p, PassagePool.Planting.NONE, resumed, 3, java.util.List.of(), 4);
    assertThat(r.steps()).isEqualTo(10);
    assertThat(resumed.resolve("checkpoints")).doesNotExist();
    var a = CausalCheckpoint.load(dir.resolve("whole/model")).weights();
    var b = CausalCheckpoint.load(resumed.resolve("model")).weights();
    for (String k : a.keySet()) {
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    }
    try (var files = Files.list(resumed)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".tokenizer"));
    }
  }

  private Path writeTokenizer() {
    Path f = dir.resolve("tok.json");
    if (!Files.exists(f)) {
      BpeTrainer.write(BpeTrainer.train(java.util.List.of("a tiny corpus for a tiny tokenizer"), 260), f);
    }
    return f;
  }
}
