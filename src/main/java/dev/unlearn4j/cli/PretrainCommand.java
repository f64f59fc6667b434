package dev.unlearn4j.cli;

import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.causal.PretrainPreset;
import dev.unlearn4j.model.causal.Pretrainer;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn pretrain --preset tiny|small --out DIR}. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
    description = "Pretrain a GPT-Neo-architecture model from scratch on State of the Union addresses and write "
        + "a Hugging Face-style checkpoint (config.json, model.safetensors, tokenizer.json).")
public final class PretrainCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "tiny", description = "tiny or small (${DEFAULT-VALUE})")
  String preset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "new output directory")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "seed (${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--steps", description = "override the preset's number of optimiser steps")
  Integer steps;

  @CommandLine.Mixin ProgressOption progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out) && Files.list(out).findAny().isPresent()) {
      throw new UnlearnException(out + ": output directory exists and is not empty");
    }
    PretrainPreset p = PretrainPreset.named(preset);
    if (steps != null) {
      p = p.withSteps(steps);
    }
    Pretrainer.Result r = Pretrainer.run(p, out, seed,
        List.of(progress.listener()));
    var o = spec.commandLine().getOut();
    o.printf("preset %s: %,d parameters, %,d training tokens, %d steps, final loss %.3f, held-out perplexity "
        + "%.1f, %.1f s%n", p.name(), r.parameters(), r.trainTokens(), r.steps(), r.finalLoss(),
        r.heldOutPerplexity(), r.seconds());
    o.println("checkpoint written to " + r.checkpoint());
    // paths as given on the command line (Jackson would write a Path as an absolute URI)
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("checkpoint", r.checkpoint().toString());
    result.put("parameters", r.parameters());
    result.put("trainTokens", r.trainTokens());
    result.put("steps", r.steps());
    result.put("finalLoss", r.finalLoss());
    result.put("heldOutPerplexity", r.heldOutPerplexity());
    result.put("seconds", r.seconds());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("preset", p);
    json.put("seed", seed);
    json.put("result", result);
    AtomicFiles.writeString(out.resolve("pretrain.json"), Mappers.JSON.writeValueAsString(json) + "\n");
    return 0;
  }
}
