package dev.unlearn4j.pretrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.builtin.Sotu;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.BpeTrainer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Pretrains a GPT-Neo-architecture model from scratch on State of the Union addresses: whole addresses are held
 * out (seeded, 10 %), a byte-level BPE is trained on the rest, the token stream (addresses separated by
 * {@code <|endoftext|>}) is cut into non-overlapping sequences, and the model is trained with next-token
 * cross-entropy. Held-out perplexity uses non-overlapping windows of the context length.
 */
public final class Pretrainer {
  private Pretrainer() {}

  /**
   * What pretraining produced and measured; the memorisation accuracies are teacher-forced MA over the planted
   * passages and over as many unseen held-out passages (NaN without planting).
   */
  public record Result(Path checkpoint, long parameters, int trainTokens, int steps, double finalLoss,
      double heldOutPerplexity, double plantedMa, double unseenMa, double seconds) {}

  public static Result run(PretrainPreset p, Path out, long seed, List<TrainingListener> listeners) {
    return run(p, PassagePool.Planting.NONE, out, seed, listeners, 0);
  }

  /**
   * Pretrains with {@code plant} passages repeated in the training sequences and writes them to passages.jsonl.
   * With {@code checkpointEvery} &gt; 0 the trainer's state is saved every that many steps in
   * {@code out/checkpoints/}; a run started again on the same directory continues from the latest one (the
   * tokenizer and the data are rebuilt identically from the seed) and ends with the same weights. The checkpoints
   * are deleted when the model is written. {@code seconds} then counts the last process only.
   */
  public static Result run(PretrainPreset p, PassagePool.Planting plant, Path out, long seed,
      List<TrainingListener> listeners, int checkpointEvery) {
    long t0 = System.nanoTime();
    Seeds.seedNd4j(seed);
    List<Sotu.Address> all = new ArrayList<>(Sotu.addresses());
    Collections.shuffle(all, Seeds.random(seed, "pretrain.split"));
    int held = Math.max(1, all.size() / 10);
    List<String> heldOut = all.subList(0, p.evalAddresses() > 0 ? Math.min(held, p.evalAddresses()) : held)
        .stream().map(Sotu.Address::text).toList();
    List<Sotu.Address> trainAddr = all.subList(held, all.size());
    if (p.addresses() > 0) {
      trainAddr = trainAddr.subList(0, Math.min(p.addresses(), trainAddr.size()));
    }
    List<String> train = trainAddr.stream().map(Sotu.Address::text).toList();

    Path tokFile;
    try {
      Files.createDirectories(out);
      try (var stale = Files.newDirectoryStream(out, ".tokenizer*.json")) {          // an interrupted run's
        for (Path f : stale) {
          Files.delete(f);
        }
      }
      tokFile = Files.createTempFile(out, ".tokenizer", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BpeTrainer.write(BpeTrainer.train(train, p.vocab()), tokFile);
    List<Example> sequences = new ArrayList<>();
    int trainTokens;
    CausalLm lm = new CausalLm(p.config(), GptWeights.random(p.config(), Seeds.derive(seed, "init"),
        DataType.FLOAT));
    try (TextTokenizer tok = TextTokenizer.untruncated(tokFile)) {
      int[] stream = stream(tok, train);
      int[] heldStream = stream(tok, heldOut);
      trainTokens = stream.length;
      for (int s = 0; s + p.context() <= stream.length; s += p.context()) {
        sequences.add(window(stream, s, p.context(), "seq-" + sequences.size()));
      }
      List<PassagePool.Passage> planted = List.of();
      List<PassagePool.Passage> unseen = List.of();
      if (plant.total() > 0) {
        List<PassagePool.Passage> pool = PassagePool.fromTraining(stream, plant, seed);
        planted = pool.subList(0, plant.total());
        unseen = PassagePool.unseen(heldStream, plant.length());
        sequences.addAll(copies(stream, planted, plant, p.context()));
        PassageFiles.write(out.resolve("passages.jsonl"), pool, unseen);
      }
      int perEpoch = (sequences.size() + p.batch() - 1) / p.batch();
      int epochs = (p.steps() + perEpoch - 1) / perEpoch;
      Path stateDir = out.resolve("checkpoints");
      TrainingCheckpoints saves = checkpointEvery > 0 || Files.isDirectory(stateDir)
          ? new TrainingCheckpoints(stateDir, checkpointEvery) : null;
      TrainerState end = new Trainer(listeners).withCheckpoints(saves).fit("pretrain", lm,
          Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain())), BatchPlan.retainOnly(p.batch()),
          new TrainSpec(epochs, p.batch(), p.learningRate(), TrainSpec.Optimizer.ADAM, 0.9, 0.0, 1.0, p.steps()),
          List.of(), sequences, seed);
      double ppl = PassageScorer.perplexity(lm, heldStream, p.context());
      double plantedMa = planted.isEmpty() ? Double.NaN : meanMa(lm, planted);
      double unseenMa = planted.isEmpty() ? Double.NaN
          : meanMa(lm, unseen.subList(0, Math.min(unseen.size(), planted.size())));
      Path ckpt = out.resolve("model");
      CausalCheckpoint.save(lm, tokFile, ckpt);
      Files.deleteIfExists(tokFile);
      if (saves != null) {
        saves.deleteAll();
      }
      long params = lm.weights().values().stream().mapToLong(a -> a.length()).sum();
      return new Result(ckpt, params, trainTokens, end.step(), end.loss(), ppl, plantedMa, unseenMa,
          (System.nanoTime() - t0) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Example window(int[] stream, int start, int context, String id) {
    int s = Math.max(0, Math.min(start, stream.length - context));
    return Example.ofTokens(id, Arrays.copyOfRange(stream, s, s + context));
  }

  /**
   * The planted copies: each passage {@code repeats} times as a context window of the stream, alternately starting
   * at the passage's first token (so teacher-forced MA and EL see it at positions 0..L−1, as they score it) and at
   * its middle (so the prompt that ICU's refinement gives, tokens L/2..3L/4, also occurs at position 0).
   */
  static List<Example> copies(int[] stream, List<PassagePool.Passage> planted, PassagePool.Planting plant,
      int context) {
    List<Example> out = new ArrayList<>();
    for (int r = 0; r < plant.repeats(); r++) {
      for (PassagePool.Passage q : planted) {
        int start = q.start() + (r % 2 == 0 ? 0 : plant.length() / 2);
        out.add(window(stream, start, context, q.id() + "-copy" + r));
      }
    }
    return out;
  }

  static double meanMa(CausalLm lm, List<PassagePool.Passage> passages) {
    return PassageScorer.mean(PassageScorer.memorisation(lm, passages.stream().map(PassagePool.Passage::tokens)
        .toList()));
  }

  /** Writes {@code pretrain.json}: preset, planting, seed and result (paths as given, never as URIs). */
  public static void writeReport(Path out, PretrainPreset p, PassagePool.Planting plant, long seed, Result r) {
    Map<String, Object> result = new LinkedHashMap<>();
    // relative to the report, so the report stays true when the directory is moved (the original-model cache does)
    Path ckpt = r.checkpoint().startsWith(out) ? out.relativize(r.checkpoint()) : r.checkpoint();
    result.put("checkpoint", ckpt.toString());
    result.put("parameters", r.parameters());
    result.put("trainTokens", r.trainTokens());
    result.put("steps", r.steps());
    result.put("finalLoss", r.finalLoss());
    result.put("heldOutPerplexity", r.heldOutPerplexity());
    result.put("seconds", r.seconds());
    if (plant.total() > 0) {
      result.put("planting", plant);
      result.put("plantedMa", r.plantedMa());
      result.put("unseenMa", r.unseenMa());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("preset", p);
    json.put("seed", seed);
    json.put("result", result);
    try {
      AtomicFiles.writeString(out.resolve("pretrain.json"), Mappers.JSON.writeValueAsString(json) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Documents tokenised and joined with the end-of-text id 0. */
  static int[] stream(TextTokenizer tok, List<String> docs) {
    List<Integer> ids = new ArrayList<>();
    for (String d : docs) {
      for (long id : tok.ids(d)) {
        ids.add((int) id);
      }
      ids.add(0);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }
}
