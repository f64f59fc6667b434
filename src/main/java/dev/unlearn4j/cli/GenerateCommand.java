package dev.unlearn4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.BeamSearch;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn generate --model CKPT --prompt T ... [--max-new-tokens N] [--beams K]}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Continue prompts with a causal checkpoint (GPT-Neo or GPT-2 layout, e.g. an unlearned run's "
        + "model/): greedy or beam search, one JSON object per prompt on standard output.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "causal checkpoint directory (config.json, model.safetensors, tokenizer.json)")
  Path model;

  @Option(names = "--prompt", required = true, paramLabel = "T", description = "a prompt (repeatable)")
  List<String> prompts;

  @Option(names = "--max-new-tokens", defaultValue = "50", paramLabel = "N",
      description = "tokens to generate, fewer where the model's positions run out (${DEFAULT-VALUE})")
  int maxNew;

  @Option(names = "--beams", defaultValue = "1", paramLabel = "K",
      description = "beam width; 1 is greedy decoding (${DEFAULT-VALUE}; ICU's refinement uses 2)")
  int beams;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (maxNew < 1 || beams < 1) {
      throw new UnlearnException("--max-new-tokens and --beams must be at least 1");
    }
    CausalLm lm = CausalCheckpoint.load(model);
    int eos = Mappers.JSON.readTree(model.resolve("config.json").toFile()).path("eos_token_id").asInt(-1);
    PrintWriter out = spec.commandLine().getOut();
    try (TextTokenizer tok = TextTokenizer.untruncated(model.resolve("tokenizer.json"))) {
      for (String prompt : prompts) {
        long[] ids = tok.ids(prompt);
        if (ids.length == 0) {
          throw new UnlearnException("--prompt '" + prompt + "' has no tokens");
        }
        int[] p = new int[ids.length];
        for (int i = 0; i < p.length; i++) {
          p[i] = (int) ids[i];
        }
        int[] cont = BeamSearch.generate(lm, new int[][] {p}, maxNew, beams, 1.0, eos)[0];   // beam 1 = greedy
        ObjectNode o = Mappers.JSON.createObjectNode();
        o.put("prompt", prompt);
        o.put("continuation", tok.decode(cont));
        o.put("tokens", cont.length);
        out.println(o);                                                          // compact: one line each
      }
    }
    out.flush();
    return 0;
  }
}
