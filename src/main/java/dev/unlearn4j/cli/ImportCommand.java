package dev.unlearn4j.cli;

import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.encoder.BertClassifier;
import dev.unlearn4j.model.encoder.EncoderCheckpoint;
import dev.unlearn4j.model.encoder.EncoderArgs;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.EncoderParity;
import dev.unlearn4j.model.encoder.HfEncoders;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn import (--onnx FILE [--tokenizer FILE] [--verify] | --hf DIR) --out DIR}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a BERT-family ONNX export or a Hugging Face BERT, RoBERTa or DistilBERT checkpoint "
        + "into an unlearn4j encoder checkpoint.")
public final class ImportCommand implements Callable<Integer> {
  @CommandLine.ArgGroup(multiplicity = "1")
  Source from;

  /** Exactly one source. */
  static final class Source {
    @Option(names = "--onnx", required = true, paramLabel = "FILE",
        description = "ONNX export (input_ids, attention_mask[, token_type_ids] -> last_hidden_state), "
            + "or embedded:all-minilm-l6-v2 / embedded:bge-small-en-v15")
    String onnx;

    @Option(names = "--hf", required = true, paramLabel = "DIR",
        description = "Hugging Face checkpoint directory: config.json, model.safetensors (F32, F16 or BF16), "
            + "tokenizer.json; a base model or a *ForSequenceClassification")
    Path hf;
  }

  @Option(names = "--tokenizer", paramLabel = "FILE",
      description = "its tokenizer.json (default: the embedded model's own)")
  Path tokenizer;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "new checkpoint directory")
  Path out;

  @Option(names = "--verify",
      description = "compare the SameDiff forward pass with onnxruntime on random padded batches; "
          + "fails above the tolerance")
  boolean verify;

  @Option(names = "--tolerance", defaultValue = "1e-4", description = "largest allowed |difference| (${DEFAULT-VALUE})")
  double tolerance;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var console = spec.commandLine().getOut();
    String onnx = from.onnx != null ? from.onnx : from.hf.toString();
    if (from.hf != null && (verify || tokenizer != null)) {
      throw new UnlearnException("--verify and --tokenizer go with --onnx; a Hugging Face checkpoint brings its "
          + "tokenizer.json");
    }
    EncoderBundle bundle = from.hf != null ? HfEncoders.read(from.hf)
        : EncoderBundle.open(onnx, tokenizer == null ? null : tokenizer.toString());
    console.printf("imported %s: %d layers, hidden %d, %d heads, FFN %d, vocabulary %d, %d positions, eps %.1e "
        + "(%,d parameters)%n", onnx, bundle.config().layers(), bundle.config().hidden(), bundle.config().heads(),
        bundle.config().intermediate(), bundle.config().vocabSize(), bundle.config().maxPositions(),
        bundle.config().eps(), bundle.config().parameters());
    if (verify) {
      EncoderArgs args = EncoderArgs.defaults();
      BertClassifier m = bundle.classifier(args, 2, 0);
      if (bundle.origin() == null) {
        throw new UnlearnException(onnx + ": a checkpoint has no ONNX graph to verify against");
      }
      double diff = EncoderParity.maxAbsDiff(m, bundle.origin().file(), 3, 4, 48, 1234L);
      console.printf("verify: max |SameDiff - onnxruntime| = %.3e over 3 random padded batches of 4 x 48 tokens%n",
          diff);
      if (!(diff <= tolerance)) {
        throw new UnlearnException("verify failed: max difference " + diff + " exceeds " + tolerance
            + "; nothing written");
      }
    }
    EncoderArgs d = EncoderArgs.defaults();                       // the source recorded is the one imported
    boolean bare = EmbeddedModels.isEmbedded(onnx) || from.hf != null;
    int longest = Math.min(d.maxLength(), bundle.config().maxPositions() - bundle.config().positionOffset());
    EncoderArgs args = new EncoderArgs(onnx, bare ? null : bundle.tokenizerFile().toString(), longest,
        bundle.pooling(), d.dropout(), d.freezeLayers(), d.freezeEmbeddings());
    EncoderCheckpoint.write(out, bundle.config(), args, bundle.weights(), bundle.tokenizerFile(), bundle.numClasses(),
        bundle.source());
    if (bundle.numClasses() > 0) {
      console.printf("classifier head: %d classes%s%n", bundle.numClasses(), bundle.source().labels() == null ? ""
          : " " + bundle.source().labels());
    }
    console.println("checkpoint written to " + out);
    return 0;
  }
}
