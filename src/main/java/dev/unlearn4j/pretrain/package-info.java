/**
 * From-scratch pretraining of causal language models on a real corpus, with planted passages that the model is meant
 * to memorise (the originals of sequence experiments): presets, the planting, the pretraining loop and its report.
 * It sits above {@code train} and {@code eval}, whose trainer and passage scorer it uses.
 */
package dev.unlearn4j.pretrain;
