package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence run with {@code eval.relearn} on the tiny preset: the attack's "before" values are the original's and
 * the unlearned model's MA on the held-out half of the forget set, its baseline the original's on unseen passages,
 * recovery follows from them, and report.md carries the verification section.
 */
@NeedsDatasetPackages
@Tag("slow")
class SequenceRelearnRunTest {
  @TempDir Path dir;

  @Test
  void attackValuesAreTheModelsOwnOnTheHeldOutHalf() throws Exception {
    Path cfg = Fixtures.write(dir, "icu-tiny.yaml", Fixtures.tinyIcuYaml("icu-tiny", dir.resolve("runs")));
    List<String> sets = List.of("eval.jangEl=false", "eval.relearn.steps=4", "eval.relearn.learningRate=0.003",
        "eval.relearn.batchSize=2");
    CliRun run = CliRun.of("run", cfg.toString(), "--run-id", "r", "--no-progress", "--set", sets.get(0), "--set",
        sets.get(1), "--set", sets.get(2), "--set", sets.get(3));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path runDir = dir.resolve("runs/icu-tiny/r");
    JsonNode a = Mappers.JSON.readTree(runDir.resolve("summary.json").toFile()).get("after");

    SequenceConfig c = SequenceExperiment.resolve(ConfigLoader.readTree(cfg), sets, cfg.toString()).config();
    OriginalModels.Original o = OriginalModels.obtain(c, List.of());
    PassageSets ps = PassageSets.of(o.passages(), 0, c.eval(), c.seed());
    List<PassagePool.Passage> heldOut = SequenceRelearn.halves(ps.forget(), c.seed()).get(1);
    List<PassagePool.Passage> unseenHeldOut = SequenceRelearn.halves(ps.unseen(), c.seed()).get(1);
    CausalLm original = CausalCheckpoint.load(o.checkpoint());
    assertThat(a.get("relearn.original.ma").asDouble()).isEqualTo(ma(original, heldOut));
    assertThat(a.get("relearn.oracle_before.ma").asDouble()).isEqualTo(ma(original, unseenHeldOut));
    // the unlearned model's per-passage MA after training, from metrics.csv (6 decimals)
    Map<String, Double> after = new HashMap<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.csv"))) {
      String[] f = line.split(",");
      if (f[0].equals("after") && f[3].equals("ma")) {
        after.put(f[2], Double.parseDouble(f[4]));
      }
    }
    double before = heldOut.stream().mapToDouble(p -> after.get(p.id())).average().orElseThrow();
    assertThat(a.get("relearn.before.ma").asDouble()).isCloseTo(before, within(1e-5));
    assertThat(a.get("relearn.original.ma").asDouble()).as("memorised").isGreaterThan(a.get("relearn.oracle_before.ma")
        .asDouble());
    double recovery = (a.get("relearn.after.ma").asDouble() - a.get("relearn.before.ma").asDouble())
        / (a.get("relearn.original.ma").asDouble() - a.get("relearn.before.ma").asDouble());
    assertThat(a.get("relearn.recovery").asDouble()).isCloseTo(recovery, within(1e-12));
    assertThat(a.get("relearn.after.el_icu").asDouble()).isBetween(0.0, 1.0);
    try (var entries = Files.list(Fixtures.originalCache().resolve("prepared"))) {
      assertThat(entries.map(f -> f.getFileName().toString())).as("the original's values, cached for other runs")
          .anyMatch(n -> n.startsWith("relearn-original-"));
    }
    String report = Files.readString(runDir.resolve("report.md"));
    assertThat(report).contains("## Verification", "forget vs unseen passages", "relearning attack");
    assertThat(report.lines().filter(l -> l.startsWith("| membership") || l.startsWith("| relearning")))
        .as("three cells each").hasSize(2).allMatch(l -> l.chars().filter(ch -> ch == '|').count() == 4);
  }

  private static double ma(CausalLm lm, List<PassagePool.Passage> ps) {
    return PassageScorer.mean(PassageScorer.memorisation(lm, ps.stream().map(PassagePool.Passage::tokens).toList()));
  }
}
