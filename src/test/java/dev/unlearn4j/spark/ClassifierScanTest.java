package dev.unlearn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.encoder.EncoderPredictor;
import dev.unlearn4j.model.encoder.TinyHfEncoders;
import dev.unlearn4j.testing.CliRun;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unlearn scan} of a classifier in {@code local[2]}: per record the prediction, the cross-entropy of its own
 * label, correctness and the LOSS membership score, equal to the classifier's own probabilities on the same
 * batches; a label the model does not have fails with the record's id.
 */
class ClassifierScanTest {
  @TempDir Path dir;

  @Test
  void lossPredictionAndMembershipPerRecord() throws Exception {
    Path model = dir.resolve("roberta");
    TinyHfEncoders.write(model, "roberta", "F32", true, 21);
    List<String> names = List.of("negative", "neutral", "positive");
    Random r = new Random(2);
    List<String[]> records = new ArrayList<>();
    StringBuilder csv = new StringBuilder("id,text,label\n");
    for (int i = 0; i < 20; i++) {
      String text = "word" + r.nextInt(28) + " word" + r.nextInt(28) + " word" + r.nextInt(28);
      String label = i % 4 == 0 ? String.valueOf(i % 3) : names.get(i % 3);        // names and indices both
      records.add(new String[] {"r" + i, text, label});
      csv.append("r").append(i).append(',').append(text).append(',').append(label).append('\n');
    }
    Path data = Files.writeString(dir.resolve("records.csv"), csv.toString());
    Path out = dir.resolve("scan");
    CliRun run = CliRun.of("scan", "--model", model.toString(), "--data", data.toString(), "--out", out.toString(),
        "--batch", "8", "--top", "3", "--master", "local[2]");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = Mappers.JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("records").asLong()).isEqualTo(20);
    assertThat(summary.get("ranked_by").asText()).isEqualTo("loss");

    Map<String, CSVRecord> got = new HashMap<>();
    try (var parts = Files.list(out.resolve("scores.csv"))) {
      for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        try (Reader rd = Files.newBufferedReader(part)) {
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(rd)
              .forEach(rec -> got.put(rec.get("id"), rec));
        }
      }
    }
    EncoderPredictor p = EncoderPredictor.open(model);
    double lowest = Double.MAX_VALUE;
    for (int first = 0; first < records.size(); first += 8) {
      List<String[]> batch = records.subList(first, Math.min(records.size(), first + 8));
      List<EncoderPredictor.Prediction> preds = p.predict(batch.stream().map(b -> b[1]).toList(), false);
      for (int i = 0; i < batch.size(); i++) {
        String[] rec = batch.get(i);
        int label = rec[2].matches("\\d") ? Integer.parseInt(rec[2]) : names.indexOf(rec[2]);
        double loss = -Math.log(preds.get(i).probabilities()[label]);
        CSVRecord g = got.get(rec[0]);
        assertThat(Double.parseDouble(g.get("loss"))).as(rec[0]).isEqualTo(loss);
        assertThat(Double.parseDouble(g.get("membership"))).isEqualTo(-loss);
        assertThat(g.get("prediction")).isEqualTo(names.get(preds.get(i).label()));
        assertThat(Double.parseDouble(g.get("correct"))).isEqualTo(preds.get(i).label() == label ? 1.0 : 0.0);
        lowest = Math.min(lowest, loss);
      }
    }
    assertThat(summary.at("/top/0/loss").asDouble()).as("the best-fitted record first").isEqualTo(lowest);

    Path bad = Files.writeString(dir.resolve("bad.csv"), "id,text,label\nx,word1 word2,sarcastic\n");
    CliRun wrong = CliRun.of("scan", "--model", model.toString(), "--data", bad.toString(), "--out",
        dir.resolve("scan-bad").toString(), "--master", "local[1]");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("record 'x': label 'sarcastic' is none of the model's");
    assertThat(dir.resolve("scan-bad")).doesNotExist();
  }
}
