/**
 * The causal (generative) model family: GPT-Neo and GPT-2 decoders in SameDiff and their checkpoints, cached
 * generation (greedy, beam search), byte-level BPE and from-scratch pretraining with planted passages.
 */
package dev.unlearn4j.model.causal;
