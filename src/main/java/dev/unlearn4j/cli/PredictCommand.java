package dev.unlearn4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.io.TableRows;
import dev.unlearn4j.model.encoder.EncoderPredictor;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn predict --model CKPT (--text T ... | --input FILE [--text-column C]) [--embed]}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Classify texts with an encoder checkpoint (unlearn4j or Hugging Face): one JSON object per "
        + "input on standard output, in input order, with the predicted label and the class probabilities.")
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "checkpoint directory")
  Path model;

  @CommandLine.ArgGroup(multiplicity = "1")
  Input input;

  /** Texts on the command line or in a file. */
  static final class Input {
    @Option(names = "--text", required = true, paramLabel = "T", description = "a text to classify (repeatable)")
    List<String> texts;

    @Option(names = "--input", required = true, paramLabel = "FILE",
        description = "a .csv (header row) or .jsonl file with a text column")
    Path file;
  }

  @Option(names = "--text-column", defaultValue = "text", paramLabel = "C",
      description = "the column of --input holding the text (${DEFAULT-VALUE}); an id column is copied over")
  String textColumn;

  @Option(names = "--embed", description = "also print the pooled vector (the representation DeepCUT reshapes)")
  boolean embed;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "texts per forward pass "
      + "(${DEFAULT-VALUE})")
  int batch;

  @CommandLine.Mixin ProgressOption progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (batch < 1) {
      throw new UnlearnException("--batch must be at least 1, got " + batch);
    }
    List<String> texts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    if (input.file != null) {
      for (TableRows.Row r : TableRows.read(input.file)) {
        String t = r.fields().get(textColumn);
        if (t == null) {
          throw new UnlearnException(input.file + " line " + r.line() + ": no '" + textColumn + "' value "
              + "(--text-column names the column)");
        }
        texts.add(t);
        ids.add(r.fields().get("id"));
      }
    } else {
      texts.addAll(input.texts);
      texts.forEach(t -> ids.add(null));
    }
    EncoderPredictor p = EncoderPredictor.open(model);
    if (!p.hasHead() && !embed) {
      throw new UnlearnException(model + ": has no classifier head; --embed prints its pooled vectors");
    }
    List<String> labels = p.labels();
    PrintWriter out = spec.commandLine().getOut();
    boolean bar = input.file != null && !progress.noProgress && texts.size() > batch;
    try (ProgressBar pb = bar ? new ProgressBarBuilder().setTaskName("predict").setInitialMax(texts.size())
        .build() : null) {
      for (int start = 0; start < texts.size(); start += batch) {
        List<String> part = texts.subList(start, Math.min(texts.size(), start + batch));
        List<EncoderPredictor.Prediction> preds = p.predict(part, embed);
        for (int i = 0; i < part.size(); i++) {
          out.println(json(start + i, ids.get(start + i), preds.get(i), labels, p.hasHead()));   // one line each
        }
        if (pb != null) {
          pb.stepBy(part.size());
        }
      }
    }
    out.flush();
    return 0;
  }

  private static ObjectNode json(int index, String id, EncoderPredictor.Prediction pr, List<String> labels,
      boolean head) {
    ObjectNode o = Mappers.JSON.createObjectNode();
    o.put("index", index);
    if (id != null) {
      o.put("id", id);
    }
    if (head) {
      if (labels != null) {
        o.put("label", labels.get(pr.label()));
      }
      o.put("label_id", pr.label());
      ObjectNode probs = o.putObject("probabilities");
      for (int c = 0; c < pr.probabilities().length; c++) {
        probs.put(labels != null ? labels.get(c) : String.valueOf(c), pr.probabilities()[c]);
      }
    }
    if (pr.embedding() != null) {
      var e = o.putArray("embedding");
      for (double v : pr.embedding()) {
        e.add(v);
      }
    }
    return o;
  }
}
