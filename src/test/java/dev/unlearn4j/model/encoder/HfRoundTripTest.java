package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Your own model" commands on a small Hugging Face RoBERTa classifier: unlearn it as it is (no
 * fine-tuning, no oracle) on a CSV with a separate test file, export the result in Hugging Face layout, and predict
 * with both. The run's "before" is the user's model unchanged, and the export predicts exactly as the run's model.
 */
class HfRoundTripTest {
  @TempDir Path dir;

  private Path csv(String name, int rows, Random r) throws Exception {
    List<String> labels = List.of("negative", "neutral", "positive");
    StringBuilder b = new StringBuilder("text,label\n");
    for (int i = 0; i < rows; i++) {
      b.append("word").append(2 + r.nextInt(20)).append(" word").append(2 + r.nextInt(20)).append(',')
          .append(labels.get(i % 3)).append('\n');
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  private static List<JsonNode> predict(Path model, Path input) throws Exception {
    CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      out.add(Mappers.JSON.readTree(line));
    }
    return out;
  }

  @Test
  void unlearnAHuggingFaceClassifierExportItAndPredict() throws Exception {
    Path hf = dir.resolve("my-classifier");
    TinyHfEncoders.write(hf, "roberta", "F32", true, 13);
    Random r = new Random(5);
    Path train = csv("train.csv", 60, r);
    Path test = csv("test.csv", 15, r);
    Path config = Files.writeString(dir.resolve("mine.yaml"), """
        name: mine
        seed: 3
        output: %s
        dataset: {name: csv, args: {path: %s, testPath: %s}}
        model: {name: bert, args: {source: %s, maxLength: 16}}
        method: {name: deepcut, args: {forgetBatch: 2, retainBatch: 2, train: {epochs: 1, learningRate: 1.0e-3}}}
        forget: {count: 4}
        train: {epochs: 0}
        eval: {oracle: false}
        """.formatted(dir.resolve("results"), train, test, hf));
    CliRun run = CliRun.of("run", config.toString(), "--run-id", "r", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path runDir = dir.resolve("results/mine/r");
    JsonNode summary = Mappers.JSON.readTree(runDir.resolve("summary.json").toFile());
    assertThat(Files.readAllLines(runDir.resolve("splits/test.txt"))).hasSize(15).allMatch(l -> l.startsWith("test-"));

    // the original is the user's model as it is: its test accuracy is that of predict on the Hugging Face directory
    List<JsonNode> asGiven = predict(hf, test);
    List<String> truth = Files.readAllLines(test).stream().skip(1).map(l -> l.substring(l.indexOf(',') + 1)).toList();
    double correct = 0;
    for (int i = 0; i < truth.size(); i++) {
      correct += asGiven.get(i).path("label").asText().equals(truth.get(i)) ? 1 : 0;
    }
    assertThat(summary.at("/before/test.accuracy").asDouble()).isCloseTo(correct / truth.size(), within(1e-12));
    assertThat(summary.path("labelNames").toString()).isEqualTo("[\"negative\",\"neutral\",\"positive\"]");

    Path exported = dir.resolve("unlearned-hf");
    CliRun export = CliRun.of("export", runDir.resolve("model").toString(), "--hf", "--out", exported.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Mappers.JSON.readTree(exported.resolve("config.json").toFile()).at("/id2label/2").asText())
        .isEqualTo("positive");
    List<JsonNode> fromRun = predict(runDir.resolve("model"), test);
    List<JsonNode> fromExport = predict(exported, test);
    double moved = 0;
    for (int i = 0; i < truth.size(); i++) {
      assertThat(fromExport.get(i).path("probabilities")).isEqualTo(fromRun.get(i).path("probabilities"));
      moved += Math.abs(fromRun.get(i).at("/probabilities/negative").asDouble()
          - asGiven.get(i).at("/probabilities/negative").asDouble());
    }
    assertThat(moved).as("unlearning changed the model").isGreaterThan(1e-4);
  }
}
