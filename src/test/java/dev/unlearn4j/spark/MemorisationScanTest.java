package dev.unlearn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.WordTokenizers;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.TrainStep;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code unlearn scan} in {@code local[2]}: a tiny model that memorised 4 planted passages, scanned with 60 unseen
 * ones, ranks exactly the planted passages first by EL, and every record's values equal those of the same batches
 * scored in this JVM without Spark, to the last bit.
 */
class MemorisationScanTest {
  private static final int LENGTH = 32;
  private static final int BATCH = 8;
  private static final List<String> PLANTED = List.of("planted-0", "planted-1", "planted-2", "planted-3");

  @TempDir static Path dir;
  private static Path model;
  private static Path csv;
  private static List<PassageScores.Passage> records;

  @BeforeAll
  static void memorisingModelAndRecords() throws Exception {
    int vocab = 64;
    GptConfig c = new GptConfig(GptConfig.NEO, vocab, 64, 32, 2, 128, 1e-5, List.of("global", "global"), 256);
    CausalLm lm = new CausalLm(c, GptWeights.random(c, 11, DataType.FLOAT));
    Random r = new Random(5);
    records = new ArrayList<>();
    List<Example> planted = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int[] ids = r.ints(LENGTH, 2, vocab).toArray();
      // the planted passages sit among the unseen ones, not first, so the ranking has to find them
      String id = i % 16 == 5 ? PLANTED.get(i / 16) : "unseen-" + i;
      records.add(new PassageScores.Passage(i, id, ids));
      if (id.startsWith("planted")) {
        planted.add(Example.ofTokens(id, ids));
      }
    }
    ModelGraph g = lm.graph(true, 1);
    TrainStep step = new TrainStep(g, vocab, Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain())),
        new TrainSpec(1, 4, 1e-2, TrainSpec.Optimizer.ADAM, 0.9, 0.0, 1.0, 0));
    for (int s = 1; s <= 200; s++) {
      step.run(new Batch(List.of(), planted), "plant", s, 1);
    }
    lm.load(g);
    model = dir.resolve("model");
    CausalCheckpoint.save(lm, WordTokenizers.write(dir.resolve("tokenizer.json"), vocab), model);
    csv = dir.resolve("records.csv");
    Files.writeString(csv, "id,tokens\n" + records.stream().map(p -> p.id() + "," + Arrays.stream(p.tokens())
        .mapToObj(String::valueOf).collect(Collectors.joining(" "))).collect(Collectors.joining("\n")) + "\n");
  }

  @Test
  void findsThePlantedPassagesWithTheSameValuesAsOneJvm() throws Exception {
    Path out = dir.resolve("scan");
    CliRun run = CliRun.of("scan", "--model", model.toString(), "--data", csv.toString(), "--out", out.toString(),
        "--length", String.valueOf(LENGTH), "--batch", String.valueOf(BATCH), "--top", "4", "--master", "local[2]",
        "--partitions", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = Mappers.JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("records").asLong()).isEqualTo(64);
    List<String> top = new ArrayList<>();
    summary.get("top").forEach(t -> top.add(t.get("id").asText()));
    assertThat(top).containsExactlyInAnyOrderElementsOf(PLANTED);
    assertThat(summary.at("/top/3/ma").asDouble()).as("the planted passages are memorised").isGreaterThan(0.9);
    assertThat(out.resolve("histogram.png")).isNotEmptyFile();
    assertThat(out.resolve("summary.md")).content().contains("| planted-");
    assertThat(out.resolve("scores.parquet")).isDirectory();

    Map<String, CSVRecord> spark = new HashMap<>();
    try (var parts = Files.list(out.resolve("scores.csv"))) {
      for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        try (Reader rd = Files.newBufferedReader(part)) {
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(rd)
              .forEach(rec -> spark.put(rec.get("id"), rec));
        }
      }
    }
    assertThat(spark).hasSize(64);
    CausalLm lm = CausalCheckpoint.load(model);
    try (TextTokenizer tok = TextTokenizer.untruncated(model.resolve("tokenizer.json"))) {
      for (int first = 0; first < records.size(); first += BATCH) {
        List<PassageScores.Passage> batch = records.subList(first, Math.min(records.size(), first + BATCH));
        for (PassageScores.Scored s : PassageScores.score(lm, tok, batch, PassageScores.METRICS, 10)) {
          for (String m : PassageScores.METRICS) {
            assertThat(Double.parseDouble(spark.get(s.id()).get(m))).as(s.id() + " " + m)
                .isEqualTo(s.values().get(m));
          }
        }
      }
    }
  }

  @Test
  void badRecordsFailWithTheirIdAndLeaveNothing() throws Exception {
    Path bad = dir.resolve("short.csv");
    Files.writeString(bad, "id,tokens\nok," + "3 ".repeat(LENGTH) + "\ntoo-short,3 4 5\n");
    Path out = dir.resolve("scan-bad");
    CliRun run = CliRun.of("scan", "--model", model.toString(), "--data", bad.toString(), "--out", out.toString(),
        "--length", String.valueOf(LENGTH), "--master", "local[1]");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("record 'too-short' has 3 tokens, fewer than --length 32");
    assertThat(out).doesNotExist();
    Path noId = dir.resolve("noid.csv");
    Files.writeString(noId, "name,text\na,b\n");
    CliRun missing = CliRun.of("scan", "--model", model.toString(), "--data", noId.toString(), "--out",
        dir.resolve("scan-noid").toString(), "--length", String.valueOf(LENGTH), "--master", "local[1]");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("noid.csv: no 'id' column");
  }
}
