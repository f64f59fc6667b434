package dev.unlearn4j.model.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.LoggerFactory;

/**
 * Hugging Face GPT-Neo and GPT-2 checkpoint directories ({@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}) in both directions. One table links each of unlearn4j's tensors to its Hugging Face name
 * and says whether it is transposed (GPT-Neo's {@code nn.Linear} weights are [out, in]); GPT-2's fused Conv1D
 * {@code c_attn} [D, 3D] is split into q, k and v on load and joined on save. Missing or misshapen tensors fail;
 * unexpected ones are logged.
 */
public final class CausalCheckpoint {
  private CausalCheckpoint() {}

  /** One of unlearn4j's tensors and where it lives in a checkpoint (without the {@code transformer.} prefix). */
  private record Link(String ours, String hf, boolean transposed) {}

  private static final String PREFIX = "transformer.";
  private static final String[] QKV = {"q", "k", "v"};

  /** Buffers and aliases that are not weights of their own. */
  private static final Set<String> IGNORED_SUFFIXES = Set.of("attn.bias", "attn.masked_bias", "lm_head.weight",
      "attn.attention.bias", "attn.attention.masked_bias");

  /** Every tensor except GPT-2's fused c_attn. */
  private static List<Link> links(GptConfig c) {
    List<Link> l = new ArrayList<>(List.of(new Link(GptWeights.WTE, "wte.weight", false),
        new Link(GptWeights.WPE, "wpe.weight", false)));
    boolean neo = c.neo();
    for (int i = 0; i < c.layers(); i++) {
      String h = "h." + i + ".";
      for (String ln : new String[] {"ln_1", "ln_2"}) {
        l.add(new Link(h + ln + ".weight", h + ln + ".weight", false));
        l.add(new Link(h + ln + ".bias", h + ln + ".bias", false));
      }
      String out = neo ? h + "attn.attention.out_proj" : h + "attn.c_proj";
      if (neo) {
        for (String m : QKV) {
          l.add(new Link(h + "attn." + m + ".weight", h + "attn.attention." + m + "_proj.weight", true));
        }
      }
      l.add(new Link(h + "attn.out.weight", out + ".weight", neo));
      l.add(new Link(h + "attn.out.bias", out + ".bias", false));
      l.add(new Link(h + "mlp.fc.weight", h + "mlp.c_fc.weight", neo));
      l.add(new Link(h + "mlp.fc.bias", h + "mlp.c_fc.bias", false));
      l.add(new Link(h + "mlp.proj.weight", h + "mlp.c_proj.weight", neo));
      l.add(new Link(h + "mlp.proj.bias", h + "mlp.c_proj.bias", false));
    }
    l.add(new Link("ln_f.weight", "ln_f.weight", false));
    l.add(new Link("ln_f.bias", "ln_f.bias", false));
    return l;
  }

  /** Whether {@code dir}'s {@code config.json} describes a causal model this project reads (GPT-Neo, GPT-2). */
  public static boolean isCausal(Path dir) {
    try {
      String type = new ObjectMapper().readTree(dir.resolve("config.json").toFile()).path("model_type").asText();
      return type.equals(GptConfig.NEO) || type.equals(GptConfig.GPT2);
    } catch (IOException e) {
      return false;
    }
  }

  /** The architecture a checkpoint directory's {@code config.json} describes. */
  public static GptConfig config(Path dir) {
    Path cfgFile = dir.resolve("config.json");
    JsonNode cfgTree;
    try {
      cfgTree = new ObjectMapper().readTree(cfgFile.toFile());
    } catch (IOException e) {
      throw new UnlearnException(cfgFile + ": cannot read config.json (" + e.getMessage() + ")");
    }
    return GptConfig.fromHf(cfgTree, cfgFile.toString());
  }

