package dev.unlearn4j.cli;

import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.pretrain.PretrainPreset;
import dev.unlearn4j.pretrain.Pretrainer;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Option(names = "--window", description = "override the preset's local attention window (small: 256, as GPT-Neo)")
  Integer window;

  @Option(names = "--plant-sets", defaultValue = "0",
      description = "forget sets of passages planted in the training data, as ICU's original model needs "
          + "(${DEFAULT-VALUE})")
  int plantSets;

  @Option(names = "--plant-per-set", defaultValue = "128", description = "passages per set (${DEFAULT-VALUE})")
  int plantPerSet;

  @Option(names = "--plant-length", defaultValue = "200", description = "tokens per passage (${DEFAULT-VALUE})")
  int plantLength;

  @Option(names = "--plant-repeats", defaultValue = "10",
      description = "extra copies of each planted passage in the training sequences (${DEFAULT-VALUE})")
  int plantRepeats;

  @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N",
      description = "save the training state every N steps in OUT/checkpoints (0 = never; ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(names = "--resume", description = "continue an interrupted run in --out from its checkpoints")
  boolean resume;

  @CommandLine.Mixin ProgressOption progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (resume && !Files.isDirectory(out.resolve("checkpoints"))) {
      throw new UnlearnException(out + ": nothing to resume (no checkpoints/; was --checkpoint-every set?)");
    }
    if (!resume) {
      AtomicFiles.requireEmpty(out, "output directory");
    }
    PretrainPreset p = PretrainPreset.named(preset);
    if (steps != null) {
      p = p.withSteps(steps);
    }
    if (window != null) {
      if (window < 1) {
        throw new UnlearnException("--window must be at least 1, got " + window);
      }
      p = p.withWindow(window);
    }
    if (plantSets < 0 || plantPerSet < 1 || plantLength < 2 || plantRepeats < 0) {
      throw new UnlearnException("--plant-*: sets >= 0, per-set >= 1, length >= 2 and repeats >= 0 required");
    }
    if (plantSets > 0 && plantLength > p.context()) {
      throw new UnlearnException("--plant-length " + plantLength + " exceeds the preset's context of "
          + p.context() + " tokens");
    }
    PassagePool.Planting plant = plantSets == 0 ? PassagePool.Planting.NONE
        : new PassagePool.Planting(plantSets, plantPerSet, plantLength, plantRepeats);
    Pretrainer.Result r = Pretrainer.run(p, plant, out, seed, List.of(progress.listener()), checkpointEvery);
    var o = spec.commandLine().getOut();
    o.printf("preset %s: %,d parameters, %,d training tokens, %d steps, final loss %.3f, held-out perplexity "
        + "%.1f, %.1f s%n", p.name(), r.parameters(), r.trainTokens(), r.steps(), r.finalLoss(),
        r.heldOutPerplexity(), r.seconds());
    if (plant.total() > 0) {
      o.printf("planted %d passages x %d copies: teacher-forced MA %.3f (unseen passages %.3f); passages.jsonl "
          + "lists them%n", plant.total(), plant.repeats(), r.plantedMa(), r.unseenMa());
    }
    o.println("checkpoint written to " + r.checkpoint());
    Pretrainer.writeReport(out, p, plant, seed, r);
    return 0;
  }
}
