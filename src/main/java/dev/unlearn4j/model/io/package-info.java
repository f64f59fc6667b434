/** Weight file formats: safetensors. */
package dev.unlearn4j.model.io;
