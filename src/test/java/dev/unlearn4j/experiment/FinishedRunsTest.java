package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinishedRunsTest {
  @TempDir Path root;

  private static void write(Path f, String json) throws Exception {
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
  }

  @Test
  void laterEvaluationsFillOnlyWhatTheRunLacks() throws Exception {
    Path run = root.resolve("exp/icu-set0");
    write(run.resolve("summary.json"), """
        {"method": "icu", "before": {"forget.ma": 0.9}, "after": {"forget.ma": 0.3, "forget.el_icu": 0.01}}""");
    // a later evaluation: Jang EL before and after, and a re-measured MA that must not replace the run's own
    write(run.resolve("eval-jang/summary.json"), """
        {"before": {"forget.el_jang": 0.4}, "after": {"forget.el_jang": 0.02, "forget.ma": 0.5}}""");
    write(run.resolve("eval-later/summary.json"), """
        {"before": {}, "after": {"forget.el_jang": 0.9, "unseen.perplexity": 130.0}}""");
    Files.createDirectories(run.resolve("eval-unfinished"));                     // no summary: ignored

    List<FinishedRuns.Run> runs = FinishedRuns.under(root);
    assertThat(runs).hasSize(1);                  // eval-*/summary.json is one level too deep to count as a run
    FinishedRuns.Run merged = runs.get(0).withLaterEvals();
    assertThat(merged.value("before", "forget.el_jang")).isEqualTo(0.4);
    assertThat(merged.value("after", "forget.el_jang")).as("first evaluation in name order").isEqualTo(0.02);
    assertThat(merged.value("after", "forget.ma")).as("the run's own value").isEqualTo(0.3);
    assertThat(merged.value("after", "unseen.perplexity")).isEqualTo(130.0);
    assertThat(merged.value("before", "forget.ma")).isEqualTo(0.9);
    assertThat(runs.get(0).value("after", "forget.el_jang")).as("the run itself unchanged").isNaN();
  }
}
