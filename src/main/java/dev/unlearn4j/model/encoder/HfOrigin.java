package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The Hugging Face checkpoint an encoder came from, kept so that {@code unlearn export --hf} writes the model back
 * in the same layout: the family, the prefix its encoder tensors carried, its {@code config.json} and the dtype of
 * every tensor.
 *
 * @param modelType {@code bert}, {@code roberta} or {@code distilbert}
 * @param prefix the encoder tensors' prefix in the file ({@code bert.}, {@code roberta.}, {@code distilbert.}, or ""
 *     for a base model saved without it)
 * @param config the checkpoint's config.json
 * @param dtypes each tensor's dtype in the file, by its Hugging Face name
 */
public record HfOrigin(String modelType, String prefix, ObjectNode config, Map<String, String> dtypes) {}
