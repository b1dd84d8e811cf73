package amicatalog.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Hands a DescribeImages page's XML to the caller instead of to the SDK's unmarshaller, which
 * builds a DOM of it (most of a sync's CPU): a request that carries a {@link Page} (as an
 * execution attribute) gets the page's bytes there, and the SDK reads an answer holding only
 * the page's NextToken. The SDK still signs, retries (every attempt passes here; the last one's
 * bytes stay) and reads every error itself.
 */
public final class RawImagePages implements ExecutionInterceptor {
  /** Where the page's XML is left for the request that asked for it. */
  public static final ExecutionAttribute<Page> PAGE = new ExecutionAttribute<>("amicatalog.rawImagePage");

  /** One request's page, filled when EC2 answers it. */
  public static final class Page {
    private volatile byte[] xml;

    /** The XML of the last successful answer, or null when there was none. */
    public byte[] xml() {
      return xml;
    }
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Page page = attributes.getAttribute(PAGE);
    Optional<InputStream> body = context.responseBody();
    if (page == null || body.isEmpty() || !context.httpResponse().isSuccessful()) return body;
    try (InputStream in = body.get()) {
      byte[] xml = in.readAllBytes();
      page.xml = xml;
      String token = nextToken(xml);
      String answer = "<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><imagesSet/>"
          + (token == null ? "" : "<nextToken>" + token + "</nextToken>") + "</DescribeImagesResponse>";
      return Optional.of(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading EC2's answer: " + e.getMessage(), e);
    }
  }

  /**
   * The page's NextToken as it stands in the XML (still escaped: it goes back into XML), searched
   * from the end, where EC2 puts it: text cannot hold a bare '<', so no description can fake it.
   * The full reading of the page checks it (Ec2ImagesXml).
   */
  public static String nextToken(byte[] xml) {
    int start = lastIndexOf(xml, OPEN);
    if (start < 0) return null;
    int from = start + OPEN.length;
    int end = from;
    while (end < xml.length && xml[end] != '<') end++;
    String token = new String(xml, from, end - from, StandardCharsets.UTF_8);
    return token.isBlank() ? null : token;
  }

  private static final byte[] OPEN = "<nextToken>".getBytes(StandardCharsets.US_ASCII);

  private static int lastIndexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = data.length - pattern.length; i >= 0; i--) {
      for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
      return i;
    }
    return -1;
  }
}
