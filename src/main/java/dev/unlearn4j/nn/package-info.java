/** SameDiff building blocks written from primitives where M2.1's own ops are wrong or not differentiable. */
package dev.unlearn4j.nn;
