package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;

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
}
