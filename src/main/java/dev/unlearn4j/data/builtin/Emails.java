package dev.unlearn4j.data.builtin;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jsoup.Jsoup;

/**
 * Turns a raw RFC 822 email into classifier text: the decoded Subject and the decoded text of the body (plain text
 * preferred, HTML reduced to its text, attachments dropped). Every other header is removed: mail-server and
 * filter headers would leak the label.
 */
final class Emails {
  private Emails() {}

  private static final Session SESSION = Session.getInstance(new Properties());

  static String subjectAndBody(byte[] raw) {
    try {
      MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      String subject = m.getSubject();
      String body = text(m);
      return normalise((subject == null ? "" : subject) + "\n" + body);
    } catch (MessagingException | IOException | RuntimeException e) {
      // a message the MIME parser rejects: fall back to everything after the header block
      String s = new String(raw, StandardCharsets.ISO_8859_1);
      int split = s.indexOf("\n\n");
      return normalise(split < 0 ? "" : s.substring(split + 2));
    }
  }

  private static String text(Part p) throws MessagingException, IOException {
    if (p.isMimeType("text/plain")) {
      return content(p);
    }
    if (p.isMimeType("text/html")) {
      return Jsoup.parse(content(p)).text();
    }
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      if (p.isMimeType("multipart/alternative")) {
        for (int i = 0; i < mp.getCount(); i++) {            // the plain alternative when there is one
          if (mp.getBodyPart(i).isMimeType("text/plain")) {
            return content(mp.getBodyPart(i));
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        if (!Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
          sb.append(text(bp)).append('\n');
        }
      }
      return sb.toString();
    }
    if (p.isMimeType("message/rfc822") && p.getContent() instanceof Part inner) {
      return text(inner);
    }
    return "";
  }

  /** A text part's content; a charset Java does not know is read as ISO-8859-1 instead of failing. */
  private static String content(Part p) throws MessagingException, IOException {
    try {
      Object c = p.getContent();
      if (c instanceof String s) {
        return s;
      }
    } catch (IOException | RuntimeException e) {
      // unknown or broken charset: fall through to the raw bytes
    }
    try (InputStream in = p.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Collapses whitespace and strips control characters. */
  static String normalise(String s) {
    return s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").replaceAll("\\s+", " ").strip();
  }
}
