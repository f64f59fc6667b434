/** The causal (generative) model family: GPT-Neo and GPT-2 decoders in SameDiff and their checkpoints. */
package dev.unlearn4j.model.causal;
