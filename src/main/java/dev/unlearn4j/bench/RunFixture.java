package dev.unlearn4j.bench;

import dev.unlearn4j.data.io.NpyTokens;
import dev.unlearn4j.model.causal.BpeTrainer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Inputs for timing a whole sequence run at a real model size without any download: a randomly initialised
 * checkpoint of an architecture (Hugging Face layout, a bytes-only tokenizer of its vocabulary size), a pool of
 * random 200-token rows in the extraction benchmark's {@code .npy} layout and a forget CSV of some of its rows.
 */
public final class RunFixture {
  private RunFixture() {}

  /** Writes {@code checkpoint/}, {@code train_dataset.npy} and {@code lm_extraction_128_0.csv} into {@code dir}. */
  public static void write(GptConfig c, Path dir, int rows, int forget, long seed) {
    if (forget < 1 || forget >= rows) {
      throw new UnlearnException("fixture: forget " + forget + " of " + rows + " pool rows; need 1 <= forget < rows");
    }
    if (Files.exists(dir.resolve("checkpoint"))) {
      throw new UnlearnException(dir.resolve("checkpoint") + " already exists; choose another directory");
    }
    Path tokenizer = dir.resolve("tokenizer.json");
    BpeTrainer.write(BpeTrainer.bytesOnly(c.vocabSize()), tokenizer);
    CausalCheckpoint.save(new CausalLm(c, GptWeights.random(c, seed, DataType.FLOAT)), tokenizer,
        dir.resolve("checkpoint"));
    Random r = new Random(seed);
    int[][] pool = new int[rows][];
    for (int i = 0; i < rows; i++) {
      pool[i] = r.ints(200, 1, c.vocabSize()).toArray();
    }
    NpyTokens.write(dir.resolve("train_dataset.npy"), pool);
    List<Integer> ids = new ArrayList<>(IntStream.range(0, rows).boxed().toList());
    Collections.shuffle(ids, r);
    StringBuilder csv = new StringBuilder("doc_id,corpus,text\n");
    ids.subList(0, forget).forEach(d -> csv.append(d).append(",random,\n"));
    AtomicFiles.writeString(dir.resolve("lm_extraction_128_0.csv"), csv.toString());
  }
}
