/** Readers for your own labelled data: CSV, JSON Lines and folders of text files. */
package dev.unlearn4j.data.io;