  public static CausalLm load(Path dir) {
    GptConfig c = config(dir);
    Map<String, INDArray> raw = new LinkedHashMap<>();
    Safetensors.read(dir.resolve("model.safetensors")).forEach((k, v) ->
        raw.put(k.startsWith(PREFIX) ? k.substring(PREFIX.length()) : k, v));
    Map<String, INDArray> w = new LinkedHashMap<>();
    Set<String> unused = new TreeSet<>(raw.keySet());
    for (Link link : links(c)) {
      INDArray a = raw.get(link.hf());
      if (a != null) {
        w.put(link.ours(), link.transposed() ? transpose(a) : a);
        unused.remove(link.hf());
      }
    }
    if (!c.neo()) {
      for (int i = 0; i < c.layers(); i++) {
        splitQkv(raw, "h." + i + ".", c.hidden(), w);
        unused.remove("h." + i + ".attn.c_attn.weight");
        unused.remove("h." + i + ".attn.c_attn.bias");
      }
    }
    String where = dir.resolve("model.safetensors").toString();
    Map<String, INDArray> ordered = new LinkedHashMap<>();
    for (String name : GptWeights.names(c)) {
      INDArray a = w.get(name);
      if (a == null) {
        throw new UnlearnException(where + ": missing tensor for '" + name + "'");
      }
      if (!Arrays.equals(a.shape(), GptWeights.shape(c, name))) {
        throw new UnlearnException(where + ": tensor '" + name + "' has shape " + Arrays.toString(a.shape())
            + ", the config implies " + Arrays.toString(GptWeights.shape(c, name)));
      }
      ordered.put(name, a);
    }
    unused.removeIf(k -> IGNORED_SUFFIXES.stream().anyMatch(k::endsWith));
    if (!unused.isEmpty()) {
      LoggerFactory.getLogger(CausalCheckpoint.class).warn("{}: ignoring unexpected tensors {}", where, unused);
    }
    return new CausalLm(c, ordered);
  }

  /** GPT-2's c_attn [D, 3D] (already [in, out]) and its bias [3D] into q, k and v. */
  private static void splitQkv(Map<String, INDArray> raw, String h, long d, Map<String, INDArray> w) {
    INDArray qkv = raw.get(h + "attn.c_attn.weight");
    INDArray bias = raw.get(h + "attn.c_attn.bias");
    for (int p = 0; p < 3; p++) {
      if (qkv != null && qkv.rank() == 2 && qkv.size(1) == 3 * d) {
        w.put(h + "attn." + QKV[p] + ".weight",
            qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(p * d, (p + 1) * d)).dup('c'));
      }
      if (bias != null && bias.length() == 3 * d) {
        w.put(h + "attn." + QKV[p] + ".bias", bias.get(NDArrayIndex.interval(p * d, (p + 1) * d)).dup('c'));
      }
    }
  }

  /**
   * Writes {@code lm} as a Hugging Face checkpoint directory (Hugging Face names and layouts) with its tokenizer,
   * loadable by {@link #load} and by transformers.
   */
  public static void save(CausalLm lm, Path tokenizer, Path dir) {
    GptConfig c = lm.config();
    Map<String, INDArray> w = lm.weights();
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (Link link : links(c)) {
      INDArray a = w.get(link.ours());
      out.put(PREFIX + link.hf(), link.transposed() ? transpose(a) : a);
    }
    if (!c.neo()) {
      for (int i = 0; i < c.layers(); i++) {
        String h = "h." + i + ".attn.";
        out.put(PREFIX + h + "c_attn.weight", Nd4j.hstack(w.get(h + "q.weight"), w.get(h + "k.weight"),
            w.get(h + "v.weight")));
        out.put(PREFIX + h + "c_attn.bias", Nd4j.concat(0, w.get(h + "q.bias"), w.get(h + "k.bias"),
            w.get(h + "v.bias")));
      }
    }
    try {
      Files.createDirectories(dir);
      Safetensors.write(dir.resolve("model.safetensors"), out, Map.of("format", "pt"));
      AtomicFiles.write(dir.resolve("tokenizer.json"), o -> Files.copy(tokenizer, o));
      ObjectMapper json = new ObjectMapper();
      AtomicFiles.writeString(dir.resolve("config.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(c.toHf(json)) + "\n");
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot write checkpoint (" + e.getMessage() + ")");
    }
  }

  private static INDArray transpose(INDArray a) {
    return a.transpose().dup('c');
  }
}
