package dev.unlearn4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataSourcesTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static CsvSource csv(Path p, String label, String id) {
    return new CsvSource(new CsvSource.Args(p.toString(), "text", label, id, null, ",", null));
  }

  @Test
  void csvWithQuotedTextAndIds() throws Exception {
    Path p = write("d.csv", "id,text,label\na1,\"hello, world\",pos\na2,\"multi\nline\",neg\na3,plain,pos\n");
    Dataset d = csv(p, "label", "id").load();
    assertThat(d.labels()).containsExactly("neg", "pos");
    assertThat(d.examples()).extracting(e -> e.id() + ":" + e.label() + ":" + e.text())
        .containsExactly("a1:1:hello, world", "a2:0:multi\nline", "a3:1:plain");
    assertThat(d.inputFiles()).containsKey(p.toString());
  }

  @Test
  void csvBadInputsNameTheFileAndTheCause() throws Exception {
    Path p = write("d.csv", "text,label\nx,a\ny,b\n");
    assertThatThrownBy(() -> csv(p, "class", null).load()).isInstanceOf(UnlearnException.class)
        .hasMessage(p + ": no column 'class'; columns: [text, label]");
    Path one = write("one.csv", "text,label\nx,a\ny,a\n");
    assertThatThrownBy(() -> csv(one, "label", null).load())
        .hasMessage(one + ": column 'label' has only one class 'a'; a classifier needs at least two");
    Path dup = write("dup.csv", "id,text,label\n1,x,a\n1,y,b\n");
    assertThatThrownBy(() -> csv(dup, "label", "id").load()).hasMessageContaining("duplicate id '1'");
    Path latin1 = Files.write(dir.resolve("l.csv"), new byte[] {'t', ',', 'l', '\n', 'c', 'a', 'f', (byte) 0xE9,
        ',', 'a', '\n'});
    assertThatThrownBy(() -> new CsvSource(new CsvSource.Args(latin1.toString(), "t", "l", null, null, ",", null))
        .load()).hasMessage(latin1 + ": not valid UTF-8 text at line 2 (byte offset 7) (save it as UTF-8)");
    Path missing = dir.resolve("none.csv");
    assertThatThrownBy(() -> csv(missing, "label", null).load()).hasMessage(missing + ": no such file");
    Path empty = write("e.csv", "text,label\n");
    assertThatThrownBy(() -> csv(empty, "label", null).load()).hasMessage(empty + ": no examples");
  }

  @Test
  void aMissingRelativePathSaysWhichDirectoryItWasReadFrom() {
    Path rel = Path.of("no-such-dir", "d.csv");
    assertThatThrownBy(() -> csv(rel, "label", null).load()).hasMessage(rel + ": no such file (relative paths are "
        + "read from the working directory " + Path.of("").toAbsolutePath() + ")");
  }

  @Test
  void aByteOrderMarkIsSkipped() throws Exception {
    Path p = Files.write(dir.resolve("bom.csv"), ("\uFEFFid,text,label\na1,x,pos\na2,y,neg\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(csv(p, "label", "id").load().examples()).extracting(e -> e.id()).containsExactly("a1", "a2");
  }

  @Test
  void inputsThatAreNotRegularFilesAreRefusedBeforeReading() throws Exception {
    assertThatThrownBy(() -> csv(dir, "label", null).load()).hasMessage(dir + ": not a regular file");
    Path fifo = dir.resolve("f.csv");                                  // reading it would wait for a writer
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    assertThatThrownBy(() -> csv(fifo, "label", null).load()).hasMessage(fifo + ": not a regular file");
    assertThatThrownBy(() -> csv(Path.of("/dev/zero"), "label", null).load())
        .hasMessage("/dev/zero: not a regular file");
  }

  @Test
  void jsonLinesAndTheirBadLines() throws Exception {
    Path p = write("d.jsonl", "{\"text\":\"a\",\"label\":\"x\",\"doc\":\"d1\"}\n\n{\"text\":\"b\",\"label\":\"y\"}\n");
    Dataset d = new JsonlSource(new JsonlSource.Args(p.toString(), "text", "label", null, "doc", null)).load();
    assertThat(d.examples()).extracting(e -> e.id() + ":" + e.group()).containsExactly("line-1:d1", "line-3:null");
    Path bad = write("b.jsonl", "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n");
    assertThatThrownBy(() -> new JsonlSource(JsonlSource.Args.defaults().withPath(bad)).load())
        .hasMessage(bad + " line 2: needs the fields 'text' and 'label'");
    Path notJson = write("n.jsonl", "{oops\n");
    assertThatThrownBy(() -> new JsonlSource(JsonlSource.Args.defaults().withPath(notJson)).load())
        .hasMessage(notJson + " line 1: not a JSON object");
  }

  @Test
  void textFolderUsesSubfoldersAsLabels() throws Exception {
    Files.createDirectories(dir.resolve("spam"));
    Files.createDirectories(dir.resolve("ham"));
    Files.writeString(dir.resolve("spam/1.txt"), "win money");
    Files.writeString(dir.resolve("ham/1.txt"), "see you\nat noon");
    Dataset d = new TextFolderSource(new TextFolderSource.Args(dir.toString(), null)).load();
    assertThat(d.labels()).containsExactly("ham", "spam");
    assertThat(d.examples()).extracting(e -> e.id() + "=" + e.text())
        .containsExactly("ham/1.txt=see you\nat noon", "spam/1.txt=win money");
  }
}
