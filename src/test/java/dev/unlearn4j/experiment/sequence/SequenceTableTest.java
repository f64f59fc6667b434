package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlearn table} on sequence runs: mean ± std per row, with Jang EL added to the runs by later evals. */
class SequenceTableTest {
  @TempDir Path root;

  private void run(String id, double maAfter, double jangBefore, double jangAfter) throws Exception {
    run(id, maAfter);
    Path dir = root.resolve("exp/" + id);
    Files.createDirectories(dir.resolve("eval-jang"));
    Files.writeString(dir.resolve("eval-jang/summary.json"), """
        {"before": {"forget.el_jang": %s}, "after": {"forget.el_jang": %s}}""".formatted(jangBefore, jangAfter));
  }

  private void run(String id, double maAfter) throws Exception {
    Path dir = Files.createDirectories(root.resolve("exp/" + id));
    Files.writeString(dir.resolve("summary.json"), """
        {"method": "icu", "dataset": "planted-set-%s", "before": {"forget.ma": 0.9},
         "after": {"forget.ma": %s, "epochs": 2}, "timing": {"unlearn_s": 10}}"""
        .formatted(id.substring(id.length() - 1), maAfter));
    Files.writeString(dir.resolve("refinement_log.csv"), """
        epoch,flagged,ma,el_icu,bertscore_f1,bleu,token_entropy,unseen_perplexity
        0,4,0.9,0.5,0.9,0.7,5.0,120.0
        2,1,0.3,0.0,0.5,0.0,4.0,130.0
        """);
  }

  @Test
  void jangElFromLaterEvaluationsFillsItsColumn() throws Exception {
    run("icu-set0", 0.30, 0.20, 0.01);
    run("icu-set1", 0.40, 0.30, 0.03);
    CliRun table = CliRun.of("table", root.toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    String md = Files.readString(root.resolve("table.md"));
    // columns: EL ICU, EL Jang, MA, ...; Jang in %: before 25 ± 7.07, after 2 ± 1.41; MA after 35 ± 7.07
    assertThat(md).contains("| original | 2 | – | 25.00 ± 7.07 | 90.00 ± 0.00 |");
    assertThat(md).contains("| icu | 2 | – | 2.00 ± 1.41 | 35.00 ± 7.07 |");
  }

  @Test
  void relearnColumnsAppearOnlyWhenARunHasTheAttack() throws Exception {
    run("icu-set0", 0.30);
    CliRun plain = CliRun.of("table", root.toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(Files.readString(root.resolve("table.md"))).doesNotContain("relearn");
    run("graddiff-set0", 0.10);
    Files.writeString(root.resolve("exp/graddiff-set0/summary.json"), """
        {"method": "graddiff", "dataset": "planted-set-0", "before": {"forget.ma": 0.9},
         "after": {"forget.ma": 0.1, "epochs": 2, "relearn.after.ma": 0.55, "relearn.recovery": 0.6,
         "relearn.oracle_recovery": 0.05}, "timing": {"unlearn_s": 10}}""");
    CliRun table = CliRun.of("table", root.toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    String md = Files.readString(root.resolve("table.md"));
    assertThat(md).contains("| MA after relearning (%) | relearn recovery | never-seen relearn recovery |");
    // the last three value columns before "stopped by": 55 %, 0.60, 0.05; the ICU run has no attack: –
    assertThat(md).contains("| graddiff | 1 |", "| 2.00 | 55.00 | 0.60 | 0.05 | 0 / 1 / 0 |");
    assertThat(md).containsPattern("\\| icu \\| 1 \\|.*\\| – \\| – \\| – \\|");
    assertThat(md).contains("Relearning (`eval.relearn`");
  }

  @Test
  void originalRowTakesJangElFromWhicheverRunOfItsSetHasIt() throws Exception {
    run("graddiff-set0", 0.10);                       // first in path order, no Jang EL
    run("icu-set0", 0.30, 0.20, 0.01);
    run("graddiff-set1", 0.20);
    run("icu-set1", 0.40, 0.30, 0.03);
    CliRun table = CliRun.of("table", root.toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    String md = Files.readString(root.resolve("table.md"));
    assertThat(md).contains("| original | 2 | – | 25.00 ± 7.07 | 90.00 ± 0.00 |");
    assertThat(md).contains("| graddiff | 2 | – | – | 15.00 ± 7.07 |");   // no Jang EL of its own
    assertThat(md).contains("| icu | 2 | – | 2.00 ± 1.41 | 35.00 ± 7.07 |");
  }

  @Test
  void tableJsonCountsHowEachRunStopped() throws Exception {
    // thresholds MA 0.2, EL 0.05; cap 4 epochs: set0 meets both, set1 ends early with MA above, set2 runs to the cap
    String[][] runs = {{"0", "0.15", "0.0", "3"}, {"1", "0.30", "0.0", "2"}, {"2", "0.30", "0.10", "4"}};
    for (String[] r : runs) {
      Path dir = Files.createDirectories(root.resolve("exp/icu-set" + r[0]));
      Files.writeString(dir.resolve("summary.json"), """
          {"experiment": "exp", "method": "icu", "dataset": "planted-set-%s", "before": {"forget.ma": 0.9},
           "after": {"forget.ma": %s, "forget.el_icu": %s, "threshold.ma": 0.2, "threshold.el_icu": 0.05,
           "epochs": %s}, "timing": {"unlearn_s": 10}}""".formatted(r[0], r[1], r[2], r[3]));
      Files.writeString(dir.resolve("refinement_log.csv"), """
          epoch,flagged,ma,el_icu,bertscore_f1,bleu,token_entropy,unseen_perplexity
          0,4,0.9,0.5,0.9,0.7,5.0,120.0
          """);
      Files.writeString(dir.resolve("config.yaml"), "method: {args: {train: {epochs: 4}}}\n");
    }
    CliRun table = CliRun.of("table", root.toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    JsonNode g = Mappers.JSON.readTree(root.resolve("table.json").toFile()).path("groups").get(0);
    assertThat(g.path("name").asText()).isEqualTo("exp");
    assertThat(g.path("dataset").asText()).isEqualTo("sotu");
    JsonNode icu = g.path("rows").get(1);
    assertThat(icu.path("method").asText()).isEqualTo("icu");
    assertThat(icu.path("stopped_by").toString()).isEqualTo("{\"rule\":1,\"nothing_flagged\":1,\"cap\":1}");
    assertThat(icu.at("/metrics/forget.ma/mean").asDouble()).isCloseTo(0.25, within(1e-12));
    assertThat(icu.at("/metrics/timing.unlearn_s/mean").asDouble()).isEqualTo(10.0);
    assertThat(g.path("rows").get(0).has("stopped_by")).as("the original row has none").isFalse();
  }
}
