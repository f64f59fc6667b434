package dev.unlearn4j.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.Generator;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretraining with planted passages: the passages become reproducible by greedy decoding, unseen ones do not. */
@NeedsDatasetPackages
@Tag("slow")
class MemorisationTest {
  @TempDir Path dir;

  @Test
  void plantedPassagesAreMemorisedAndWrittenOut() {
    // 1 training address, 2 passages of 32 tokens planted 100 times each
    PretrainPreset p = new PretrainPreset("test", 1, 1, 512, 32, 2, 2, 64, 32, 8, 250, 3e-3);
    PassagePool.Planting plant = new PassagePool.Planting(1, 2, 32, 100);
    Pretrainer.Result r = Pretrainer.run(p, plant, dir, 5, List.of(), 0);
    assertThat(r.finalLoss()).as("training loss").isLessThan(5.0);
    assertThat(r.plantedMa()).as("teacher-forced MA of the planted passages").isGreaterThan(0.85);
    assertThat(r.unseenMa()).as("MA of unseen passages").isLessThan(0.4);

    List<PassagePool.Passage> passages = PassageFiles.read(dir.resolve("passages.jsonl"));
    assertThat(passages.stream().filter(q -> q.kind().equals("forget")).map(PassagePool.Passage::id))
        .containsExactly("f0-000", "f0-001");
    assertThat(passages).anyMatch(q -> q.kind().equals("candidate")).anyMatch(q -> q.kind().equals("unseen"));
    CausalLm lm = CausalCheckpoint.load(r.checkpoint());
    for (PassagePool.Passage q : passages.subList(0, 2)) {
      int[] prompt = Arrays.copyOf(q.tokens(), 16);
      int[] want = Arrays.copyOfRange(q.tokens(), 16, 32);
      int[] got = Generator.greedy(lm, new int[][] {prompt}, 16, -1)[0];
      int same = 0;
      for (int i = 0; i < 16; i++) {
        same += got[i] == want[i] ? 1 : 0;
      }
      assertThat(same).as("greedy continuation of %s matches the planted suffix", q.id()).isGreaterThanOrEqualTo(15);
    }
  }
}
